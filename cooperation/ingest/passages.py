"""A chapter's text as passages: paragraphs and photo captions, with the section they stand in.

Text copied out of a PDF breaks a paragraph where a photo caption or a page break fell; a block
that does not end a sentence is joined to the next block that is not a caption or a heading, and
captions that interrupted it follow it.
"""

import re
from dataclasses import dataclass, field

from .when import MONTHS

ROMAN = re.compile(r"^(?P<num>[IVXLC]+)\.\s+(?P<title>\S.{0,150})$")
NUMBERED = re.compile(r"^(?P<num>\d{1,2})\.?\s+(?P<title>[A-Z“\"].{0,150})$")
LETTERED = re.compile(r"^\((?P<num>\d{1,2})\)\s+(?P<title>\S.{0,150})$")
SENTENCE_END = re.compile(r"[.!?…][”’\"')*\]]*\s*$")
LEADS_WITH_TIME = re.compile(
    r"^(In|On|From|During|By|At the (end|beginning) of)\s+({}|\d)".format("|".join(MONTHS))
)
# A page's running head or foot ("X Annual Report 2027", a page number alone) is no text of the
# chapter: a paragraph cut by the page break goes on after it.
RUNNING_LINE = re.compile(
    r"^(?:\d{1,3}\s+)?[A-Z][^.!?;:]{0,60}\bReport\s+(?:19|20)\d\d(?:\s+\d{1,3})?$|^\d{1,3}$"
)
# A caption describes one photo: a sentence or two, never the start of a chronicle.
CAPTION_MAX_CHARS = 450
# Abbreviations after which a full stop does not end a sentence ("etc." does end one).
ABBREVIATIONS = (
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Prof",
    "No",
    "St",
    "U.S",
    "U.K",
    "e.g",
    "i.e",
    "vs",
)


@dataclass
class Passage:
    text: str
    section: str
    heading: str
    is_caption: bool = False
    position: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in text

    @property
    def ref(self) -> str:
        return f"p{self.position:03d}"


@dataclass
class Block:
    text: str
    gap: int  # blank lines before it


def blocks(text: str) -> list[Block]:
    found, lines, gap = [], [], 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            lines.append(line.strip())
            continue
        if lines:
            found.append(Block(" ".join(lines), gap))
            lines, gap = [], 0
        gap += 1
    if lines:
        found.append(Block(" ".join(lines), gap))
    return found


def heading_of(block: Block) -> tuple[str, str, str] | None:
    """('roman'|'number'|'letter', number, title) for a section heading, else None."""
    text = block.text
    if SENTENCE_END.search(text) and not text.endswith(")"):
        return None
    for level, pattern in (("roman", ROMAN), ("number", NUMBERED), ("letter", LETTERED)):
        match = pattern.match(text)
        if match and len(text.split()) <= 20:
            return level, match["num"], match["title"].strip()
    return None


def is_caption(block: Block) -> bool:
    return (
        block.gap >= 2
        and len(block.text) <= CAPTION_MAX_CHARS
        and bool(SENTENCE_END.search(block.text))
        and not LEADS_WITH_TIME.match(block.text)
        # ("geographical indications. CNIPA also …": the rest of a paragraph a page cut)
        and not block.text[:1].islower()
    )


def split(text: str) -> list[Passage]:
    """The passages of *text*, in reading order."""
    passages: list[Passage] = []
    chapter, number, letter, heading = "", "", "", ""
    open_paragraph: Passage | None = None
    held_captions: list[Passage] = []

    def section() -> str:
        name = chapter
        if number:
            name = f"{name}.{number}" if name else number
        if letter:
            name = f"{name}({letter})"
        return name

    def close() -> None:
        nonlocal open_paragraph
        if open_paragraph is not None:
            passages.append(open_paragraph)
        passages.extend(held_captions)
        held_captions.clear()
        open_paragraph = None

    found_blocks = [b for b in blocks(text) if not RUNNING_LINE.match(b.text)]
    for index, block in enumerate(found_blocks):
        found = heading_of(block)
        if found:
            close()
            level, num, title = found
            if level == "roman":
                chapter, number, letter = num, "", ""
            elif level == "number":
                number, letter = num, ""
            else:
                letter = num
            heading = title
            continue
        if is_caption(block) and not _ends_cut_paragraph(open_paragraph, found_blocks[index + 1 :]):
            caption = Passage(block.text, section(), heading, is_caption=True)
            if open_paragraph is not None:
                held_captions.append(caption)
            else:
                passages.append(caption)
            continue
        if open_paragraph is not None:
            open_paragraph.text = f"{open_paragraph.text} {block.text}"
        else:
            open_paragraph = Passage(block.text, section(), heading)
        if SENTENCE_END.search(open_paragraph.text):
            close()
    close()
    for position, passage in enumerate(passages, start=1):
        passage.position = position
        passage.sentences = sentences(passage.text)
    return passages


# A paragraph cut by a page break mid-phrase ("… Viet Nam and the"): the block after it ends it
# where only captions lie between it and the next heading; a block that is no caption after it
# is the paragraph's end (and the blocks between, photos' captions).
CUT_MID_PHRASE = re.compile(
    r"\b(?:the|a|an|of|and|or|with|to|in|on|for|by|from|at|between|its|their)$", re.I
)


def _ends_cut_paragraph(open_paragraph: Passage | None, following: list[Block]) -> bool:
    if open_paragraph is None or not CUT_MID_PHRASE.search(open_paragraph.text):
        return False
    for block in following:
        if heading_of(block):
            return True
        if block.text[:1].islower() or not is_caption(block):
            return False  # the paragraph goes on there, after photos' captions
    return True


# (an item of a list set off by a bullet starts a sentence, and its bullet is in none: "… as
# follows: - In May, …" or "… Office. • In June, …")
_BOUNDARY = re.compile(
    r"(?<=[.!?])[”’\"')*]*\s+(?:[-–•▪·]\s+)?(?=[A-Z“\"(*\d])"
    r"|(?<=[:;])\s+[-–•▪·]\s+(?=[A-Z“\"(*\d])"
    r"|\s+[•▪·]\s+(?=[A-Z“\"(*\d])"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of *text*, so that quotes stay verbatim."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()]
        last_word = before.rsplit(None, 1)[-1] if before.strip() else ""
        if last_word.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last_word):
            continue
        end = match.start() + len(re.match(r"[”’\"')*]*", match.group(0)).group(0))
        spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [part for span in spans for part in _dated_halves(text, *span)]


# "…, held in Geneva in May; in November, X led the delegation to …": a clause that opens with a
# month of its own after a semicolon tells an occasion of its own, as a sentence would.
DATED_CLAUSE = re.compile(
    r";\s+(?=(?:in|on|from|early in|late in|in early|in late|in mid-)\s+(?:[0-3]?\d\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)


def _dated_halves(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [m for m in DATED_CLAUSE.finditer(text, start, end)]
    edges = [start, *[edge for m in cuts for edge in (m.start() + 1, m.end())], end]
    return list(zip(edges[::2], edges[1::2], strict=True))
