"""Read a chapter of an annual report and propose the records it tells, for staff to review.

Rules and the database's own gazetteer only: no network, no language model. The pieces, in the
order they run: passages (paragraphs, captions, headings), gazetteer (names of offices,
countries, groupings and people), when (months and days as precise as the text), events (what
kind of record a sentence tells) and build (proposals, one per fact).
"""
