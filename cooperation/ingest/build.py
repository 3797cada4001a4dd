"""Proposals from passages: one per fact, with its partners, people, place, date and quote."""

import calendar
import hashlib
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from . import clauses, events, when
from .gazetteer import Gazetteer, Hit
from .passages import Passage

# A sentence that goes on about the previous one's event takes its date, and quotes both.
ANAPHORA = re.compile(
    r"^(?:During (?:the|his|her|this) (?:visit|meeting|stay|trip)|The two (?:sides|offices|parties)|Both sides|"
    # "The heads adopted …", "The partner offices …": those of the meeting just told.
    r"The (?:heads(?! of)|(?:partner|participating|member) offices)|On (?:this|that) occasion|At the meeting|At (?:this|that) meeting|Meanwhile"
    r"|(?:That|In that|The same|In the same|During the same|Later that|Earlier that|Later (?:in )?the same) month"
    r"|During the same (?:trip|visit))\b"
)
ALONG = re.compile(
    r"\b(?:in tandem with|on the sidelines of|on the margins of|on the same day|at the same time|"
    r"back[- ]to[- ]back with|at (?:its|the) (?:close|opening|end)\b(?! of)|in tandem|"
    r"on the (?:following|next|same) day|the day (?:before|after)|"
    # "Two days later, …", "A day later", "the following week": a time counted from the event
    r"(?:a|one|two|three|four|five|six|several|\d) days? (?:later|after(?:wards)?)|the (?:following|next) week)\b",
    re.I,
)
# "in the summer": a time of its own, but no month; the paragraph's month does not date it.
# "met twice in the year": more than one time, so no one month either.
SEASON = re.compile(
    r"\b(?:in|during|over) (?:the )?(?:early |late )?(?:spring|summer|autumn|fall|winter)\b"
    r"|\b(?:twice|several times|\w+ times)\b|\b(?:in|during|over|throughout) the year\b"
    r"|"
    + clauses.PART_OF_YEAR
    +  # "By the end of June, …": a bound, no month of its own nor the paragraph's
    r"|^(?:By|Until) (?:the (?:end|middle) of )?(?:early |mid-|late )?(?:[0-3]?\d )?(?:"
    + "|".join(when.MONTHS)
    + r")\b"
    # "Ahead of the meeting, …": some time before the event told, in a month not written.
    r"|^(?:Ahead of|Before|Prior to|In (?:the )?run-up to|In preparation for) (?:the|this|that|its) \w+,"
)
# "in 2024", "by the end of 2023": a time of its own, no month of the paragraph's.
OWN_YEAR = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]hroughout|[Oo]ver) (?:the (?:end|beginning|course) of )?"
    r"(?:19|20)\d\d\b(?!-)"
)
YEAR_OPENS = re.compile(r"(?:In|During|Over|Throughout) (?:19|20)\d\d\b(?!-)")
TELLS_BACK = re.compile(
    r"\b(?:the|this|that|its|their) (?:[\w-]+ )?(?:meeting|forum|conference|visit|event|session|summit|"
    r"delegation|heads|occasion|talks)\b"
)
NEW_NAME = re.compile(
    # ("The Meeting adopted …": the meeting told, named by its noun alone)
    rf"^(?:The|An?) (?!(?:{events.EVENT_NOUNS}) (?:[a-z]+ed|was|were|had|also)\b)(?:\d{{1,3}}(?:st|nd|rd|th) )?(?:[A-Z][\w-]*(?: (?:of|on|for|and|in))? ){{0,8}}?(?:{events.EVENT_NOUNS})\b"
)
SUBJECT_OFFICE = re.compile(
    r"\b(?:operation|establishment|functioning|opening|running|work) of (?:the )?$"
)
SAME_TRIP = re.compile(
    r"^(?:During|On) the same (?:trip|visit|tour|journey)\b"
    # "She then travelled to Nordland.": the visit just told goes on
    r"|^(?:He|She|They|It) (?:then |later |also )?(?:travell?ed|went|flew|continued) (?:on )?to\b"
    # "In Prague, the delegation visited …": the delegation just told, at another stop.
    r"|^(?:(?:In|At) [A-Z][\w-]*(?: [A-Z][\w-]*)?, |Then,? |Afterwards,? |Next,? "
    r"|On (?:the|its|his|her|their) way (?:back|home|there),? )?"
    r"(?:the|his|her) delegation (?:also )?(?:visited|went on to|travell?ed (?:on )?to|stopped (?:over )?in)\b"
)
# "led the delegation … to attend, by video link from …": no one travelled.
VIRTUAL = re.compile(
    r"^[^.;]{0,60}?\b(?:attend|participate|take part|join)\w*(?: in)?,? (?:by video(?:[- ]?(?:link|conference|call))?|"
    r"via video|online|virtually|remotely)\b",
    re.I,
)
# "A <home> delegation attended it": the meeting, and the place, of the sentence before.
ATTENDED_IT = re.compile(r"\bdelegations? (?:attended|took part in|participated in) (?:it|them)\b")
# A sentence whose parties are those of the sentence before: "The two heads signed …".
BACK_REFERENCE = re.compile(
    # ("…, and a joint statement was adopted by the five design offices")
    r"^[^.;]*\bby the (?:two|three|four|five|six) (?:[\w-]+ )?(?:sides|offices|heads|parties)\b"
    # ("On the same day, the two offices signed …": a time set before them)
    r"|^(?:(?:On|At|During|Later|After|Afterwards|Then|Meanwhile|(?:A|One|Two|Three|Several) days? later"
    r"|The (?:next|following|same) day)\b[^,.;]{0,40},\s+(?=[Tt]he|[Bb]oth|[Tt]hey))?"
    r"(?:[Tt]he (?:two|three|four|five|\w+ participating) (?:sides|offices|heads|parties|delegations|organizations|institutions)"
    r"|[Bb]oth (?:sides|offices|parties|heads|delegations)|[Tt]he (?:parties|sides)|[Tt]hey"
    # "The Meeting adopted …": the parties of the meeting just told ("The participants
    # adopted …" are all who came, no one party).
    r"|The (?:Meeting|Conference|Forum|Session|Summit|Dialogue)(?= (?:[a-z]+ed|also)\b)"
    r"|The (?:partner|participating|member) offices)\b"
)
ANOTHER_DAY = re.compile(
    r"\b(?:next|following) (?:day|week)\b|\bdays? (?:later|after(?:wards)?)\b|\bthe day (?:before|after)\b",
    re.I,
)
ANOTHER_MONTH = re.compile(
    r"\b(?:the )?(?:following|next|subsequent) month\b|\b(?:a|one|two|three|four|five|six|several|"
    r"\d{1,2}) months? (?:later|after(?:wards)?)\b|\bthe month (?:before|after)\b",
    re.I,
)
THE_PARTY = re.compile(
    r"\b(?:with|from|by|to) the (?:office|side|organization|institute|authority|agency)\b(?! of)"
)
# "a record of discussion was signed.": a document signed by no one named
PASSIVE_NO_PARTY = re.compile(
    r"\b(?:was|were) (?:also )?(?:signed|concluded|adopted|initialled)\b(?! (?:with|by|between)\b)"
)
WITH_PRONOUN = re.compile(r"\b(?:talks|met|meetings?) with (?:him|her|them)\b")
LED_SIDE = re.compile(r"\b(?:led|headed) (?:the|its|their) (?:[\w-]+ )?side\b")
THE_DELEGATION_MET = re.compile(r"^(?:The|This|His|Her) delegation (?:also )?met\b")
THE_HEADS = re.compile(
    r"^(?:(?:On|At|During|Later|After|Afterwards|Then|(?:A|One|Two|Three|Several) days? later)\b"
    r"[^,.;]{0,40},\s+)?[Tt]he heads\b(?! of)"
    # "The heads of delegation of the three offices met …": those just told, by their number
    r"|^[Tt]he heads of (?:the )?delegations?(?: of the (?:two|three|four|five|six|\w+ participating) "
    r"(?:offices|sides|parties|countries))?\b"
)
OPENING_MONTH = re.compile(
    r"^(?:(?:Also|Later|Then),?\s+in\s+|In\s+|On\s+|From\s+)(?:early\s+|mid-|late\s+)?(?:{0})\b"
    # "Deputy Commissioner X, in September, led …": the month set off after the subject.
    r"|^[^,.]{{0,80}},\s+(?:in|on)\s+(?:early\s+|mid-|late\s+)?(?:{0})\b[^,.]{{0,12}},".format(
        "|".join(when.MONTHS)
    )
)
TITLES = (
    r"Deputy Commissioner|Assistant Commissioner|Commissioner|Director[- ]General|Deputy Director[- ]General|"
    r"Executive Director|President|Vice[- ]President|Vice[- ]Premier|Premier|State Councilor|Minister|"
    r"Senior Minister|Ambassador|Chief Executive|Secretary[- ]General|Chairman|Chairwoman|Director|Commissioner General"
)
PERSON = re.compile(
    rf"\b(?P<title>{TITLES})\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){{1,3}})"
    rf"|\b(?:Mr|Ms|Mrs|Dr)\.\s+(?P<name2>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,3}}),\s+(?P<title2>[A-Z][^,.;]{{3,80}}?)(?=\s+(?:in|at)\s+[A-Z]|[,.;]|$)"
)
CITY = re.compile(
    # ("in Rio de Janeiro", "in Dar es Salaam": a particle inside a city's name)
    r"\b(?:in|at)\s+(?P<city>[A-Z][a-z]+(?:\s(?:(?:de|da|do|dos|es|del|la)\s)?(?:[A-Z][a-z]+|[A-Z]\.[A-Z]\.))?)(?:\s+[Cc]ity)?"
    # (what follows the comma is looked at, not taken: "in November, … in Riyadh" is read on)
    r"(?:(?=,\s*(?P<rest>[A-Z][\w ]+)))?"
)
QUALIFIERS = {
    "more than": "more-than", "over": "more-than", "almost": "almost", "nearly": "almost",
    "about": "about", "around": "about", "approximately": "about", "some": "about",
}  # fmt: skip
FIGURE = re.compile(
    r"(?:\b(?P<q>more than|over|almost|nearly|about|around|approximately|some)\s+)?"
    r"(?<![\w.,-])(?:(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})(?![\w.,]\d)|(?P<w>(?i:"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen)))(?:\s+(?P<unit>(?:(?:new|visiting|international|bilateral|multi-?lateral|and|foreign|official|trial|cooperation|training|IP|PPH)\s+)*[a-z][a-z/-]+s\b(?:/times)?))"
)


@dataclass
class Proposal:
    type: str
    kind: str
    title: str
    year: int
    month: int | None
    day: int | None
    quote: str
    passage: Passage
    start: int  # of the event's words in the passage, for the key and the order
    direction: str = ""
    offices: list = field(default_factory=list)  # slugs
    countries: list = field(default_factory=list)  # codes
    people: list = field(default_factory=list)  # {"name", "title", "person"}
    city: str = ""
    venue_country: str | None = None
    unknown_names: list = field(default_factory=list)
    matches: list = field(default_factory=list)  # [start, end, label] in the passage
    other_passages: list = field(default_factory=list)
    occasion: "Proposal | None" = None
    figure_value: int | None = None
    figure_qualifier: str = ""
    figure_unit: str = ""

    @property
    def key(self) -> str:
        raw = f"{self.passage.ref}:{self.type}:{self.kind}:{self.start}:{','.join(self.offices)}:{','.join(self.countries)}"
        if not self.offices and not self.countries and self.unknown_names:
            # "received delegations from A, B and C", none of them known: one visit from each.
            raw += f":{','.join(self.unknown_names)}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]  # noqa: S324 - a key, not a secret

    @property
    def date(self) -> str:
        if self.month is None:
            return f"{self.year}"
        return f"{self.year}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def partner_keys(self, gazetteer: Gazetteer) -> frozenset:
        return partner_keys(gazetteer, self.offices, self.countries)


def partner_keys(gazetteer: Gazetteer, offices, countries) -> frozenset:
    """Partners compared by country, or by organization where it has none; the home left out."""
    keys = set()
    for slug in offices:
        office = gazetteer.offices.get(slug)
        if slug == gazetteer.home_office or office is None:
            continue
        keys.add(office["country"] or slug)
    keys.update(countries)
    keys.discard(gazetteer.home_country)
    return frozenset(keys)


def propose(passages: list[Passage], *, gazetteer: Gazetteer, year: int) -> list[Proposal]:
    found: list[Proposal] = []
    for passage in passages:
        previous = support = None
        parties: list[Hit] = []  # the foreign parties of the sentence before
        parties_and_venue: list[Hit] = []
        previous_start = 0
        told_months: set = set()  # the months the paragraph told so far
        for number, (start, end) in enumerate(passage.sentences):
            sentence = passage.text[start:end]
            date = when.find(sentence, year=year)
            quote_start = start
            if date.month is None and ANOTHER_MONTH.search(sentence):
                # ("The following month, …": a month not written, so the year alone; and the
                # sentences after it go on from it, not from the month told before)
                previous = None
            if (
                date.month is None
                and previous
                and not SEASON.search(sentence)
                # ("In 2024, the office also held …": a time of its own, told first)
                and not YEAR_OPENS.match(sentence)
                and (
                    ANAPHORA.match(sentence)
                    or ALONG.search(sentence)
                    or ATTENDED_IT.search(sentence)
                    or previous[2]
                    # A paragraph tells one occasion: a sentence with no time of its own goes on
                    # with the month told before it ("Commissioner X led the delegation."), unless
                    # it names a year, or the office "also" did something else.
                    or not (
                        OWN_YEAR.search(sentence)
                        # ("The Master Program on X enrolled …": an event of its own, newly named)
                        or NEW_NAME.match(sentence)
                        or re.match(rf"(?:{gazetteer.home_pattern}|The Office) also\b", sentence)
                        # (a paragraph that told several months is a chronicle: a sentence goes
                        # on with the last only where it says so, "the delegation", "the meeting")
                        or (len(told_months) > 1 and not TELLS_BACK.search(sentence))
                    )
                    or (
                        previous[1] == previous_start
                        and _continues(sentence, parties, gazetteer)
                        and (len(told_months) < 2 or TELLS_BACK.search(sentence))
                    )
                )
            ):
                date, quote_start = previous[0], previous[1]
                if ANOTHER_DAY.search(sentence):
                    # ("The next day, they signed …": the month told, not its day)
                    date = when.When(date.year, date.month)
            elif date.month is not None:
                # A paragraph that opens "In May, …" tells May's events: its later sentences
                # without a month of their own are dated by it, and quote it.
                opens = number == 0 and bool(OPENING_MONTH.match(sentence))
                previous = (date, start, opens)
            if date.month is not None:
                told_months.add(date.month)
            backers = _backers(sentence, gazetteer)
            if not backers and support and PRONOUN_SUBJECT.match(sentence):
                # "Under the assistance of WIPO, SIPO carried out … It organized the …": the
                # same backing, and the quote starts where it is named.
                backers, quote_start = support[0], min(quote_start, support[1])
            inherited = (
                parties_and_venue
                if ATTENDED_IT.search(sentence)
                else parties
                if BACK_REFERENCE.match(sentence)
                # ("Y visited <home>. X held talks with her …": the visitor just told)
                or (
                    WITH_PRONOUN.search(sentence)
                    and not _partners(gazetteer.find(sentence), gazetteer)
                )
                # "It also signed a work plan with the office.": the office just told; "X led
                # the home side, and a record was signed": the side of the meeting just told
                or (
                    (
                        THE_PARTY.search(sentence)
                        or PASSIVE_NO_PARTY.search(sentence)
                        or LED_SIDE.search(sentence)
                    )
                    and not _partners(gazetteer.find(sentence), gazetteer)
                )
                # "The heads adopted …" names no one: the heads who just met ("The heads
                # of BRICS …" or "The heads adopted the BRICS …" name their own).
                or (
                    THE_HEADS.match(sentence)
                    and not any(
                        h.kind in ("office", "country", "grouping") and not gazetteer.is_home(h)
                        for h in gazetteer.find(sentence)
                    )
                )
                else []
            )
            if inherited:
                quote_start = min(quote_start, previous_start)
            made = _from_sentence(
                passage, sentence, start, quote_start, end, date, gazetteer, backers, inherited
            )
            _by_clause(made, sentence, start, date, gazetteer, year)
            made = _done(made, sentence, start)
            _examiners_exchanged(made, sentence)
            made = _each_with_its_month(made, sentence, gazetteer, year)
            _numbered_months(made, sentence, start, year)
            went = _delegation_to_meeting(made, found, passage, sentence, start, end, gazetteer)
            made.extend(went)
            trip = next(
                (p for p in reversed(found) if p.passage is passage and p.kind == "outgoing"), None
            )
            for proposal in [p for p in made if trip is not None and _on_trip(p, trip, gazetteer)]:
                # "…; in Nairobi, it visited KIPI": a stop of the trip just told, not another.
                trip.offices = list(dict.fromkeys(trip.offices + proposal.offices))
                trip.quote = passage.text[_quote_at(passage, trip.quote) : end]
                made.remove(proposal)
            for proposal in made:
                if trip is None or proposal.type not in ("meeting", "agreement"):
                    continue
                venues = {proposal.venue_country} | {
                    code
                    for city, code in gazetteer.cities.items()
                    if re.search(rf"\b(?:[Ii]n|[Aa]t) {re.escape(city)}\b", sentence)
                }
                if proposal.month != trip.month or not venues & set(trip.countries):
                    continue
                # "visited A and B. In <a city of A>, the Heads Meeting with X was held …": the
                # organizations met at a stop of the trip are visited too.
                met = [o for o in proposal.offices if not gazetteer.offices[o]["country"]]
                if set(met) - set(trip.offices):
                    trip.offices = list(dict.fromkeys(trip.offices + met))
                    trip.quote = passage.text[_quote_at(passage, trip.quote) : end]
            if trip is not None and THE_DELEGATION_MET.match(sentence):
                # "… visited A and B. The delegation met the heads of …": the visit's meetings,
                # no meeting of their own (as "visited X and met its head" is not).
                made = [p for p in made if p.kind != "high-level-meeting"]
            if trip is not None and re.match(r"(?:He|She|They) (?:also )?met\b", sentence):
                # "… visited Nordland. He met the President of the Nordic office.": a meeting
                # of the visit, with those it went to.
                made = [
                    p
                    for p in made
                    if p.kind != "high-level-meeting"
                    or p.month != trip.month
                    or not p.partner_keys(gazetteer) <= trip.partner_keys(gazetteer)
                ]
            if trip is not None and SAME_TRIP.match(sentence):
                # "During the same trip, he visited …": more places of the visit just told.
                for proposal in [p for p in made if p.kind == "outgoing"]:
                    trip.offices = list(dict.fromkeys(trip.offices + proposal.offices))
                    trip.countries = list(dict.fromkeys(trip.countries + proposal.countries))
                    trip.quote = passage.text[_quote_at(passage, trip.quote) : end]
                    made.remove(proposal)
                # ("On the way back, the delegation stopped in <a city>, where …": one more stop)
                gone = [h.key for h in _cities_gone_to(sentence, gazetteer)]
                if gone and not set(gone) <= set(trip.countries):
                    trip.countries = list(dict.fromkeys(trip.countries + gone))
                    trip.quote = passage.text[_quote_at(passage, trip.quote) : end]
            for proposal in _told_before(made, found, passage, end):
                made.remove(proposal)
            if not any(p.type in ("meeting", "training") for p in made):
                # (a document the attendees adopted is told besides: "… attended the meeting
                # and the X Joint Statement was adopted")
                _attendees_join(sentence, found, passage, end, gazetteer)
            found.extend(made)
            support = (backers, start) if backers else None
            last_month = max((m.end() for m in when.MONTH.finditer(sentence)), default=0)
            if previous and clauses.PART_OF_YEAR_RE.search(sentence, last_month):
                # "… with A on 4 May and with B in the second half of the year.": the sentence
                # ends in a time of no one month, so the next does not go on with May.
                previous = None
            named_now = _parties(sentence, gazetteer)
            if named_now[1] or not PRONOUN_LEAD.match(sentence):
                # ("… visited X. It was led by its President. The two offices signed …": a
                # sentence about the same visit that names no one keeps the parties told)
                parties, parties_and_venue = named_now
                previous_start = start
    found = _merge_repeats(found, gazetteer)
    return found


# "More than 40 officials from A, B and C attended.": those who came to the event just told.
ATTENDEES = re.compile(
    r"^(?:[\w,-]+ ){0,3}?(?i:officials|examiners|participants|representatives|trainees|students|"
    r"judges|delegates)(?: of [\w ]{1,40}?)? from (?P<list>[^.;]+?),? (?:attended|took part|participated)\b"
)


# "Heads and representatives of the IP offices of A, B and C attended the meeting": the offices
# that came to the meeting just told.
HEADS_ATTENDED = re.compile(
    r"^(?i:heads|representatives|delegates|delegations)(?: (?:and|or) (?i:heads|representatives|"
    r"delegates|deputy heads))? of (?:the )?(?:(?:IP|intellectual property|patent) )?"
    r"(?:offices|authorities|agencies) of (?P<list>[^.;]+?),? (?:attended|took part in|participated in)"
    r" (?:the|this|that) (?:meeting|forum|conference|event|session|summit|seminar)\b"
)


def _attendees_join(sentence: str, found: list, passage: Passage, end: int, gazetteer) -> None:
    """Those a sentence says attended, without an event of its own, join the meeting or
    training its passage just told."""
    came = ATTENDEES.match(sentence) or HEADS_ATTENDED.match(sentence)
    if not came:
        return
    told = next(
        (p for p in reversed(found) if p.passage is passage and p.type in ("meeting", "training")),
        None,
    )
    hits = [
        h
        for h in _distinct(_partners(gazetteer.find(sentence), gazetteer))
        if came.start("list") <= h.start < came.end("list")
    ]
    if told is None or not hits:
        return
    offices, countries = _split_partners(hits)
    told.offices = list(dict.fromkeys(told.offices + offices))
    told.countries = list(dict.fromkeys(told.countries + countries))
    told.quote = passage.text[_quote_at(passage, told.quote) : end]


def _quote_at(passage: Passage, quote: str) -> int:
    """Where *quote* starts in its passage; the passage's start if it is not there (a quote
    rewritten since), so that a quote always stays verbatim rather than the reading failing."""
    at = passage.text.find(quote)
    return at if at >= 0 else 0


# "Commissioner X led the CNIPA delegation.", "Deputy Commissioner Y attended the meeting, where
# …": the home office's delegation to the meeting its paragraph just told.
OWN_DELEGATION = re.compile(
    r"\b(?:led|headed) (?:the|a|an|his|her|its) (?:[\w-]+ ){0,2}delegation\b(?! (?:of|from)\b)"
    # ("A <home> delegation headed by X attended both meetings")
    r"|\b(?:[Tt]he|[Aa]n?|[Ii]ts) (?:[\w-]+ ){0,2}delegation(?:,? (?:headed|led) by [^.;]{0,60}?,?)? (?:also )?"
    r"(?:took part|participated|attended)\b"
    r"|^(?:[A-Z][\w-]*\s){1,5}(?:also )?attended(?: the (?:meeting|session|sessions|event|forum|"
    r"conference|summit|assembly|assemblies))?\s*[,.;]"
)


def _delegation_to_meeting(made, found, passage, sentence, start, end, gazetteer) -> list:
    """The home office's delegation that a sentence tells went to the meeting told before it in
    its paragraph, where that meeting was held abroad: to the venue's country (and to the one
    organization whose meeting it was)."""
    own = OWN_DELEGATION.search(sentence)
    if not own or any(p.type == "delegation" for p in made):
        return []
    meeting = next(
        (p for p in reversed(found) if p.passage is passage and p.type == "meeting"), None
    )
    if meeting is None:
        return []
    named = {h.key for h in _partners(gazetteer.find(sentence), gazetteer)}
    if named - set(meeting.offices) - set(meeting.countries):
        return []  # a delegation to partners of its own
    venue = _venue_abroad(meeting, gazetteer)
    if venue is None:
        return []
    offices = [k for k in meeting.offices if not gazetteer.offices[k]["country"]]
    offices = offices if len(meeting.offices) == 1 else []
    quote = passage.text[_quote_at(passage, meeting.quote) : end]
    visited = [Hit("office", k, 0, 0) for k in offices] + [Hit("country", venue, 0, 0)]
    event = events.Event("delegation", "outgoing", own.start(), own.end(), direction="sent")
    return [
        replace(
            meeting, type="delegation", kind="outgoing", direction="sent", offices=offices,
            countries=[venue], title=_title(event, visited, sentence, gazetteer), quote=quote,
            start=start + own.start(), people=_people(sentence, gazetteer), occasion=None,
            other_passages=[], matches=[[start + own.start(), start + own.end(), "delegation"]],
        )
    ]  # fmt: skip


def _venue_abroad(meeting: Proposal, gazetteer: Gazetteer) -> str | None:
    """The country abroad where a meeting was held, by its venue or a city its words name."""
    if meeting.venue_country and meeting.venue_country != gazetteer.home_country:
        return meeting.venue_country
    # (the city named first in the words, not the first of the data's list)
    named = [
        (found.start(), code)
        for city, code in gazetteer.cities.items()
        if code != gazetteer.home_country
        and (found := re.search(rf"\b(?:in|at) {re.escape(city)}\b", meeting.quote))
    ]
    return min(named)[1] if named else None


def _each_with_its_month(made: list, sentence: str, gazetteer: Gazetteer, year: int) -> list:
    """ "held with A in March, with B in May and with C in October", "from A (May) and B (June)",
    "with A and B in January and March respectively": where each partner has a month of its own,
    one event with each, in its month."""
    hits = _distinct(_partners(gazetteer.find(sentence), gazetteer))
    months = _months_by_partner(sentence, hits, year)
    if not months:
        return made
    kept = []
    for proposal in made:
        own = [h for h in hits if h.key in proposal.offices + proposal.countries]
        if not own or any(h.key not in months for h in own):
            kept.append(proposal)
            continue
        for hit in own:
            date = months[hit.key]
            offices, countries = _split_partners([hit])
            kept.append(
                replace(
                    proposal, offices=offices, countries=countries, year=date.year,
                    month=date.month, day=date.day,
                    title=_title_for(proposal, hit, gazetteer) if len(own) > 1 else proposal.title,
                )
            )  # fmt: skip
    return kept


def _numbered_months(made: list, sentence: str, start: int, year: int) -> None:
    """ "the 54th and 55th meetings of X, in February and August respectively": each its month."""
    numbered = sorted(
        (p for p in made if re.match(r"\d+(?:st|nd|rd|th) meeting of ", p.title)),
        key=lambda p: p.start,
    )
    if len(numbered) < 2 or not re.search(r"\brespectively\b", sentence):
        return
    after = numbered[-1].start - start
    dates = [
        date
        for match in when.MONTH.finditer(sentence, after)
        if (date := when.find(sentence[match.start() :], year=year)).month is not None
    ]
    if len(dates) == len(numbered):
        for proposal, date in zip(numbered, dates, strict=True):
            proposal.year, proposal.month, proposal.day = date.year, date.month, None


def _months_by_partner(sentence: str, hits: list[Hit], year: int) -> dict:
    """Each partner's own month, where the sentence gives two or more partners different ones."""
    if len(hits) >= 2 and re.search(r"\brespectively\b", sentence):
        # "In May and June respectively, … from A and B": the months told first, in order.
        before = [
            date
            for match in when.MONTH.finditer(sentence, 0, hits[0].start)
            if (date := when.find(sentence[match.start() :], year=year)).month is not None
        ]
        if len(before) == len(hits) and len({d.month for d in before}) == len(before):
            return {
                hit.key: when.When(d.year, d.month) for hit, d in zip(hits, before, strict=True)
            }
    if len(hits) < 2 or when.find(sentence[: hits[0].start], year=year).month is not None:
        return {}  # (a month before the first partner dates what follows it, not a partner)
    if re.search(r"\brespectively\b", sentence):
        dates = [
            date
            for match in when.MONTH.finditer(sentence, hits[-1].end)
            if (date := when.find(sentence[match.start() :], year=year)).month is not None
        ]
    else:
        segments = [
            sentence[h.end : following.start if following else len(sentence)]
            for h, following in zip(hits, [*hits[1:], None], strict=True)
        ]
        dates = [when.find(segment, year=year) for segment in segments]
        # ("with A on 4 May and with B in the second half of the year": B's time is the year)
        dates = [
            when.When(year, None, None, 0, 0)
            if d.month is None and clauses.PART_OF_YEAR_RE.search(segment)
            else d
            for d, segment in zip(dates, segments, strict=True)
        ]
    if len(dates) != len(hits) or any(d.month is None and d.start < 0 for d in dates):
        return {}
    if len({d.month for d in dates}) < 2:
        return {}
    return {hit.key: date for hit, date in zip(hits, dates, strict=True)}


def _title_for(proposal: Proposal, hits, gazetteer: Gazetteer) -> str:
    """The proposal's title, naming *hits* (one or a list) as its partners."""
    name = ", ".join(
        gazetteer.offices[hit.key]["acronym"] or gazetteer.offices[hit.key]["name"]
        if hit.kind == "office"
        else gazetteer.countries.get(hit.key, hit.key)
        for hit in (hits if isinstance(hits, list) else [hits])
    )
    lead = re.match(r"^(.*?\b(?:with|from|to)) ", proposal.title)
    return f"{lead[1]} {name}" if lead else proposal.title


def _continues(sentence: str, parties: list[Hit], gazetteer: Gazetteer) -> bool:
    """Whether *sentence* goes on with the story of the dated sentence just before it: it names
    one of the same foreign partners."""
    if not parties:
        return False
    before = {gazetteer.country_of(h) or h.key for h in parties}
    hits = _partners(gazetteer.find(sentence), gazetteer)
    now = {gazetteer.country_of(h) or h.key for h in hits}
    return bool(now & before)


def _on_trip(proposal: Proposal, trip: Proposal, gazetteer: Gazetteer) -> bool:
    """Whether a delegation sent goes where the trip told before it in its passage went, in the
    same month."""
    partners = proposal.partner_keys(gazetteer)
    return (
        proposal.kind == "outgoing"
        and proposal.month == trip.month
        and bool(partners)
        and partners <= trip.partner_keys(gazetteer)
    )


def _told_before(made: list, found: list, passage: Passage, end: int) -> list:
    """ "… participated in the seminar": an event named by "the" and its noun alone is the one of
    that noun the passage told before; its partners join it, and its quote goes on to here."""
    joined = []
    for proposal in made:
        words = re.match(r"[a-z][\w-]*", passage.text[proposal.start :])
        if (
            proposal.type not in ("meeting", "training")
            or not words
            or not passage.text[: proposal.start].endswith("the ")
        ):
            continue
        noun = words.group(0).rstrip("s")
        told = next(
            (
                p for p in reversed(found)
                if p.passage is passage and p.type in ("meeting", "training")
                and re.search(rf"\b{re.escape(noun)}", p.title, re.I)
            ),
            None,
        )  # fmt: skip
        if told is None:
            continue
        told.offices = list(dict.fromkeys(told.offices + proposal.offices))
        told.countries = list(dict.fromkeys(told.countries + proposal.countries))
        told.quote = passage.text[_quote_at(passage, told.quote) : end]
        joined.append(proposal)
    return joined


# "… seconded to X under the examiner exchange programme, and examiners from A and B were
# received": examiners coming under the exchange told are its other half, not a visit.
EXAMINERS_CAME = re.compile(
    r"\bexaminers (?:from|of)\b[^.;]{0,80}?\b(?:were|was) (?:received|welcomed|hosted)\b"
)
EXCHANGE_TOLD = re.compile(r"\bexchange (?:programm?e|scheme)\b|\bseconded\b|\bsecondments?\b")


def _examiners_exchanged(made: list, sentence: str) -> None:
    if not (EXAMINERS_CAME.search(sentence) and EXCHANGE_TOLD.search(sentence)):
        return
    for proposal in made:
        if proposal.type == "delegation" and proposal.kind == "incoming":
            proposal.type, proposal.kind, proposal.direction = "training", "staff-exchange", ""


def _done(made: list, sentence: str, start: int) -> list:
    """The events of the clauses that tell what was done, not what is planned or put off."""
    spans = clauses.bounds(sentence, sorted({p.start - start for p in made}))
    planned = [span for span in spans if clauses.not_yet(sentence, span)]
    return [p for p in made if not any(s <= p.start - start < e for s, e in planned)]


def _by_clause(made: list, sentence: str, start: int, date, gazetteer: Gazetteer, year: int):
    """Each event dated by its own clause, and its partners those its own
    clause names, where the sentence tells several facts."""
    starts = sorted({p.start - start for p in made})
    spans = clauses.bounds(sentence, starts)
    if len(spans) < 2:
        return
    own = when.find(sentence, year=year)
    told = date if own.month is None else when.When(year)
    dates = clauses.months(sentence, spans, year=year, told=told)
    hits = gazetteer.find(sentence)
    for proposal in made:
        index = next(i for i, (s, e) in enumerate(spans) if s <= proposal.start - start < e)
        clause_date = dates[index]
        proposal.month = clause_date.month
        proposal.day = clause_date.day if clause_date.month else None
        proposal.year = clause_date.year
        # A partner named only in another clause is that clause's (a grouping's members, named
        # nowhere, stay), unless the clause refers back to it.
        s, e = spans[index]
        named = [(s <= h.start < e, h.key) for h in _partners(hits, gazetteer)]
        elsewhere = {key for inside, key in named if not inside} - {k for i, k in named if i}
        if clauses.REFERS_BACK.search(sentence, s, e):
            # ("the two sides signed …" refers back, never to a partner told only after it)
            before = {h.key for h in _partners(hits, gazetteer) if h.start < s}
            elsewhere -= before
            if not elsewhere:
                continue
        offices = [k for k in proposal.offices if k not in elsewhere]
        countries = [k for k in proposal.countries if k not in elsewhere]
        city = _city_abroad(sentence[s:e], gazetteer)
        if not offices and not countries and city and (proposal.offices or proposal.countries):
            # "…; in Lima, an MoU was concluded with <an office the database lacks>; …": the
            # clause's own city says its country, not another clause's partner.
            countries = [city]
        if (offices or countries) and (offices, countries) != (
            proposal.offices,
            proposal.countries,
        ):
            proposal.offices, proposal.countries = offices, countries
            hits_left = [Hit("office", k, 0, 0) for k in offices]
            hits_left += [Hit("country", k, 0, 0) for k in countries]
            proposal.title = _title_for(proposal, hits_left, gazetteer)


def _in_another_year(sentence: str, end: int, year: int) -> bool:
    """Whether the verb ending at *end* is dated to a year other than the report's."""
    # ("The MOU signed with the X Office in 2023 remained in force": the party, then the year)
    written = re.match(
        r"(?:\s+(?:with|by|between)\s+[^.,;]{0,80}?)?\s+(?:in|on)\s+(?:[\w-]+\s+){0,2}?((?:19|20)\d\d)\b(?!-)",
        sentence[end:],
    )
    return bool(written) and int(written[1]) != year


def _cities_gone_to(sentence: str, gazetteer: Gazetteer) -> list[Hit]:
    """The countries of the cities abroad a sentence says someone went to, in order."""
    found = []
    for city, code in gazetteer.cities.items():
        if code == gazetteer.home_country:
            continue
        gone = re.search(
            rf"\b(?:travell?ed|went|flew|came|then|visited|trip|visit|stopped(?: over)? in)(?: on)?(?: to)? {re.escape(city)}\b",
            sentence,
        )
        if gone:
            found.append(Hit("country", code, gone.start(), gone.end(), "city"))
    return sorted(found, key=lambda h: h.start)


def _city_abroad(text: str, gazetteer: Gazetteer) -> str | None:
    """The country of the one city abroad that *text* says something took place in."""
    found = {
        code
        for city, code in gazetteer.cities.items()
        if code != gazetteer.home_country and re.search(rf"\b(?:in|at) {re.escape(city)}\b", text)
    }
    return found.pop() if len(found) == 1 else None


_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _word_number(words: str) -> int:
    """ "forty" -> 40, "Thirty-three" -> 33, "twelve" -> 12."""
    tens, _, unit = words.lower().partition("-")
    if tens in _TEENS:
        return 10 + _TEENS.index(tens)
    return 10 * (_TENS.index(tens) + 2) + (_UNITS.index(unit) + 1 if unit else 0)


def figures(passages: list[Passage], *, year: int) -> list[Proposal]:
    """Headline totals with their qualifier: '52 new … agreements', 'more than 2,000 people/times'."""
    found = []
    for passage in passages:
        if passage.is_caption:
            continue
        for start, end in passage.sentences:
            sentence = passage.text[start:end]
            for match in FIGURE.finditer(sentence):
                # ("forty countries", "Thirty-three offices": numbers written as words, from
                # ten, as a few written in words are the sentence's words, not a headline)
                value = int(match["n"].replace(",", "")) if match["n"] else _word_number(match["w"])
                if value < 2 or (1900 <= value <= 2100 and "," not in (match["n"] or ",")):
                    continue
                unit = match["unit"]
                qualifier = QUALIFIERS.get((match["q"] or "").lower(), "exact")
                span = (start + match.start(), start + match.end())
                found.append(Proposal(
                    "figure", "", sentence[match.start(): match.end()], year, None, None,
                    sentence, passage, span[0], figure_value=value, figure_qualifier=qualifier,
                    figure_unit=unit.split()[-1], matches=[[*span, "figure"]],
                ))  # fmt: skip
    return found


def _parties(sentence: str, gazetteer: Gazetteer) -> tuple[list[Hit], list[Hit]]:
    """The foreign partners a sentence names, without and with its venue's country."""
    hits = gazetteer.find(sentence)
    _city, venue = _place(sentence, hits, gazetteer)
    # ("CNIPA hosted the ID5 Annual Meeting. The partner offices adopted …": ID5's offices)
    partners = _distinct(_partners(hits, gazetteer))
    members = _members(hits, gazetteer, 0, len(sentence))
    if {h.key for h in partners} <= {h.key for h in members}:
        # ("the ID5 meeting, chaired by the JPO. … adopted by the five offices": all of ID5's)
        partners = _distinct(members)
    return [h for h in partners if not (h.kind == "country" and h.key == venue)], partners


def _partners(hits: list[Hit], gazetteer: Gazetteer) -> list[Hit]:
    """Every mention of a partner, in order (repeats kept: where a name stands tells which
    document or meeting it belongs to). A country whose office the sentence names stands for
    that office ("the Record … for the China-France Committee" after "visited INPI")."""
    partners = [h for h in hits if h.kind in ("office", "country") and not gazetteer.is_home(h)]
    offices = {gazetteer.country_of(h): h.key for h in partners if h.kind == "office"}
    return [
        Hit("office", offices[h.key], h.start, h.end, h.via)
        if h.kind == "country" and h.key in offices
        else h
        for h in partners
    ]


def _distinct(partners: list[Hit]) -> list[Hit]:
    seen, kept = set(), []
    for hit in partners:
        if (hit.kind, hit.key) not in seen:
            seen.add((hit.kind, hit.key))
            kept.append(hit)
    return kept


def _split_partners(partners: list[Hit]) -> tuple[list[str], list[str]]:
    offices = [h.key for h in partners if h.kind == "office"]
    countries = [h.key for h in partners if h.kind == "country"]
    return list(dict.fromkeys(offices)), list(dict.fromkeys(countries))


def _people(sentence: str, gazetteer: Gazetteer) -> list[dict]:
    by_name = {p["name"]: slug for slug, p in gazetteer.people.items()}
    people = []
    for match in PERSON.finditer(sentence):
        name = (match["name"] or match["name2"] or "").strip()
        title = (match["title"] or match["title2"] or "").strip()
        name = re.sub(r"\s+(?:of|and|had|led|visited|met)$", "", name)
        people.append({"name": name, "title": title, "person": by_name.get(name, "")})
    return people


def _place(sentence: str, hits: list[Hit], gazetteer: Gazetteer) -> tuple[str, str | None]:
    known = {sentence[h.start : h.end] for h in hits}
    for match in CITY.finditer(sentence):
        city = match["city"]
        rest = match["rest"] or ""
        country_hit = next(
            (h for h in hits if h.kind == "country" and sentence[h.start : h.end] == city), None
        )
        if country_hit:
            continue
        if city in known or city.split()[0] in ("the", "The") or city in when.MONTHS:
            continue
        country = next(
            (
                h.key
                for h in hits
                if h.kind == "country" and rest.startswith(sentence[h.start : h.end])
            ),
            None,
        )
        if (
            country
            or re.search(r"\b[Cc]ity\b", sentence[match.start() : match.end()])
            or match["rest"] is None
        ):
            if len(city) > 2:
                return city, country
    return "", None


SUPPORT = re.compile(
    r"\b(?:under|with) the (?:assistance|support|auspices|help) of\b|\bin (?:collaboration|cooperation) with\b",
    re.I,
)
PRONOUN_LEAD = re.compile(r"^(?:It|He|She|They|Its|His|Her|The delegation)\b")
PRONOUN_SUBJECT = re.compile(r"^(?:It|The Office|They)\s")


def _backers(sentence: str, gazetteer: Gazetteer) -> list[Hit]:
    """The organization a sentence says backed its activities ("under the support of WIPO")."""
    match = SUPPORT.search(sentence)
    if not match:
        return []
    hits = [
        h
        for h in gazetteer.find(sentence[match.end() :])
        if h.kind == "office" and not gazetteer.is_home(h)
    ]
    return [Hit("office", hits[0].key, 0, 0)] if hits and hits[0].start <= 6 else []


def _from_sentence(
    passage, sentence, start, quote_start, end, date, gazetteer, backers=(), inherited=()
) -> list[Proposal]:
    hits = gazetteer.find(sentence)
    # "a memorandum on the operation of the WIPO Office in X": what the document is about.
    hits = [
        h
        for h in hits
        if not SUBJECT_OFFICE.search(sentence, max(0, h.start - 40), h.start) or h.kind != "office"
    ]
    partners = _partners(hits, gazetteer)
    if not partners and inherited:
        # "The two heads signed …": the parties named in the sentence before, placed after the
        # sentence's own words so that no span of its own claims them.
        partners = [
            Hit(h.kind, h.key, len(sentence), len(sentence), "inherited") for h in inherited
        ]
    agreements = events.agreements(sentence)
    signings = list(events.SIGNING.finditer(sentence))
    if signings and all(_in_another_year(sentence, m.end(), date.year) for m in signings):
        agreements = []  # "The MOU with X, signed in 2019, remained in force": not this year's
    delegations = events.delegations(sentence, home=gazetteer.home_pattern)
    meetings = events.meetings_and_trainings(
        sentence, caption=passage.is_caption, home=gazetteer.home_pattern
    )
    # "hosted by the Companies and Intellectual Property Commission": an office's name, no event;
    # the sentence is read again without it.
    names_only = [m for m in meetings if _is_a_name(sentence, m, hits)]
    if names_only:
        masked = sentence
        for m in names_only:
            masked = masked[: m.start] + "_" * (m.end - m.start) + masked[m.end :]
        meetings = [
            m
            for m in events.meetings_and_trainings(
                masked, caption=passage.is_caption, home=gazetteer.home_pattern
            )
            if not _is_a_name(sentence, m, hits)
        ]
    # "endorsed a work plan on examiner training": what a document is about, not teaching.
    meetings = [m for m in meetings if not _subject_of(sentence, m, agreements)]
    # "signed the Memorandum of the 24th Heads Meeting": the meeting told, named in a title.
    meetings = [m for m in meetings if not any(a.start < m.start < a.end for a in agreements)]
    if date.month is None and events.is_general(sentence) and not agreements:
        # A statement of policy; the standing bodies it names by name ("the China-EU IP
        # Dialogue", "the China-Italy Inter-governmental Commission") still met that year.
        meetings = [
            m
            for m in meetings
            if m.type == "meeting" and m.kind in ("dialogue", "working-group", "assembly")
        ]
        if not meetings:
            return []
        delegations, agreements = [], []
    if (
        not partners
        and not meetings
        and not any(h.kind == "unknown" for h in hits)
        and not _cities_gone_to(sentence, gazetteer)
    ):
        # a visit with no one, no meeting and no city abroad named is a general statement
        delegations = []
    if not partners and not any(h.kind in ("unknown", "grouping") for h in hits):
        # "Through its online courses, it trained 1,300 people": training named by no name and
        # given to no one named is a summary of the year; one held on days told is an event.
        meetings = [m for m in meetings if m.type != "training" or m.title or date.day]
    people = _people(sentence, gazetteer)
    city, venue = _place(sentence, hits, gazetteer)
    met = events.MET.search(sentence)
    grouped = not meetings and not partners and not delegations and met
    if grouped:
        # "The IP5 Heads also met representatives of industry": the grouping's offices met.
        partners = _members(hits, gazetteer, 0, met.start())
    heads = HEADS_NOUN.search(sentence)
    if heads and re.search(
        r"\b(?:with|at|during|of|after|before|in) the $", sentence[: heads.start()]
    ):
        heads = None  # "in tandem with the Heads Meeting": the one told before
    if (
        heads
        and meetings
        and not any(m.kind == "heads-meeting" or m.start <= heads.start() < m.end for m in meetings)
    ):
        # "the heads meeting of A and B was held, and a seminar was held alongside it": the
        # heads' meeting too, though only the seminar has a name.
        meetings.insert(0, events.Event("meeting", "heads-meeting", *heads.span()))
    for other in HEADS_NOUN.finditer(sentence):
        # "…; on the margins, he held bilateral heads meetings with A and B": meetings of their
        # own besides the one named, one with each.
        if BILATERAL.search(sentence, max(0, other.start() - 30), other.start()) and not any(
            m.start <= other.start() < m.end for m in meetings
        ):
            meetings.append(events.Event("meeting", "heads-meeting", *other.span()))
            meetings.sort(key=lambda m: m.start)
    heads_alone = (
        events.HEADS_MET.search(sentence)
        and when.find(sentence, year=date.year).month is not None
        and not clauses.NOT_YET.search(sentence)
    )
    if not meetings and (partners or heads_alone):
        # ("In August, the heads of the offices of China and the ASEAN states met": no partner
        # named, and still the heads' meeting of that month)
        high_level = events.high_level_meeting(sentence)
        if high_level and any(a.start <= high_level.start < a.end for a in agreements):
            # "signed the Memorandum of the Heads Meeting": the meeting told, in a title
            high_level = None
        abroad_city = gazetteer.cities.get(city) not in (None, gazetteer.home_country)
        if (
            high_level
            and passage.is_caption
            and city
            and venue is None
            and not abroad_city
            and not delegations
        ):
            # A photo of a meeting with a foreign official "in <a city of no foreign country
            # named>" (and not a city the data places abroad): the official came on a visit.
            delegations = [
                events.Event(
                    "delegation", "incoming", high_level.start, high_level.end, direction="received"
                )
            ]
        elif high_level:
            meetings = [high_level]
    elif meetings and not passage.is_caption:
        # "…; in Alicante, the Commissioner met the Executive Director of X and renewed …": a
        # meeting told in a clause of its own, besides the sentence's named meetings.
        # ("led the delegation to the X Symposium in <city> and met Y": a clause of its own)
        breaks = [m.end() for m in clauses.BREAK.finditer(sentence)]
        breaks += [m.end() for m in re.finditer(r"\s+and (?=met\b)", sentence)]
        cuts = [0, *sorted(breaks), len(sentence)]
        for met_here in events.MET.finditer(sentence):
            # (and "held bilateral meetings with …" on the margins of the meeting named)
            if met_here.group(0).lower() not in ("met", "met with") and not re.match(
                r"held (?:an? )?(?:separate |bilateral |one-on-one |individual )+(?:meetings?|talks)",
                met_here.group(0),
                re.I,
            ):
                continue
            s, e = next(
                (a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a <= met_here.start() < b
            )
            # ("On the margins of the X Assembly, he held bilateral talks with A and B": talks
            # of their own, whichever clause tells the meeting they were held at)
            bilateral = re.match(
                r"held (?:an? )?(?:separate |bilateral |one-on-one |individual )+",
                met_here.group(0),
                re.I,
            )
            if bilateral or not any(s <= m.start < e for m in meetings + delegations):
                meetings.append(events.Event("meeting", "high-level-meeting", *met_here.span()))
        meetings.sort(key=lambda m: m.start)
    quote = passage.text[quote_start:end]
    unknown = sorted({h.key for h in hits if h.kind == "unknown"})
    made: list[Proposal] = []

    def make(event, chosen: list[Hit]) -> Proposal:
        offices, countries = _split_partners(chosen)
        matches = [[start + h.start, start + h.end, h.kind] for h in hits if h.kind != "unknown"]
        matches += [
            [start + h.start, start + h.end, "unknown"] for h in hits if h.kind == "unknown"
        ]
        matches.append([start + event.start, start + event.end, event.type])
        if date.start >= 0:
            matches.append([start + date.start, start + date.end, "date"])
        day = (
            date.day
            if date.day and date.month and date.day <= calendar.monthrange(date.year, date.month)[1]
            else None
        )
        month = date.month
        own = BRACKETED_MONTH.match(sentence, event.end)
        if own and event.type in ("meeting", "training"):
            # "the X Course (May), the Y Workshop (July) …": each its month, in brackets.
            month, day = when.MONTHS.index(own["month"]) + 1, None
        return Proposal(
            event.type, event.kind, _title(event, chosen, sentence, gazetteer), date.year,
            month, day, quote, passage, start + event.start, direction=event.direction,
            offices=offices, countries=countries, people=people, city=city, venue_country=venue,
            unknown_names=unknown, matches=matches,
        )  # fmt: skip

    occasion = None
    heads_meeting = None
    listed = re.search(
        r"\b(?:met|received|welcomed|hosted)(?:,[^,.;]{0,40},)?(?: (?:online|virtually|separately|in person|by video(?: link)?))?"
        r" (?:with )?(?:the )?(?:heads|delegations|representatives) (?:of|from)\b"
        # the same told in the passive: "The heads of the offices of A, B and C were received
        # by …"; and the visitors listed one by one, "received X of A; Y of B; and Z of C"
        r"|^(?:[^,;]{0,40}, )?(?:the )?(?:heads|delegations|representatives) (?:of|from)\b"
        r"(?=[^.;]{0,160}\bwere (?:also |then |later )?(?:received|welcomed|met)\b)"
        r"|\b(?:received|welcomed)\b(?=(?:(?:Mr|Ms|Mrs|Dr)\.|[^.;]){3,160};"
        r"(?:(?:Mr|Ms|Mrs|Dr)\.|[^.;]){3,160};)",
        sentence,
        re.I,
    )
    # (those named after the words: "the heads of A and B met the representatives of industry"
    # is one meeting of theirs)
    listed_partners = _distinct([h for h in partners if listed and h.start >= listed.end()])
    listed_end = listed and _clause_end(
        sentence, listed.end(), len(sentence), [h for h in hits if h.kind != "unknown"]
    )
    later = [e for e in meetings + agreements if listed and e.start >= listed_end]
    home_named = re.search(
        rf"(?<!\bor )\bin (?:{gazetteer.home_pattern})\b|\bdelegations from\b", sentence
    )
    met_heads = bool(listed) and listed[0][:3].lower() == "met" and not home_named
    if listed and len(listed_partners) >= 2 and not grouped and later and (home_named or met_heads):
        # "received, in <home>, the heads of A, B and C, and held the X Seminar with D": a visit
        # from each of those its clause lists, and the sentence's other events go on without them.
        # ("met the heads of A and B, signed a work plan with A's side and …": a meeting with
        # each, and the documents after it)
        visit = (
            events.Event("delegation", "incoming", *listed.span(), direction="received")
            if home_named
            else events.Event("meeting", "high-level-meeting", *listed.span())
        )
        listed_partners = [h for h in listed_partners if h.start < listed_end]
        made.extend(make(replace(visit, start=h.start, end=h.end), [h]) for h in listed_partners)
        partners = [h for h in partners if not listed.end() <= h.start < listed_end]
        meetings = [e for e in meetings if e in later]
        agreements = [e for e in agreements if e in later]
        delegations = []
    elif (
        listed
        and len(listed_partners) >= 2
        and not grouped
        and listed[0][:3].lower() == "met"
        and not home_named
        and (
            earlier := [
                e
                for e in meetings + agreements
                if e.start < listed.start() and e.kind != "high-level-meeting"
            ]
        )
    ):
        # "took part in the X Assemblies in Geneva, where it also met the delegations of A and
        # B": the meeting told first, and a meeting with each of those listed after it.
        met = events.Event("meeting", "high-level-meeting", *listed.span())
        listed_partners = [h for h in listed_partners if h.start < listed_end]
        made.extend(make(replace(met, start=h.start, end=h.end), [h]) for h in listed_partners)
        partners = [h for h in partners if not listed.end() <= h.start < listed_end]
        meetings = [e for e in meetings if e in earlier]
        agreements = [e for e in agreements if e in earlier]
    elif (
        listed
        and len(listed_partners) >= 2
        and not grouped
        and (listed[0][:3].lower() == "met" or not delegations or ";" in sentence[listed.end() :])
    ):
        # ("received delegations from A, B and C" alone: the senders, told below, one each;
        # "received the heads of the offices of A, B and C": a visit from each)
        # "met with heads of IP authorities of A, B and C in <home>": each came on a visit; the
        # same without a place is a summary of the year, told as records elsewhere.
        # "met, online or in <home>, with …": not each of them came.
        if listed[0][:3].lower() == "met" and not re.search(
            rf"(?<!\bor )\bin (?:{gazetteer.home_pattern})\b|\bdelegations from\b", sentence
        ):
            # Without a place: the heads were met, at home or abroad; a meeting with each.
            met = events.Event("meeting", "high-level-meeting", *listed.span())
            each = [make(met, [partner]) for partner in _distinct(partners)]
            for name in dict.fromkeys(h.key for h in hits if h.kind == "unknown"):
                # an organization the database does not know: a meeting too, flagged for staff
                each.append(make(met, []))
                each[-1].unknown_names = [name]
            return each
        visit = events.Event("delegation", "incoming", *listed.span(), direction="received")
        # ("…, and <home> newly established relations with D": D, in a clause of its own, came
        # on no visit)
        cut = NEW_CLAUSE.search(sentence, listed.end())
        # (each at its own name, so that a clause "over the year" dates those it lists)
        return [
            make(replace(visit, start=partner.start, end=partner.end), [partner])
            for partner in _distinct(partners)
            if cut is None or partner.start < cut.start()
        ]
    # "signed 52 new cooperation agreements, memoranda …": a count, and "the nine cooperation
    # agreements signed by …" a reference: plural documents with no partner are not documents.
    agreements = [
        a for a in agreements if partners or not events.is_plural(sentence[a.start : a.end + 30])
    ]
    # The venue's country is where a meeting or a signing took place, not a party to it.
    # (Read from the hits: a venue country whose office is named reads as that office.)
    venue_spans = {(h.start, h.end) for h in hits if h.kind == "country" and h.key == venue}
    at_city = city and re.search(rf"\b(?:in|at)\s+{re.escape(city)}\b", sentence)
    after_city = {
        (s, e)
        for s, e in venue_spans
        if at_city and re.fullmatch(r",\s*", sentence[at_city.end() : s])
    }
    if after_city:
        # ("the Seminar of A, B and C in <a city of B>, B": B named as a party is one still)
        venue_spans = after_city
    abroad = [h for h in partners if (h.start, h.end) not in venue_spans]
    names = [h for h in hits if h.kind in ("office", "country", "grouping")]
    spans = [_span(sentence, e, meetings + agreements, clause=True, names=names) for e in meetings]
    in_meetings = [h for h in partners if any(s <= h.start < e for s, e in spans)]
    # "the meetings within the framework of WIPO and UPOV, including …": the hosts.
    framework_words = FRAMEWORK.search(sentence)
    framework = [
        h
        for h in abroad
        if framework_words
        and framework_words.end()
        <= h.start
        < _clause_end(sentence, framework_words.end(), len(sentence), partners)
    ]
    venue_hits = [Hit("country", venue, *span) for span in sorted(venue_spans)][:1]
    abroad_city = gazetteer.cities.get(city) not in (None, gazetteer.home_country)
    if not venue_hits and abroad_city and city in sentence:
        # "held in Geneva": a city the data places abroad is a venue abroad, its country's.
        at = sentence.index(city)
        venue_hits = [Hit("country", gazetteer.cities[city], at, at + len(city), "city")]
    attended = ATTENDED.search(sentence)
    if not delegations and venue_hits and attended and meetings:
        # "participated in the 17th … Meeting in Jeju, Republic of Korea": a trip abroad.
        delegations = [events.Event("delegation", "outgoing", *attended.span(), direction="sent")]
    met_at_home = events.MET.search(sentence)
    if met_at_home and not re.search(r"^met\b|\bwith$", met_at_home[0], re.I):
        met_at_home = None  # ("A and B held talks in <home city>": the talks, told as such)
    if met_at_home and re.match(r"\s+(?:him|her|them)\b", sentence[met_at_home.end() :]):
        # ("Y visited <home>. X held talks with her in <home city>": the visitor just told,
        # whose visit that was; these are talks during it)
        met_at_home = None
    if (
        not delegations
        and met_at_home
        and re.search(
            # (not where a document signed is about: "a MOU on the network of TISCs in China")
            rf"\bin (?:{gazetteer.home_pattern})\b",
            sentence[: min([a.start for a in agreements], default=len(sentence))],
        )
        and not passage.is_caption
    ):
        # "met with the President of EPO in China": a visit received; where the office's own
        # head met the visitor ("Commissioner X met Y in <home>"), the visit is the meeting (a
        # minister's meeting with the visitor is one of its own).
        delegations = [
            events.Event("delegation", "incoming", *met_at_home.span(), direction="received")
        ]
        if re.search(
            rf"\b(?:Commissioner|{gazetteer.home_pattern})\b", sentence[: met_at_home.start()]
        ):
            meetings = [
                m
                for m in meetings
                if not (m.kind == "high-level-meeting" and m.start == met_at_home.start())
            ]
        spans = [
            _span(sentence, e, meetings + agreements, clause=True, names=names) for e in meetings
        ]
    held_abroad = re.search(r"\b(?:was|were) held in\b", sentence)
    if not delegations and meetings and venue_hits and held_abroad:
        # "the 13th Heads Meeting of <home> and EPO was held in Munich, Germany": the home office
        # went abroad to it.
        for index, event in enumerate(meetings):
            span_start, span_end = spans[index]
            if any(
                h.kind == "office" and gazetteer.is_home(h) and span_start <= h.start < span_end
                for h in hits
            ):
                delegations = [
                    events.Event("delegation", "outgoing", event.start, event.end, direction="sent")
                ]
                break
    if STATE_VISIT.search(sentence):
        delegations = []
    delegations = [
        d for d in delegations if d.kind != "outgoing" or not VIRTUAL.search(sentence[d.start :])
    ]
    for event in delegations:
        # Those visited: the places and offices named outside the meetings' own words, and
        # the country of the venue.
        outside = [h for h in abroad if h not in in_meetings]
        if event.kind == "outgoing":
            # An organization whose meeting it was (the Assemblies of WIPO) is visited too.
            outside += [
                h
                for h in in_meetings
                if h.kind == "office" and not gazetteer.offices[h.key]["country"]
            ]
        visited = _distinct(outside + venue_hits) or partners
        if event.kind == "outgoing" and held_abroad and meetings and venue_hits:
            # "The Heads Meeting of A, B and C was held in <a city of B's>": the delegation went
            # to the venue, not to each office met there (an organization's own meeting is also
            # a visit to it).
            organizations = [
                h for h in visited if h.kind == "office" and not gazetteer.offices[h.key]["country"]
            ]
            national = [
                h for h in abroad if h.kind == "office" and gazetteer.offices[h.key]["country"]
            ]
            visited = venue_hits + ([] if national else organizations)
        if event.kind == "outgoing":
            # "travelled to Tokyo for talks with the JPO, and then to Seoul": each city gone to.
            covered = {gazetteer.country_of(h) or h.key for h in visited}
            for gone in _cities_gone_to(sentence, gazetteer):
                if gone.key not in covered:
                    covered.add(gone.key)
                    visited.append(gone)
        if event.kind == "outgoing" and not venue_hits:
            # (A meeting of the organization held in a country named is not at its seat.)
            visited = _with_seats(visited, gazetteer)
        senders = _senders(sentence, event, hits, gazetteer)
        if len(senders) > 1:
            # "received delegations from A, B and C": a visit from each.
            for sender in senders:
                # (each at its own name, so that a clause "over the year" dates those it lists)
                occasion = make(replace(event, start=sender.start, end=sender.end), [sender])
                if sender.kind == "unknown":
                    occasion.unknown_names = [sender.key]  # for the "Create office" button
                made.append(occasion)
            continue
        if (
            event.kind == "incoming"
            and re.search(r"\bdelegations\b", sentence[event.start : event.end])
            and len(_distinct(visited)) > 1
        ):
            # "Both the A and the B offices sent delegations to <home>": a visit from each.
            for sender in _distinct(visited):
                occasion = make(replace(event, start=sender.start, end=sender.end), [sender])
                made.append(occasion)
            continue
        occasion = make(event, visited)
        made.append(occasion)
    chosen_before: list[Hit] = []
    for index, event in enumerate(meetings):
        span_start, span_end = spans[index]
        chosen = [h for h in abroad if span_start <= h.start < span_end]
        if not chosen and event.kind in ("heads-meeting", "working-group"):
            chosen = _members(hits, gazetteer, event.start, event.end)
        if not chosen and index and ALONGSIDE.match(sentence, event.end):
            # "and a seminar was held alongside it": among the partners of the meeting before.
            chosen = list(chosen_before)
        if (
            not chosen
            and index
            and chosen_before
            and all(
                h.kind == "office" and not gazetteer.offices[h.key]["country"]
                for h in chosen_before
            )
            and re.fullmatch(
                r"\s*(?:\([A-Z]{2,8}\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?",
                sentence[meetings[index - 1].end : event.start],
            )
        ):
            # "the WIPO Coordination Committee, the Program and Budget Committee and the ACE":
            # bodies listed after one named for its organization are that organization's.
            chosen = list(chosen_before)
        chosen_before = chosen
        if not chosen:
            # "the CNIPA-UKIPO annual heads meeting": an office paired with another by a hyphen
            # in the event's own noun phrase.
            chosen = [
                h
                for h in abroad
                if h.kind == "office"
                and h.end <= event.start
                and re.fullmatch(r"[\w -]{0,40}", sentence[h.end : event.start])
                and re.search(r"-\s*$|^-", sentence[max(0, h.start - 1) : h.end + 1])
            ]
        if not chosen and re.match(
            r"[^.;]{0,20}?\bwith (?:its|their) [A-Z\w]", sentence[event.end :]
        ):
            # "visited X and held the annual heads meeting with its President": the office
            # named just before.
            chosen = [h for h in abroad if h.kind == "office" and h.start < event.start][-1:]
        numbered = re.match(r"\d+(?:st|nd|rd|th) meeting of the (.+)", event.title or "")
        if not chosen and numbered and numbered[1] in sentence:
            # "the 8th and 9th meetings of the X Group": each with the body's partners
            at = sentence.index(numbered[1])
            chosen = [h for h in abroad if at <= h.start < at + len(numbered[1])]
        if not chosen and framework:
            chosen = framework[:1]
        if not chosen and event.type == "training":
            # "… was held online for 65 officials from ARIPO, OAPI and 17 African countries":
            # those taught, and whoever backed it.
            taught = TAUGHT_FROM.search(sentence, event.end)
            chosen = [h for h in abroad if taught and h.start >= taught.end()] + list(backers)
        if not chosen and event.kind not in ("high-level-meeting", "conference"):
            # "(1) Participation in WIPO Rule-making": the one organization the section is about.
            chosen = _heading_office(passage, gazetteer)
        jointly = JOINTLY.search(sentence, max(0, event.start - 30), event.start)
        if not chosen and jointly:
            # "SIPO and WIPO jointly held a panel": the partners named before the meeting.
            chosen = [h for h in abroad if h.start < event.start]
        plural = re.search(
            r"(?:Dialogues|Meetings|Commissions|Committees|Conferences|Forums)$", event.title or ""
        ) or re.search(r"\bmeetings$", sentence[event.start : event.end], re.I)
        if event.kind == "trainers-sent":
            # Experts sent to a country to work with an office there: the office is the partner
            # ("trainers went to X, where examiners of the Y office were trained").
            chosen = chosen or (abroad if len(meetings) == 1 else [])
            chosen = [h for h in chosen if h.kind == "office"] or chosen
            if not chosen:
                continue  # "the dispatch of trainers" with no one named: a summary
        if (
            event.type == "meeting"
            and event.kind in ("conference", "roundtable", "heads-meeting")
            and _led_by_grouping(hits, gazetteer, event)
        ):
            # "The ID5 Annual Meeting": a meeting of the grouping's offices, their heads' (or,
            # with industry, a roundtable of them all).
            if event.kind == "conference":
                event.kind = "heads-meeting"
            chosen = [h for h in chosen if h.kind != "country" or h.key != venue]
            members = _members(hits, gazetteer, event.start, event.end)
            if {h.key for h in chosen} <= {h.key for h in members}:
                # ("… under the chairmanship of the JPO": one member chaired, all met)
                chosen = members
        respectively = (
            event.kind == "high-level-meeting"
            and (
                re.search(r"\brespectively\b", sentence[event.end :])
                # "held bilateral talks with A and B", "met separately with …": one with each
                or re.search(
                    r"\b(?:bilateral|separate(?:ly)?)\b", sentence[event.start : event.end]
                )
            )
        )
        if (event.kind == "trainers-sent" or plural or respectively) and len(_distinct(chosen)) > 1:
            # Experts sent to A, B and C: a mission to each.
            made.extend(make(event, [partner]) for partner in _distinct(chosen))
            continue
        if (
            not chosen
            and not delegations
            and (len(meetings) == 1 or event.kind == "high-level-meeting")
        ):
            # (not those of what followed it: "…, during which X and Y signed …")
            after = WHICH.search(sentence, event.end)
            chosen = [h for h in abroad if not after or h.start < after.start()]
        if (
            not chosen
            and event.kind == "high-level-meeting"
            and heads_meeting
            and re.search(r"\bheads (?:also )?$", sentence[: event.start])
        ):
            # "… Heads Meeting …, and the heads also met the representatives of industry"
            chosen = list(heads_meeting[1])
        if not chosen and event.kind == "high-level-meeting" and delegations:
            continue  # "visited X and met its head": the meeting is the visit's
        proposal = make(event, chosen)
        made.append(proposal)
        occasion = occasion or proposal
        if event.kind == "heads-meeting" and heads_meeting is None:
            heads_meeting = (event, chosen)
    # "signed the MOU on X and the MOU on Y with the respective authorities", "signed A, B and C
    # with X, Y and Z respectively": in order.
    distinct = list(dict.fromkeys((h.kind, h.key) for h in abroad))
    respective = []
    if re.search(r"\brespective(?:ly)?\b", sentence) and len(distinct) == len(agreements) > 1:
        respective = [Hit(kind, key, 0, 0) for kind, key in distinct]
    for index, event in enumerate(agreements):
        span_start, span_end = _span(sentence, event, agreements)
        chosen = [h for h in abroad if span_start <= h.start < span_end]
        if respective:
            chosen = [respective[index]]
        if not chosen and any(
            h.kind == "unknown"
            and span_start <= h.start < span_end
            and PARTY_BEFORE.search(sentence, max(0, h.start - 20), h.start)
            for h in hits
        ):
            # "a letter of intent with <an organization the database does not know>": no one
            # else's document.
            made.append(make(event, []))
            continue
        if (
            not chosen
            and index + 1 < len(agreements)
            and span_end == agreements[index + 1].start
            and not clauses.BREAK.search(sentence, event.end, span_end)
        ):
            # "an agreement on X and a work plan with OMPIC": one "with" for both.
            following_start, following_end = _span(sentence, agreements[index + 1], agreements)
            chosen = [h for h in abroad if following_start <= h.start < following_end]
        by_heads = heads_meeting and HEADS_ADOPTED.search(
            sentence, heads_meeting[0].end, event.start
        )
        if by_heads and not chosen:
            # "… Heads Meeting was held …, and the heads approved the roadmap": the parties of
            # the document are the offices whose heads met.
            chosen = list(heads_meeting[1])
        if not chosen:
            preceding = agreements[index - 1].end if index else 0
            chosen = [h for h in abroad if preceding <= h.start < event.start]
        if not chosen:
            chosen = abroad or _members(hits, gazetteer, 0, len(sentence))
        if not chosen:
            # A document with no party named: the one organization its section is about.
            chosen = _heading_office(passage, gazetteer)
        chosen = _distinct(chosen)
        # ("signed MOUs on the PPH with A and B": the plural noun the kind was told after)
        plural_before = PLURAL_BEFORE.search(sentence, max(0, event.start - 30), event.start)
        if (events.is_plural(sentence[event.start : event.end + 30]) or plural_before) and len(
            chosen
        ) > 1:
            for partner in chosen:
                made.append(make(event, [partner]))
        else:
            made.append(make(event, chosen))
    for proposal in made:
        if proposal.type == "agreement" and occasion is not None:
            proposal.occasion = occasion
    return made


BRACKETED_MONTH = re.compile(
    r"\s*\((?:early |mid-|late )?(?P<month>{})(?: (?:19|20)\d\d)?\)".format("|".join(when.MONTHS))
)
PLURAL_BEFORE = re.compile(
    r"\b(?:MOUs|MoUs|memoranda(?: of understanding)?|agreements|arrangements)\s+(?:on|for|of)\s+"
    r"(?:the\s+)?$"
)
ALONGSIDE = re.compile(
    r"[^.;]{0,80}?\b(?:(?:alongside|with) it|in tandem|back[- ]to[- ]back)\b(?! with (?:the )?[A-Z])"
)
TAUGHT_FROM = re.compile(
    r"\bfor (?:\d+ |more than \d+ |some \d+ )?(?:[\w-]+ ){0,2}(?:officials|examiners|participants|trainees|"
    r"students|judges|staff) (?:from|of)\b"
)
WHICH = re.compile(r",\s+(?:during|at|on|in|after) which\b|,\s+where\b")
HEADS_NOUN = re.compile(r"\bheads[- ]meetings?\b", re.I)
BILATERAL = re.compile(
    r"\b(?:held|had) (?:separate |bilateral |separate bilateral )+$|\bbilateral $"
)


def _is_a_name(sentence: str, event, hits: list[Hit]) -> bool:
    """Whether an event's words are an office's or grouping's name ("the X Commission"), or an
    acronym listed with events that is an organization's ("…, the SCP and WIPO")."""
    if event.title.isupper():
        return any(h.start < event.end and event.start < h.end for h in hits)
    return bool(
        re.search(rf"(?:{events.EVENT_NOUNS})$", sentence[event.start : event.end])
    ) and any(
        h.kind in ("office", "grouping") and h.start <= event.start + 4 and event.end <= h.end + 1
        for h in hits
    )


def _subject_of(sentence: str, event, agreements: list) -> bool:
    """Whether an unnamed training is a subject in a document's words ("a plan on training")."""
    return (
        event.type == "training"
        and not event.title
        and any(
            0 <= event.start - a.end <= 60
            and re.match(r"\s+(?:on|for|in)\b[^.;,]*$", sentence[a.end : event.start])
            and not re.search(
                r"\b(?:was|were|is|are|has|have|had)\b", sentence[a.end : event.start]
            )
            for a in agreements
        )
    )


# "with the X Association": a name after these words is a party, not what a document is about.
PARTY_BEFORE = re.compile(r"\b(?:with|between|by)\s+(?:the\s+)?$")
# "received delegations from A, B and C", "Heads or deputy heads of the IP offices of A, B and C
# were received": one visit from each.
DELEGATIONS_FROM = re.compile(
    r"\b(?:[Dd]elegations|[Hh]eads(?: or deputy heads)?|[Rr]epresentatives) (?:from|of)\s+"
    r"(?:the\s+)?(?:(?:IP|intellectual property|patent) (?:offices|authorities) of\s+)?(?P<list>[^.;]+)"
)


# ", and X newly established …", ", but it also signed …": a clause of its own, a subject and
# its verb, not one more item of a list.
NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?:(?:the\s+)?[A-Z][\w-]*\s+|it\s+|they\s+){1,3}"
    r"(?:(?:[a-z]+ly|later|also|then|further|again|since)\s+)?[a-z]+ed\b"
)


def _senders(sentence: str, event, hits: list[Hit], gazetteer: Gazetteer) -> list[Hit]:
    """The organizations listed after "delegations from", known or not, one each."""
    if event.kind != "incoming":
        return []
    match = DELEGATIONS_FROM.search(sentence)
    if not match:
        return []
    listed = []
    base = match.start("list")
    items = match["list"]
    clause = NEW_CLAUSE.search(items)
    if clause:
        # ("met heads of A and B, and <home> established relations with C": C sent no one)
        items = items[: clause.start()]
    # (no cut inside a name found: "the Danish Patent and Trademark Office")
    cuts = [
        cut.span()
        for cut in re.finditer(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?[A-Z])", items)
        if not any(h.start < base + cut.start() < h.end for h in hits)
    ]
    edges = [0, *[e for span in cuts for e in span], len(items)]
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        start, end = base + start, base + end
        item = sentence[start:end]
        named = [
            h
            for h in hits
            if start <= h.start < end
            and (
                h.kind == "unknown" or h.kind in ("office", "country") and not gazetteer.is_home(h)
            )
        ]
        name = re.sub(r"^(?:the|The)\s+", "", item.strip())
        if named:
            listed.append(named[0])
        elif re.match(r"[A-Z][\w&’'-]*(?:\s+(?:of|for|and|[A-Z][\w&’'-]*))+\s*$", name):
            # A name the database does not know ("the Quality Brands Protection Committee").
            listed.append(Hit("unknown", name, start, end, "listed"))
    return _distinct(listed)


HEADS_ADOPTED = re.compile(
    # ("the heads of the five offices endorsed …")
    r"\b(?:the|their|whose) (?:\w+ )?(?:heads|offices) (?:of (?:the )?(?:\w+ )?(?:offices|sides|parties) )?"
    r"(?:\w+ )?(?:approved|adopted|endorsed|signed|issued|"
    r"agreed on|reached)\b"
)
FRAMEWORK = re.compile(r"\bwithin the frameworks? of\b")
ATTENDED = re.compile(
    r"\b(?:participated|attended|took part|spoke at|addressed|(?:delivered|gave) (?:a|the) (?:[\w-]+ )?speech"
    # ("represented <home> at the X Meeting in <a city abroad>": went there)
    r"|represented (?:[\w-]+ ){1,3}?at)\b"
)
JOINTLY = re.compile(
    r"\b(?:jointly|co-hosted|co-organi[sz]ed|co-chaired|together with|in collaboration with)\b"
)
# A head of state's visit during which a document was signed is not the office's delegation.
STATE_VISIT = re.compile(r"\bwitnessed\b|\bin the presence of\b|\bstate visit\b")
# Where the words about one event end: the next verb of another action.
OWN_SUBJECT = re.compile(
    r",\s+and\s+(?:[\w'’-]+\s+){1,6}?(?:became|remained|reached|joined|rose|grew)\b"
)
NEXT_ACTION = re.compile(
    r"\b(?:and )?(?:signed|visited|held|hosted|met|attended|participated|facilitated|launched|"
    r"carried out|exchanged|agreed|completed|led|received|witnessed|"
    # ("…, signing the MOU with A and holding talks with B": each participle its own action)
    r"signing|visiting|holding|hosting|attending|meeting|receiving)\b(?! (?:of|was|were)\b)"
    # ("signed with A in <city>, during a visit by X that also took in B": B was visited)
    r"|\bduring (?:a|an|his|her|the) (?:[\w-]+ )?(?:visit|trip|mission|tour) by\b|\btook in\b"
    # ("sent officials to X under the secondment program and supported the Y in …": a
    # predicate of its own, with its own object)
    r"|\band (?:also )?(?:supported|assisted|helped|promoted|encouraged)\b"
)


def _span(
    sentence: str, event, found: list, *, clause: bool = False, names: list | None = None
) -> tuple[int, int]:
    """From the event's words to the next event's, or to the next action, whichever is first;
    for a meeting (*clause*), also to the next comma after its name."""
    following = [e.start for e in found if e.start > event.start]
    end = min(following) if following else len(sentence)
    if clause:
        end = _clause_end(sentence, event.end, end, names or [])
        # "met X on the margins of the WIPO Assemblies": the occasion's organization is not
        # the meeting's partner.
        occasion = OCCASION.search(sentence, event.end, end)
        end = occasion.start() if occasion else end
    # "…, and Nordland's office became the 9th user": a clause of its own subject and verb
    own = OWN_SUBJECT.search(sentence, event.end, end)
    end = own.start() if own else end
    for action in NEXT_ACTION.finditer(sentence, event.end, end):
        # ("an agreement … was signed with X": the document's own verb, its party after it)
        if clause or not re.search(
            r"\b(?:was|were|been|be)\s+$", sentence[event.end : action.start()]
        ):
            return event.start, action.start()
    return event.start, end


OCCASION = re.compile(r"\b(?:on|at) the (?:margins|sidelines) of\b|\bin the margins of\b", re.I)
LIST_GOES_ON = re.compile(r",\s+(?:and\s+)?(?:the\s+)?[A-Z]")


def _clause_end(sentence: str, start: int, end: int, names: list[Hit]) -> int:
    """The first comma after *start* that does not go on with a list of names ("such as
    Brazil, Mexico", "of SIPO, the General Authority …", "in Valletta, Malta")."""
    position = start
    while True:
        comma = sentence.find(", ", position, end)
        if comma < 0:
            return end
        # A name ends at the comma: a partner, or a place after the event's own words.
        named_before = any(h.end == comma for h in names) or bool(
            re.search(r"\s[A-Z][a-z]+$", sentence[start:comma])
        )
        if not LIST_GOES_ON.match(sentence, comma) or not named_before:
            return comma
        position = comma + 2


def _with_seats(visited: list[Hit], gazetteer: Gazetteer) -> list[Hit]:
    """A delegation that visits an organization travels to the country of its seat."""
    countries = {gazetteer.country_of(h) for h in visited}
    seats = []
    for hit in visited:
        seat = gazetteer.seats.get(hit.key) if hit.kind == "office" else None
        if seat and seat not in countries and seat != gazetteer.home_country:
            countries.add(seat)
            seats.append(Hit("country", seat, hit.start, hit.end, "seat"))
    return visited + seats


def _heading_office(passage: Passage, gazetteer: Gazetteer) -> list[Hit]:
    """The organization without a country that a passage's heading names, if only one."""
    offices = {
        h.key
        for h in gazetteer.find(passage.heading or "")
        if h.kind == "office"
        and not gazetteer.is_home(h)
        and not gazetteer.offices[h.key]["country"]
    }
    return [Hit("office", offices.pop(), 0, 0, "heading")] if len(offices) == 1 else []


def _led_by_grouping(hits: list[Hit], gazetteer: Gazetteer, event) -> bool:
    """Whether a meeting's name opens with a grouping of offices ("IP5 …", "ID5 …")."""
    return bool(event.title) and any(
        hit.kind == "grouping"
        and len(gazetteer.groupings[hit.key]["offices"]) > 1
        and event.start <= hit.start < event.end
        and re.search(r"\b(?:Meeting|Consultations?|Round ?[Tt]able)$", event.title)
        for hit in hits
    )


def _members(hits: list[Hit], gazetteer: Gazetteer, start: int, end: int) -> list[Hit]:
    """A grouping of offices named in the span ("IP5") stands for its member offices, the home
    office left out; a grouping of countries ("ASEAN") is a tag, not a list of partners."""
    members = []
    for hit in hits:
        offices = gazetteer.groupings[hit.key]["offices"] if hit.kind == "grouping" else []
        # One member office is the grouping's own organ (the EU's office), not its members.
        if len(offices) > 1 and start <= hit.start < end:
            members += [
                Hit("office", slug, hit.start, hit.end)
                for slug in offices
                if slug != gazetteer.home_office
            ]
    return members


def _title(event, partners: list[Hit], sentence: str, gazetteer: Gazetteer) -> str:
    if event.title:
        return event.title[:400]
    italic = re.search(r"\*(?:the )?([^*]{8,380})\*", sentence)
    if event.type == "agreement" and italic:
        return italic.group(1)
    names = ", ".join(
        gazetteer.offices[h.key]["acronym"] or gazetteer.offices[h.key]["name"]
        if h.kind == "office" else gazetteer.countries.get(h.key, h.key)
        for h in partners
    ) or "partners"  # fmt: skip
    label = {
        "outgoing": f"Delegation to {names}", "incoming": f"Delegation from {names}",
        "high-level-meeting": f"Meeting with {names}",
    }.get(event.kind)  # fmt: skip
    if label:
        return label
    kind = re.sub(r"\s+(?:to|with)$", "", sentence[event.start : event.end].strip())
    return f"{kind[:1].upper()}{kind[1:]} with {names}"[:400]


def _identity(proposal: Proposal, gazetteer: Gazetteer) -> frozenset:
    offices = set(proposal.offices) - {gazetteer.home_office}
    for code in proposal.countries:
        offices.add(gazetteer.national_office.get(code, code))
    return frozenset(offices)


def _caption_of(caption: Proposal, told: Proposal, gazetteer: Gazetteer) -> bool:
    """A photo caption shows an event its section tells: the same name, or the same kind of
    record with some of its partners ("visited IP Australia" under "visited Australia and New
    Zealand"), whatever the month."""
    if not caption.passage.is_caption or told.passage.is_caption:
        return False
    if caption.passage.section != told.passage.section:
        return False
    if caption.month is not None and told.month not in (None, caption.month):
        return False
    if (
        caption.title
        and told.title
        and fuzz.token_set_ratio(caption.title, told.title) >= 90
        and caption.type in ("meeting", "training")
        and told.type in ("meeting", "training")
        and "high-level-meeting" not in (caption.kind, told.kind)  # "Meeting with …" is no name
    ):
        return True
    partners = caption.partner_keys(gazetteer)
    if (
        not partners
        and caption.type == told.type == "agreement"
        and caption.kind == told.kind
        and re.search(r"\b(?:signing|signed|sign) the\b", caption.passage.text)
    ):
        # ("X and Y signing the work plan": the one its section told, named by people alone)
        return True
    if not partners:
        # ("Roundtable between <home> and <a body of the home country>": named by its office)
        return (
            (caption.type, caption.kind) == (told.type, told.kind)
            and bool(caption.offices)
            and set(caption.offices) == set(told.offices)
        )
    if caption.type == told.type == "agreement" and told.kind == "other-document":
        # "signed relevant cooperation documents", and the caption says which: a MOU.
        return partners == told.partner_keys(gazetteer)
    if (
        caption.kind == "high-level-meeting"
        and told.type == "delegation"
        and re.search(r"\bdelegation\b", caption.passage.text)
    ):
        # "X had a meeting with the Y delegation": the photo of a visit the section tells (a
        # meeting with a person alone is a meeting of its own).
        return partners <= told.partner_keys(gazetteer)
    told_partners = told.partner_keys(gazetteer)
    if (
        caption.kind == "high-level-meeting"
        and caption.month is None
        and told.kind == "outgoing"
        and partners <= told_partners
        and any(c in caption.passage.text and c in told.quote for c in _cities_named(caption))
    ):
        # "X met with the President of Y in <city>", undated: the photo of the visit to Y in
        # that city the section tells.
        return True
    if (
        caption.kind == "high-level-meeting"
        and told.kind == "incoming"
        and re.search(r"\b(?:received|welcomed|hosted) (?:the )?heads?\b", told.quote)
    ):
        # "received the heads of the offices of A and B", and a photo of a meeting with A's
        # head: the visit told.
        return partners <= told_partners
    if (
        caption.kind == "high-level-meeting"
        and told.kind == "heads-meeting"
        and re.search(r"\btalks\b", caption.passage.text)
    ):
        # "X in talks with the JPO Commissioner": the photo of the heads meeting told.
        return partners == told_partners
    if caption.month is None and (caption.type, caption.kind) == (told.type, told.kind):
        # an undated photo "at the annual heads meeting": the one its section tells
        return partners <= told_partners
    return (caption.type, caption.kind) == (told.type, told.kind) and partners < told_partners


def _cities_named(proposal: Proposal) -> list[str]:
    return [m["city"] for m in CITY.finditer(proposal.passage.text)]


def _merge_repeats(found: list[Proposal], gazetteer: Gazetteer) -> list[Proposal]:
    """A fact told twice (a caption and its paragraph, a summary repeating it) is one proposal."""
    kept: list[Proposal] = []
    for proposal in found:
        twin = next((k for k in kept if _same_fact(k, proposal, gazetteer)), None)
        if twin is None:
            kept.append(proposal)
            continue
        if (twin.month is None and proposal.month is not None) or (
            twin.passage.is_caption and not proposal.passage.is_caption
        ):
            # The dated telling leads, and a paragraph before a caption; the other is cited too.
            kept[kept.index(twin)] = proposal
            _refine_kind(proposal, twin)
            proposal.other_passages.append(twin.passage)
            proposal.other_passages.extend(twin.other_passages)
        elif proposal.passage is not twin.passage and proposal.passage not in twin.other_passages:
            twin.other_passages.append(proposal.passage)
            _refine_kind(twin, proposal)
    return kept


def _refine_kind(kept: Proposal, other: Proposal) -> None:
    """An unnamed cooperation document takes the kind another telling gives it."""
    if kept.type == other.type == "agreement" and kept.kind == "other-document":
        kept.kind, kept.title = other.kind, other.title


def _same_fact(a: Proposal, b: Proposal, gazetteer: Gazetteer) -> bool:
    if a.passage is b.passage or a.type == "figure" or b.type == "figure":
        return False
    if _caption_of(a, b, gazetteer) or _caption_of(b, a, gazetteer):
        return True
    if (a.type, a.kind) != (b.type, b.kind):
        return False
    partners = a.partner_keys(gazetteer)
    if partners != b.partner_keys(gazetteer):
        return False
    # Two offices of one country (its patent office and a company) are two partners; a country
    # stands for its national office.
    if _identity(a, gazetteer) != _identity(b, gazetteer):
        return False
    # Without partners, only a name tells two events apart: "the 8th Meeting of …".
    if not partners and fuzz.token_set_ratio(a.title, b.title) < 90:
        return False
    # "the 10th Meeting" and "the 18th Meeting" of the same partners in one month are two.
    numbers_a, numbers_b = set(re.findall(r"\d+", a.title)), set(re.findall(r"\d+", b.title))
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False
    if a.month == b.month:
        return True
    undated = a if a.month is None else b if b.month is None else None
    if undated is None:
        return False
    dated = b if undated is a else a
    # A caption has no date: it shows the dated event of its own section. A document signed
    # with the same partners is the same document when a summary repeats it without a date.
    same_section = undated.passage.is_caption and undated.passage.section == dated.passage.section
    return (
        same_section
        or (a.type == "agreement" and bool(partners))
        or (a.type == "meeting" and _named_by_acronym(undated, dated))
    )


def _named_by_acronym(undated: Proposal, dated: Proposal) -> bool:
    """ "took part in the sessions of the X Committee (XC)" and, later, "attended the 37th session
    of the XC" in a month: the one session the year's summary spoke of."""
    text = undated.passage.text
    at = text.find(undated.title) if undated.title else -1
    acronym = re.match(r"\s*\(([A-Z][A-Za-z0-9]{1,7})\)", text[at + len(undated.title) :])
    return (
        at >= 0 and bool(acronym) and re.search(rf"\bthe {acronym[1]}\b", dated.quote) is not None
    )
