"""What a sentence tells: which agreements, delegations, meetings and trainings, of which kind.

Each finder returns Events with the span of the words that told it; partners are attached later
by cooperation.ingest.build from the gazetteer's hits.
"""

import re
from dataclasses import dataclass, field

# Numbers written as words, up to twenty and the tens ("thirty-three"), as reports write them.
NUMBER_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundreds|dozens)"
)
# "for another two years", "for two more years", "by three further years": a term added.
FURTHER_YEARS = r"(?:(?:a further|another|an additional) [\w-]+ years?|[\w-]+ (?:more|further|additional) years?)"
# Document kinds, most specific first; a general "agreement" gives way to a specific kind named
# in its own words ("agreements on PPH cooperation and data exchange").
AGREEMENT_KINDS = [
    # "the PPH pilot program between A and B was extended for another two years": the document
    # before the passive verb is the one extended, not a new one.
    (
        "extension",
        r"\b(?:PPH|Patent Prosecution Highway|memorand(?:um|a)(?: of understanding)?|MOUs?|agreements?|"
        r"programs?|programmes?|plans?|arrangements?|partnerships?|cooperation)\b"
        # (a plan "for 2021-2023" renewed is a new plan for its own years)
        # ("An MOU was signed with A, and the plan with B was renewed": the plan alone renewed)
        r"(?!\s+for\s+\d{4})(?:(?!,\s+and\s)[^.;]){0,200}?"
        r"\b(?:was|were|has been|have been) (?:extended|renewed|prolonged|made permanent)\b"
        # ("cooperation was extended to the offices of X": widened to others, not prolonged)
        r"(?! to (?:the |other |more |new |all )?(?:[\w-]+ ){0,3}?(?:offices|countries|regions|"
        r"partners|fields|areas|sectors|member states)\b)",
    ),
    # "… and renewed the agreement on X with Y": the active verb on the document, however
    # coordinated. (A memorandum renewed is told as a new memorandum, by the curators' custom.)
    (
        "extension",
        # ("extended the scope of their PPH pilot": the document widened, not prolonged)
        r"\b(?:renew|extend|prolong)(?:ed|ing|s)? (?:the|its|their|an?) (?:(?!of\b)[\w-]+ ){0,3}?"
        r"(?:PPH|Patent Prosecution Highway|agreements?|programs?|programmes?|arrangements?)\b"
        r"(?!\s+for\s+\d{4})",
    ),
    # "agreed to renew, for another three years, the memorandum …": the document after the term.
    (
        "extension",
        r"\b(?:extend|renew)(?:ed|ing|s)?,? (?:for|by) " + FURTHER_YEARS + r",? "
        r"(?:the|their|its) (?:[\w-]+ ){0,3}?(?:memorand(?:um|a)(?: of understanding)?|agreements?|MOUs?|programs?|programmes?)",
    ),
    # "agreed to extend their PPH pilot program for another two years", "an agreement extending
    # the X for a further five years": the extension is the document, whatever it extends.
    (
        "extension",
        # ("an agreement extending their pilot for three years": a term added, however said)
        r"\b(?:extend|renew)(?:ed|ing|s)?\b[^.;]{0,80}?\b(?:for|by) (?:"
        + FURTHER_YEARS
        + rf"|(?:{NUMBER_WORDS}|\d{{1,2}}) years)\b",
    ),
    # "agreed to make their pilot programme permanent": a document without an end any more.
    ("extension", r"\bmak(?:e|es|ing)\b[^.;]{0,60}?\bpermanent\b"),
    # "agreed to extend their memorandum … until 2025": a new end year is an extension too.
    (
        "extension",
        r"\b(?:extend|renew|prolong)(?:ed|ing|s)?\b[^.;]{0,80}?\b(?:until|till|through) \d{4}\b",
    ),
    # "signed the Memorandum of the 24th Heads Meeting": what a meeting recorded, not an MOU.
    (
        "record-of-discussion",
        r"\bmemorand(?:um|a) of the (?-i:(?:\d{1,3}(?:st|nd|rd|th) )?(?:[A-Z][\w-]* ){0,5}"
        r"(?:Meeting|Session|Conference|Commission|Committee|Dialogue))\b",
    ),
    ("mou", r"(?i:memorand(?:um|a)(?: of understanding)?)\b|\bMOUs?\b|\bMoUs?\b"),
    ("work-plan", r"work(?:ing)? plans?|work programmes?|action plans?|implementation plans?"),
    ("letter-of-intent", r"letters? of intent"),
    ("framework-agreement", r"framework agreements?"),
    # ("the minutes of their 4th annual meeting": the meeting's own record)
    (
        "record-of-discussion",
        r"records? of discussions?|minutes of (?:the |their |its )?(?:[\w-]+ ){0,4}?meetings?",
    ),
    ("joint-statement", r"joint statements?|joint communiqu[eé]s?"),
    ("pph", r"Patent Prosecution Highway|\bPPH\b"),
    (
        "data-exchange",
        # "the exchange of patent legal status data", "of patent and trade mark data"
        r"(?:agreements? on |on the )?(?:the )?exchange of (?:[\w-]+ ){0,4}?(?:information|data|documents|documentation|results)\b|data(?: and \w+)?[- ]exchange"
        # "an agreement on the supply of patent data to X": data given, one way or both
        r"|(?:agreements? on |on )the (?:supply|provision|transfer|sharing|transmission|delivery)"
        r" of (?:[\w-]+ ){0,3}?data\b",
    ),
    ("guidelines", r"\bguidelines\b"),
    # ("adopted the X Consensus on …": a text the meeting agreed; "reached consensus" is not)
    ("declaration", r"\bdeclarations?\b|\bjoint initiatives?\b|(?-i:\bConsensus\b)"),
    ("programme", r"cooperation programmes?|cooperation programs?|\broad ?maps?\b"),
    ("arrangement", r"\b(?:cooperation )?arrangements?\b(?! with neighbo)"),
    (
        "extension",
        r"\bextension of (?:the |its |their )?(?:[\w-]+ ){0,3}?(?:agreements?|memorand(?:um|a)|MOUs?|"
        r"arrangements?|programmes?|programs?|plans?)\b|\bextended the\b",
    ),
    ("other-document", r"cooperation documents|relevant documents|cooperation document\b"),
    # "deposited with WIPO its instrument of accession to the X Agreement": a treaty joined.
    ("other-document", r"\binstruments? of (?:accession|ratification)\b"),
    ("cooperation-agreement", r"\bagreements?\b"),
]
SIGNING = re.compile(
    r"\b(?:signed|signing|signature|concluded|renewed|adopted|upgraded|entered into|released|initial(?:l)?ed|"
    r"issued|reached|extend|extended|extending|renew|renewing|inked|launched|approved|endorsed|"
    r"exchanged letters|(?:was|were) agreed|agreed (?:on|upon)|permanent|deposited)\b", re.I)  # fmt: skip

OUTGOING = re.compile(
    r"\b(?:led|headed) (?:a|an|the|his|her)\b[\w -]{0,25}?\bdelegation|\b(?:led|headed) (?:[\w-]+ )?delegations to\b|\bsent (?:a|the)[\w -]{0,20} delegation|\bsent delegations\b|"
    r"\b(?:and|with) (?:his|her|a|the) delegation\b|\bdelegation (?:participated|attended|visited)\b|"
    # "A Chinese delegation headed by X attended the Assemblies …"
    r"\bdelegation (?:headed|led) by [^.;]{0,60}?\b(?:attended|participated in|took part in)\b|\bvisited\b|\bpaid (?:a|an)[\w -]{0,20} visits? to\b|\b(?:official |working )?visits? to\b|\btravel(?:l)?ed to\b|\b(?:went|flew) (?:on )?to (?-i:(?=[A-Z]))|"
    r"\b(?:made|undertook|paid) (?:a|an)[\w -]{0,20}? (?:trip|tour|mission)s? to\b|"
    # "…, who also called on the X Office": a visit paid to it
    r"\b(?:called|paid (?:a )?(?:courtesy )?calls?) on (?:the )?(?-i:[A-Z])|"
    # "X led the Chinese side": at a meeting abroad just told
    r"\b(?:led|headed) the (?-i:(?:[A-Z][\w-]* )?)side\b|"
    # "…, during a visit by Deputy Commissioner X": the office's own official went (a visitor
    # is "the President of Y")
    r"\bduring (?:a|an|his|her|the) (?:[\w-]+ )?(?:visit|trip|mission) by (?:the )?(?:(?:Deputy|Assistant|Vice) )?"
    r"(?:Commissioner|Director[- ]General|Minister)\b(?![^,.;]{0,40}\bof\b)", re.I)  # fmt: skip


VISITOR_TITLES = (
    r"Director[- ]General|President|Commissioner|Minister|Ambassador|Secretary[- ]General|"
    r"Chairman|Chairwoman|Executive Director|Chief Executive|Registrar"
)


def incoming_pattern(home: str) -> re.Pattern:
    """Visits received; *home* is a pattern of the reporting office's and country's names."""
    return re.compile(
        rf"\b(?:received|welcomed|hosted) (?:a|an|the)?[\w -]{{0,30}}delegations?|\bdelegations? (?:of|from)\b[^.]{{0,80}}\bvisited (?:{home})|"
        rf"\bvisited (?:{home})\b|\bcame to (?:{home}|visit)|"
        # "Visits were received from the heads of …"
        rf"\bvisits? (?:were |was )?(?:received|welcomed) from\b|"
        # "… were received at <home> during the year"
        rf"\b(?:was|were) (?:received|welcomed|hosted) (?:at|by|in) (?:{home})\b(?! of\b)|"
        # "met in <home city> with a delegation from …", "received … a delegation of …"
        rf"\bmet (?:[\w,]+ ){{0,4}}?with (?:a|the) delegation (?:from|of)\b|"
        # "received WIPO Deputy Director General Mr. X", "received the Ambassador of Y"
        # ("received Mr. X, Director General of …": a courtesy title's full stop is no end)
        rf"\b(?:received|welcomed|(?<!was )(?<!were )(?<!been )hosted)\b(?=(?:(?:Mr|Ms|Mrs|Dr)\.|[^.;]){{0,50}}?\b(?:{VISITOR_TITLES})\b)", re.I)  # fmt: skip


MET = re.compile(
    r"\b(?:met with|met|had (?:a|an)[\w -]{0,20} meetings? with|held (?:[\w-]+ ){0,2}talks(?: (?:by|via|over|online) [\w ]{0,20}?)? with|talks with|"
    # "A and B held talks in <city>", "held talks online": the talks of those named before
    r"held (?:[\w-]+ ){0,2}talks(?= (?:in|on|at|online|by|via)\b|[.,;])|"
    # "held bilateral meetings with A and B"
    r"held (?:separate |bilateral )+meetings with|"
    # "Talks were held with the Director General of X"
    r"(?:talks|a meeting|meetings) (?:was|were) held (?:online |virtually )?with|"
    r"held (?:a|an) (?:[\w-]+ )?(?:video conference|video call|videoconference|online meeting|meeting) with|"
    # "video conferences were held with …", "during a video conference between …"
    r"(?:video[- ]?conferences?|video calls?|(?:online|virtual|video) meetings?)(?=[^.;]{0,30}\b(?:with|between)\b))\b",
    re.I,
)
# "the heads of A and B met", "held its first heads meeting with", "the three heads exchanged views":
# a meeting of the offices' heads, whatever its name ("the IP5 Heads met representatives of
# industry" is the heads meeting someone else).
HEADS_MET = re.compile(
    r"\bheads\b[^.;]{0,120}?\b(?:met(?=\s+(?:by|in|online|on|at|via|virtually|for|twice)\b|\s*[,.])|exchanged views)|\bheads[- ]meetings?\b|\bheads of office meeting\b"
    # "the heads of the two offices held their annual meeting": the heads' own meeting
    r"|\bheads\b[^.;]{0,80}?\bheld (?:their|its|an?|the)(?: [\w-]+){0,2} meeting\b"
    # "the two heads held talks in <city>"
    r"|\bheads (?:also )?held (?:[\w-]+ )?talks\b"
    # "hosted the annual meeting of the heads of the X offices": their meeting, unnamed
    r"|\b(?:meeting|conference|gathering) of (?:the )?heads of\b"
    # "a video meeting between the heads of A and B": the heads' meeting, however held
    r"|\b(?:meeting|talks|conference|call)\b[^.;]{0,12}?\bbetween the heads of\b",
    re.I,
)

EVENT_NOUNS = (
    r"Meetings?|Conferences?|Forums?|Symposi(?:um|a)|Dialogues?|Working Groups?|Coordination Group|Experts? Groups?|"
    r"General Assembl(?:y|ies)|Assembl(?:y|ies)|Committees?|Commissions?|(?<!State )Councils?|Round ?tables?|Roundtable Meeting|"
    r"Seminars?|Workshops?|Summits?|Sessions?|Panel Discussions?|panel discussions?|Roadshows?|roadshows?|"
    r"roundtables?|round tables?|"
    r"Master(?: of \w+)? Program(?:me)?s?|Expos?|Fairs?|Weeks?|Courses?|Schools?|Heads of (?:IP |Intellectual Property )?Offices?|"
    r"Consultations?"
)
# A named event: capitalized words ending in an event noun, often with an ordinal.
# Possessive: a hyphenated word is one word; letting it split at its hyphens as well made long
# runs of capitalised hyphenated words take exponential time.
_WORD = r"[A-Z“\"][\w“”\"’'&./-]*+"
_TAIL_WORD = rf"(?!and the\b)(?:{_WORD}|IP|and|of|the|on|for|in)"
NAMED_EVENT = re.compile(
    # ("the 3rd Industrial Design 5 Forum (ID5) Annual Meeting": an acronym in the name)
    rf"(?:the )?(?P<name>(?:\d{{1,3}}(?:st|nd|rd|th) |\d{{4}} )?(?:{_WORD}(?: \([A-Z][A-Za-z0-9]{{1,8}}\)(?= [A-Z]))?(?: |-)(?:(?:of|on|for|and|between|the|in|along|with|to)\s)*)*"
    rf"(?:{EVENT_NOUNS})\b(?: (?:of|on|for|between) (?:the )?{_TAIL_WORD}(?: {_TAIL_WORD})*)?)"
)
HELD = re.compile(
    r"\b(?:held|hosted|co-hosted|co-chaired|chaired|attended|attend|participated|addressed|spoke at|graduated|met (?:once|twice|\w+ times)|participate|participation|involvement|took part|took an? (?:[\w-]+ )?part|taking (?:an? )?(?:[\w-]+ )?part|attending|participating|organized|organised|co-organized|jointly held|convened|opened|launched|carried out|was held|were held|"
    r"provided|delivered|gave|given|conducted|offered|ran|run|trained|taught|took place|staged|enrolled|admitted|"
    r"organizing|organising|co-organizing|received (?:[\w-]+ )?training"
    # ("welcomed 25 examiners from A to a training course": an event it held for them)
    r"|welcomed(?=[^.;]{0,80}?\bto (?:a|an|the|its) ))\b",
    re.I,
)

TRAINING_WORDS = re.compile(
    r"\btraining|\bworkshop|\bschool\b|(?<!in the )(?<!\bof )\bcourses?\b(?! of\b)|"
    # "an online seminar … for IP officials from …": a seminar given to others is training.
    r"\bseminars?\b(?=[^.;]{0,80}?\bfor (?:[\w-]+ ){0,3}(?:officials|examiners|officers|staff|trainees|judges)\b)|"
    r"\bmaster(?: of \w+)? program|\btrainers?\b|\bexperts? to\b|\bsent experts\b|\broving seminar|"
    r"\broadshow|\bcapacity[- ]building|\bJunior Professional Officers\b|\bsecond(?:ed|ment)\b|\b(?:staff|examiner) exchange"
    # "examiners from X completed a study visit at <a centre>": placed with the office to learn
    r"|\b(?:study (?:visit|tour)|internship)s?(?= (?:at|in|with|of)\b)", re.I)  # fmt: skip
# "As no trainers could be sent, …": what did not happen.
NEGATED = re.compile(r"\b(?:no|not|without)\s+$", re.I)
# "14 online courses", "three seminars": how many, not which.
COUNTED = re.compile(
    rf"(?:\b\d[\d,]*|\b(?:{NUMBER_WORDS}(?: of)?|several|many|numerous))"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
FEW = re.compile(r"\b(?:[Tt]wo|[Tt]hree)\s+(?:[\w-]+\s+){0,2}$")
WITH_NAMED = re.compile(r"\b(?:together |jointly )?with (?:the )?[A-Z][A-Za-z]*[A-Z]\b")
# Unnamed, in lower case, with a verb of holding: "a seminar on X was co-hosted with …",
# "delivered lectures to …", "a summer school was run": teaching given.
UNNAMED_TRAINING = re.compile(r"(?<![A-Z]\w )\b(?:seminars?|webinars?|lectures?|schools?)\b")
# "held its first bilateral consultations with …": talks between offices, a dialogue.
HELD_CONSULTATIONS = re.compile(
    r"\b(?:held|conducted|hosted)\s+(?:(?:its|their|the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?P<noun>consultations?|dialogue)\b"
)
# "an online symposium on X was jointly organized by …", "a forum … took place in …": a meeting
# told by its noun alone, new (a, an) rather than told before (the).
UNNAMED_MEETING = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne) (?:[\w-]+ ){0,3}?(?P<noun>symposi(?:um|a)|forums?|conferences?|round ?tables?|dialogues?|"
    r"(?:industry|users?) (?:sessions?|consultations?))\b"
    r"(?=[^.;]*\b(?:held|hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|convened|took place)\b)"
)
# "held a roundtable with users of …": the same, its verb told first.
UNNAMED_MEETING_HELD = re.compile(
    r"\b(?:held|hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|convened)\s+(?:an?|one)\s+"
    r"(?:[\w-]+\s+){0,3}?(?<!video )(?<!video-)(?P<noun>symposi(?:um|a)|forums?|conferences?|round ?tables?|dialogues?|"
    r"(?:working[- ]level|expert|experts'|technical) meetings?)\b"
)
# "held the 11th meeting of their working group": a standing body's meeting, in lower case.
ORDINAL_MEETING = re.compile(
    # ("the first meeting of …": an ordinal in words too)
    r"\b(?:held|hosted|co-hosted|convened|co-chaired|attended)\s+the\s+(?:\d{1,3}(?:st|nd|rd|th)|first|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural)\s+"
    r"(?:meeting|session|round)\s+of\s+(?:their|the|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>working group|joint committee|committee|commission|dialogue|consultations?)\b"
)
# "attended the 37th session of the ABC": a numbered session of a body the text named by its
# acronym before (a committee's session, as a capitalized "Session" would say).
ORDINAL_SESSION_OF = re.compile(
    r"\b(?:held|hosted|co-hosted|convened|co-chaired|attended|chaired)\s+the\s+\d{1,3}(?:st|nd|rd|th)\s+"
    r"(?P<noun>sessions?)\s+of\s+the\s+[A-Z][A-Za-z0-9]{1,7}\b(?!\s+[A-Z])"
)
GENERAL = re.compile(
    r"\b(?:continued|continuing|further|deepen(?:ed)?|maintained|strengthened|enhanced|expanded|"
    r"consolidated|promoted|steadily|actively|comprehensively|elevated|improved|secured)\b", re.I)  # fmt: skip


@dataclass
class Event:
    type: str
    kind: str
    start: int
    end: int
    title: str = ""
    direction: str = ""
    partners: list = field(default_factory=list)  # gazetteer hits, set by build


def meeting_kind(name: str) -> str:
    lowered = name.lower()
    if re.search(r"round ?table meeting", lowered):
        return "roundtable"
    if "heads" in lowered or "head of" in lowered or "commissioners" in lowered or "HIPO" in name:
        return "heads-meeting"
    if re.search(
        r"\b(?:industry|users?)\b(?: [\w-]+){0,2} (?:consultations?|sessions?|meetings?)\b", lowered
    ):
        return "roundtable"  # offices meeting their users ("IP5 Industry Consultation Meeting")
    if re.search(
        r"working group|coordination group|working unit|experts? group|working[- ]level", lowered
    ):
        return "working-group"
    if "roundtable" in lowered or "round table" in lowered or "panel" in lowered:
        return "roundtable"
    if "dialogue" in lowered and "countries" in lowered:
        return "conference"  # "High-Level Dialogue on … for Belt and Road Countries": many parties
    if "dialogue" in lowered or "negotiation" in lowered or "consultation" in lowered:
        return "dialogue"
    if re.search(r"assembl|committee|commission|council|session", lowered):
        return "assembly"
    if "seminar" in lowered or "workshop" in lowered:
        return "seminar"
    return "conference"


PLURAL_DOCUMENTS = re.compile(
    r"^(?:[\w-]+ ){0,2}(?:records|memoranda|MOUs|MoUs|agreements|documents|work plans|joint statements|letters|arrangements|programs|programmes)\b",
    re.I,
)


def is_plural(mention: str) -> bool:
    return bool(PLURAL_DOCUMENTS.match(mention))


HOSTED_BY_HOME = re.compile(r"\b(?:held|organized|organised|hosted|ran)\s+(?:the\s+|a\s+|an\s+)?$")


def _held_for_others(sentence: str, start: int, name: str) -> bool:
    """A seminar the office itself held ("SIPO held the China-ASEAN … Seminar") trains others;
    a joint, trilateral or international one is a meeting of peers."""
    if not re.search(r"\bSeminar\b", name) or re.search(
        r"\b(?:Joint|Trilateral|Bilateral|International|Symposium)\b", name
    ):
        return False
    if re.search(r"\b(?:[Tt]he two|[Bb]oth) (?:sides|offices|parties|heads)\b", sentence[:start]):
        return False  # ("The two sides also held the X Seminar": the partners together, peers)
    return bool(HOSTED_BY_HOME.search(sentence[max(0, start - 40) : start]))


def _taught(sentence: str, name: str) -> bool:
    """A seminar whose participants are officials or examiners ("150 officials from … took part
    in the X Seminar") teaches them; a joint, trilateral or international one is of peers."""
    return bool(
        re.search(r"\bSeminar\b", name)
        and not re.search(r"\b(?:Joint|Trilateral|Bilateral|International|Symposium)\b", name)
        and re.search(r"\b(?:officials|examiners|trainees|judges)\b", sentence)
    )


TRAINERS_SENT = re.compile(
    r"\b(?:sent|dispatched|seconded)\s+(?:[\w-]+\s+){0,2}(?:experts|trainers|examiners|lecturers)\s+to\b|\bdispatch of trainers\b"
    # "trainers were sent to …", "a group of trainers went to …"
    r"|\b(?:experts|trainers|lecturers)\s+(?:(?:were|was)\s+(?:sent|dispatched)|went|travell?ed)\s+to\b"
    # "an expert team trained examiners of the X office in <city abroad>"
    r"|\b(?:expert|trainer)s? (?:team|group) (?:trained|taught)\b",
    re.I,
)


SENT_TO_SESSIONS = re.compile(r"\s*(?:the\s+)?(?:[\w-]+\s+)?(?:sessions?|meetings?) of\b")


def training_kind(text: str) -> str:
    lowered = text.lower()
    if re.search(r"master(?: of \w+)? program", lowered):
        return "master-programme"
    if "roving" in lowered or "roadshow" in lowered:
        return "roving-seminar"
    if "trainer" in lowered or "experts to" in lowered or "sent experts" in lowered:
        return "trainers-sent"
    if (
        "junior professional" in lowered
        or "second" in lowered
        or re.search(r"\bstudy (?:visit|tour)|\binternship", lowered)
        or re.search(r"(?:staff|examiner) exchange", lowered)
    ):
        return "staff-exchange"
    if re.search(r"\b(?:seminar|school)", " ".join(lowered.split()[:5])):
        return "seminar"
    # a course, a training, lectures: taught, a workshop's kind.
    if "workshop" in lowered or re.match(
        r"(?:[\w-]+ ){0,3}(?:courses?|training|lectures?)\b", lowered
    ):
        return "workshop"
    return "seminar"


NOT_A_DOCUMENT = re.compile(
    r"\s+(?:cooperation\s+)?(?:network|mechanism|system|field|area|framework|partner|users?|request)s?\b",
    re.I,
)


TALKS = re.compile(
    r"\b(?:discussions?|talks|exchanges|consultations|negotiations|presentations)\s+(?:on|about|of)\b"
    # "signed a MOU and reviewed the work plan": a document looked at, not concluded.
    r"|\b(?:reviewed|discussed|evaluated|assessed|studied|considered|implemented|followed up on)\b"
    # "talks on the implementation of their agreement": a document already in force.
    r"|\bimplementation of\b",
    re.I,
)


# "plans to sign", "will launch": not done in the year told.
FUTURE = re.compile(
    r"\b(?:will|would|plans? to|planned to|intends? to|intended to|agreed to (?:begin|start) talks)\b",
    re.I,
)


def _discussed(sentence: str, start: int) -> bool:
    signed = [m.end() for m in SIGNING.finditer(sentence, 0, start)]
    talks = [m.end() for m in TALKS.finditer(sentence, 0, start)]
    talks += [m.end() for m in FUTURE.finditer(sentence, max(0, start - 80), start)]
    return bool(talks) and (not signed or max(talks) > max(signed))


REPLACED = re.compile(
    r"\b(?:replac(?:ing|ed|es)|supersed(?:ing|ed|es)|succeed(?:ing|ed|s)|in place of)\s+"
    r"(?:the|its|their|an?)\s+(?:[\w-]+\s+){0,3}$"
)


def agreements(sentence: str) -> list[Event]:
    """Documents signed, adopted or extended in *sentence*; none without a verb of signing."""
    if not SIGNING.search(sentence):
        return []
    found: list[Event] = []
    for kind, pattern in AGREEMENT_KINDS:
        for match in re.finditer(pattern, sentence, re.I if kind not in ("mou",) else 0):
            if any(
                e.start <= match.start() < e.end or match.start() <= e.start < match.end()
                for e in found
            ):
                continue
            found.append(Event("agreement", kind, *match.span()))
    # "the PPH cooperation network", "the MOU mechanism": a field of cooperation, not a document;
    # "carried out discussion on the pilot cooperation in PPH": a subject of talks.
    found = [
        e for e in found
        if not NOT_A_DOCUMENT.match(sentence[e.end :]) and not _discussed(sentence, e.start)
        # ("a new agreement, replacing the agreement of 2015": the old one, not signed again)
        and not REPLACED.search(sentence, max(0, e.start - 40), e.start)
    ]  # fmt: skip
    found.sort(key=lambda e: e.start)
    # "the Patent Prosecution Highway (PPH)": a short name in brackets is the same document.
    found = [
        e for index, e in enumerate(found)
        if not (index and re.fullmatch(r"\s*\(", sentence[found[index - 1].end : e.start])
                and found[index - 1].kind == e.kind)
    ]  # fmt: skip
    # "agreements on PPH cooperation and data exchange": the specific kinds are the agreements;
    # a general noun (an agreement, memorandum or arrangement) gives way to what it is about.
    kept = []
    for event in found:
        if event.kind in ("cooperation-agreement", "mou", "arrangement"):
            # ("the MOU on cooperation and the work plan": a document of its own, after "the")
            following = [
                e
                for e in found
                if 0 < e.start - event.end <= 40
                and e.kind != "cooperation-agreement"
                and not re.search(r"(?:,|\band)\s+(?:the|a|an)\s+$", sentence[event.end : e.start])
            ]
            if following and re.match(
                r"\s+(?:on|for|of|to launch|to start|to establish|extending|renewing|turning|making|converting)\b",
                sentence[event.end :],
            ):
                continue
            # "The Agreement was one of …": the document told just before, not a new one.
            # ("An MOU was signed during the visit": a new one, told by "a")
            if (
                event.start <= 4
                and re.match(r"\s+(?:was|is|has|had)\b", sentence[event.end :])
                and not re.match(r"(?:An?|One)\s", sentence)
            ):
                continue
            # "PPH cooperation agreements": the kind before the word is the agreement.
            if any(
                e.kind != "cooperation-agreement"
                and 0 <= event.start - e.end <= 14
                and not re.search(r",|\band\b", sentence[e.end : event.start])
                for e in found
            ):
                continue
        kept.append(event)
    # "the data exchange agreement … was renewed": the one document, extended.
    titled_kinds = [e for e in kept if e.kind == "extension"]
    kept = [
        e
        for e in kept
        if e.kind == "extension" or not any(0 <= x.start - e.end <= 2 for x in titled_kinds)
    ]
    # A document named inside another's title ("Letter of Intent … on Cooperation in PPH"), or
    # the treaty an instrument of accession is to ("… of accession to the Hague Agreement").
    titled = []
    for event in kept:
        before = sentence[max(0, event.start - 60) : event.start]
        if re.search(
            r"\b(?:accession|ratification) (?:to|of) (?:the )?(?:[A-Z][\w-]* ){0,4}$", before
        ):
            continue
        if titled and re.search(r"\bCooperation (?:in|on) (?:the )?$", before):
            continue
        between = sentence[titled[-1].end : event.start] if titled else ""
        # ("an implementation plan for their MOU": the document it serves, signed before)
        if (
            titled
            and re.search(r"\b(?:on|in|for) (?:the |their |its )?$", before)
            and " and " not in between
        ):
            continue
        titled.append(event)
    return titled


def delegations(sentence: str, *, home: str = "the Office") -> list[Event]:
    incoming = incoming_pattern(home).search(sentence)
    outgoing = OUTGOING.search(sentence)
    if (
        outgoing
        and re.match(r"(?:went|flew)\b", outgoing.group(0))
        and TRAINERS_SENT.search(sentence)
    ):
        outgoing = None  # "trainers went to X": teaching sent, not a delegation
    if outgoing and re.search(
        rf"\b(?:{home})\s+(?:was|were|had been|has been)\s+visited by\b", sentence
    ):
        # "<home> was visited by a delegation of X": a visit received, told in the passive.
        return [Event("delegation", "incoming", *outgoing.span(), direction="received")]
    if outgoing and re.match(
        rf"\s+(?:to|at)\s+(?:visit\s+)?(?:the\s+)?(?:{home})\b", sentence[outgoing.end() :]
    ):
        # "X, Director General of Y, led a delegation to <home>": a visit received.
        return [Event("delegation", "incoming", *outgoing.span(), direction="received")]
    if outgoing and re.search(
        rf"\b(?:visited|(?:a|an|the)\s+(?:[\w-]+\s+)?visit\s+to|came\s+to)\s+(?:the\s+)?(?:{home})\b",
        sentence,
    ):
        # "A Kenyan delegation visited <home>", "paid a visit to <home>": the home office is
        # where the visit went, whoever's words came first.
        return [Event("delegation", "incoming", *outgoing.span(), direction="received")]
    own = re.search(
        rf"\b(?:{home})\s+delegation\b[^.;]{{0,80}}?\b(?:attended|participated|visited|travell?ed|went)\b"
        # "<home> officials were received by the X Office in <city>": received abroad
        rf"|\b(?:{home})(?:['’]s)? (?:officials|delegation|delegates|experts|staff)\b[^.;]{{0,40}}?"
        rf"\b(?:was|were) (?:received|welcomed|hosted) by\b",
        sentence,
    )
    if own and not outgoing:
        # "A <home> delegation headed by X attended …": the home office's own delegation.
        outgoing = own
    if outgoing and not (incoming and incoming.start() <= outgoing.start() < incoming.end()):
        return [Event("delegation", "outgoing", *outgoing.span(), direction="sent")]
    if incoming and re.search(
        r"delegation|visited|came to|received|welcomed|hosted", incoming.group(0), re.I
    ):
        return [Event("delegation", "incoming", *incoming.span(), direction="received")]
    return []


NEGOTIATIONS = re.compile(r"\bnegotiations? on (?:the )?[\w ]{0,40}? of (?P<list>[^.;]+)")
LIST_ITEM = re.compile(r",\s*(?:and\s+)?")


NEGOTIATIONS_INCLUDING = re.compile(
    r"\b(?:negotiations?|talks),?\s+(?:including|such as|namely)\s+(?P<list>[^.;]+)"
)


def negotiations(sentence: str) -> list[Event]:
    """ "the negotiations on the IP chapters of A, B and C", "free trade negotiations, including
    A, B and C": one round of talks for each."""
    match = NEGOTIATIONS.search(sentence) or NEGOTIATIONS_INCLUDING.search(sentence)
    if not match:
        return []
    start = match.start("list")
    lead = sentence[match.start() : start].strip()  # "negotiations on the IP chapters of"
    found, position = [], start
    pieces = LIST_ITEM.split(match["list"])
    # "…, C and the D between X and the Y": the first "and the" of the last item ends C.
    last, _and, rest = pieces[-1].partition(" and the ")
    pieces[-1:] = [last, f"the {rest}"] if rest else [last]
    for piece in pieces:
        offset = sentence.find(piece, position)
        name = re.sub(r"^the\s+", "", piece.strip())
        if offset >= 0 and name[:1].isupper():
            title = f"{lead[:1].upper()}{lead[1:]} the {name}"
            found.append(Event("meeting", "dialogue", offset, offset + len(piece), title=title))
            position = offset + len(piece)
    return found


def standing_bodies(sentence: str, home: str) -> list[Event]:
    """ "the China-U.S. inter-governmental dialogue mechanisms", "China-Switzerland IP working
    group meetings": bodies named after the home country and a partner, in lower case."""
    pattern = re.compile(
        rf"\b(?P<name>(?:(?:{home})-[A-Z][\w.]*(?:-[A-Z][\w.]*)*,?\s+)+(?:[\w/-]+\s+){{0,3}}?"
        rf"(?:dialogue|working group|commission|consultation|negotiation)s?(?:[\w/ -]{{0,12}}?(?:meetings|mechanisms))?)"
    )
    # "the 13th CNIPA-KIPO working-level meeting", "the annual China-X meeting": a numbered or
    # yearly meeting of the home office and a partner, in lower case.
    numbered = re.compile(
        rf"\b(?:\d{{1,3}}(?:st|nd|rd|th)|annual)\s+(?P<name>(?:{home})-[A-Z][\w.]*(?:-[A-Z][\w.]*)*\s+"
        rf"(?:[\w-]+\s+){{0,2}}?meeting)\b"
    )
    found = []
    for match in [*pattern.finditer(sentence), *numbered.finditer(sentence)]:
        name = match["name"]
        if any(e.start <= match.start("name") < e.end for e in found):
            continue
        found.append(Event("meeting", meeting_kind(name), *match.span("name"), title=name))
    return found


_EVENT_NOUN = re.compile(rf"\b(?:{EVENT_NOUNS})\b")


class _Named:
    """A named event's span, as NAMED_EVENT's match gives it."""

    def __init__(self, text: str, start: int, end: int, lead: int):
        self._text, self._start, self._end = text, start, end
        self.lead = lead  # where the whole list of names starts, after its verb

    def __getitem__(self, group):
        return self._text

    def start(self, group=None):
        return self._start

    def end(self, group=None):
        return self._end

    def span(self, group=None):
        return self._start, self._end


def _named_events(sentence: str) -> list:
    """Named events; "the A Seminar on X and the B Roundtable on Y" is two events."""
    found = []
    for match in NAMED_EVENT.finditer(sentence):
        start, name = match.start("name"), match["name"]
        opening = LEADING_PREPOSITION.match(name) if start == 0 else None
        if opening:
            # ("During the Assemblies, …": the sentence's opening word is no part of the name)
            start, name = start + opening.end(), name[opening.end() :]
        position = 0
        for joint in re.finditer(r" and the (?=[A-Z\d])", name):
            left = name[position : joint.start()]
            if _EVENT_NOUN.search(left) and _EVENT_NOUN.search(name, joint.end()):
                found.append(_Named(left, start + position, start + joint.start(), start))
                position = joint.end()
        found.append(_Named(name[position:], start + position, match.end("name"), start))
    return found


LEADING_PREPOSITION = re.compile(
    r"(?:During|At|After|Before|Following|Throughout|On|In|Ahead of|Prior to|Besides) (?:the )?"
)


STAFF_SENT = re.compile(
    r"\b(?:sent|seconded|dispatched)\b[^.;,]{0,40}?\b(?:Junior Professional Officers|JPOs|secondees|"
    r"staff members)\b"
    # "two examiners were seconded to …": staff placed at another office, whoever they are.
    r"|\b(?:examiners|officials|officers|staff|experts)(?: members)?(?: of [A-Z]\w*)?\s+"
    r"(?:were|was|have been|had been)\s+seconded\b"
    # "three staff members started work at WIPO as Junior Professional Officers"
    r"|\b(?:staff members|examiners|officials)\b[^.;]{0,60}?\bas (?:Junior Professional Officers|JPOs|secondees)\b"
    # "sent three officials to work at X under the secondment programme": X is where they went
    r"|\b(?:sent|seconded|dispatched)\b[^.;]{0,60}?\bunder (?:the|a|its|their) (?:[\w-]+ )?"
    r"second(?:ment|ee)s? program(?:me)?\b"
)


def meetings_and_trainings(sentence: str, *, caption: bool = False, home: str = "") -> list[Event]:
    """Named meetings and trainings; a caption names its event without a verb ("The 5th …");
    staff sent to work at an organization ("sent a second group of Junior Professional Officers
    to …") is an exchange of staff, whatever else the sentence tells."""
    found = _meetings_and_trainings(sentence, caption=caption, home=home)
    staff = STAFF_SENT.search(sentence)
    if staff:
        # (the secondment's own word inside the staff sent is that same placement)
        found = [
            e
            for e in found
            if not (e.type == "training" and staff.start() <= e.start and e.end <= staff.end())
        ]
    if staff and not any(e.start < staff.end() and staff.start() < e.end for e in found):
        found.append(Event("training", "staff-exchange", *staff.span()))
        found.sort(key=lambda e: e.start)
    return found


# What follows a short name that a sentence introduces: its purpose, or where it was held.
INTRODUCED = re.compile(
    r"\s+to [A-Z]\w+ (?:an?|the|and)\b|,?\s+(?:which was )?held (?:in|at|from|on)\b"
)


def _meetings_and_trainings(sentence: str, *, caption: bool, home: str) -> list[Event]:
    found = []
    sent = TRAINERS_SENT.search(sentence)
    if sent and SENT_TO_SESSIONS.match(sentence, sent.end()):
        sent = None  # "sent experts to the sessions of the X Committee": to meetings, to attend
    if sent:
        # ("sent three examiners to X for an exchange programme": staff placed, not teachers)
        exchange = re.search(r"\bexchange (?:programm?e|scheme)\b", sentence[sent.end() :])
        return [Event("training", "staff-exchange" if exchange else "trainers-sent", *sent.span())]
    talks = negotiations(sentence)
    if home:
        found = [
            b
            for b in standing_bodies(sentence, home)
            if not any(t.start <= b.start < t.end for t in talks)
        ]
    if talks:
        return sorted(found + talks, key=lambda e: e.start)
    if (
        not caption
        and not HELD.search(sentence)
        and not re.search(
            # ("The X Working Group had met online": a body named by its noun met)
            # ("led the delegation to the Diplomatic Conference": went to it)
            r"\bat the\b|\bon which\b|\bduring\b|\b\d{1,3}(?:st|nd|rd|th) [A-Z]|\bdelegations? to the\b"
            r"|\b(?:sent|dispatched)\b[^.;]{0,30}? to the (?:[\w-]+ )?(?:sessions?|meetings?) of\b"
            r"|\bsecondments?\b"
            # ("a delegation travelled to Geneva for the X Assembly": went to attend it)
            r"|\b(?:travell?ed|went|flew)\b[^.;]{0,60}?\bfor the\b"
            # ("the X Working Group on Trademarks met in …": its name's tail before the verb)
            r"|\b(?:Group|Committee|Commission|Council|Dialogue|Forum)s?"
            r"(?: (?:on|of|for) (?:the )?[A-Z][\w-]*(?: (?:and )?[A-Z][\w-]*)*)? (?:had |has |have )?(?:also )?met\b",
            sentence,
        )
    ):
        return found
    bodies = list(found)
    for match in _named_events(sentence):
        if any(
            b.start <= match.start("name") < b.end
            or match.start("name") <= b.start < match.end("name")
            for b in bodies
        ):
            continue
        name = match["name"].strip()
        if len(name.split()) < 2 and not name[0].isdigit():
            continue
        start, end = match.span("name")
        if re.match(r"\s+mechanisms?\b", sentence[end:]):
            continue  # "the … Working Group Meeting mechanism was established": no meeting yet
        if found and re.search(r"\bunder (?:the )?$", sentence[max(0, start - 12) : start]):
            continue  # "the Working Group under the X Commission": the body it works under
        # "in tandem with the Heads Meeting", "the agenda of the Annual Conference": a meeting
        # told already, named again without its number.
        if (
            not re.search(r"\d", name)
            and len(name.split()) <= 2
            and re.search(
                r"\b(?:with|at|during|of|after|before|in) the $",
                sentence[max(0, start - 15) : start],
            )
            # ("took part in the Diplomatic Conference to Conclude …, held in …": introduced)
            and not INTRODUCED.match(sentence, end)
        ):
            continue
        # "the Record of Discussion for the Heads Meeting": the meeting told just before.
        if re.search(
            r"\b(?:Record|Minutes|Memorandum|Agreement|Statement|Letter|Guidelines|Declaration)s?\b",
            name,
        ):
            continue
        if (
            TRAINING_WORDS.search(name)
            or _held_for_others(sentence, match.lead, name)
            or _taught(sentence, name)
        ):
            found.append(Event("training", training_kind(name), start, end, title=name))
        else:
            found.append(Event("meeting", meeting_kind(name), start, end, title=name))
            found[-1:] = _each_ordinal(sentence, found[-1])
            found[-1:] = _its_ordinals(sentence, found[-1])
            found.extend(_listed_acronyms(sentence, end, found[-1].kind))
    if not found:
        items = _itemized(sentence) or _one_in_each_place(sentence)
        if len(items) >= 2:
            return items
        said = [
            m
            for pattern in (TRAINING_WORDS, UNNAMED_TRAINING)
            for m in pattern.finditer(sentence)
            if not NEGATED.search(sentence, max(0, m.start() - 12), m.start())
        ]
        training = min(said, key=lambda m: m.start()) if said else None
        unnamed = (
            ORDINAL_MEETING.search(sentence)
            or ORDINAL_SESSION_OF.search(sentence)
            or UNNAMED_MEETING.search(sentence)
            or UNNAMED_MEETING_HELD.search(sentence)
            or HELD_CONSULTATIONS.search(sentence)
        )
        if unnamed and not (training and training.start() < unnamed.start()):
            noun = unnamed["noun"]
            return [Event("meeting", meeting_kind(noun), *unnamed.span("noun"))]
        if any(
            COUNTED.search(sentence, max(0, m.start() - 40), m.start())
            and not (
                # "Two roving seminars were organized together with WIPO": a few, with a
                # partner, are one series of its own, not a count for the figures.
                FEW.search(sentence, max(0, m.start() - 40), m.start())
                and WITH_NAMED.search(sentence, m.end())
            )
            for pattern in (TRAINING_WORDS, UNNAMED_TRAINING)
            for m in pattern.finditer(sentence)
        ):
            return found  # "ran 14 training programmes": a count for the figures, not an event
        if (
            training
            and HELD.search(sentence)
            or training
            # ("two examiners joined X for a six-month secondment": staff placed)
            and re.search(
                r"\bsent\b|\bdispatch|\bsecondments?\b|\bstudy (?:visit|tour)s?\b|\binternships?\b",
                sentence,
            )
        ):
            if re.match(r"seminar", sentence[training.start() :], re.I) and PEERS.search(
                sentence, max(0, training.start() - 30), training.start()
            ):
                # "a trilateral seminar on …": peers meeting, not teaching.
                found.append(Event("meeting", "seminar", *training.span()))
            else:
                found.append(
                    Event("training", training_kind(sentence[training.start() :]), *training.span())
                )
    return found


# "Three courses were held: the X workshop, in May; a seminar on Y, on 8 June; and a course on
# Z, in July": a count, then the events it counts one by one, each after a semicolon.
ITEMS_OPEN = re.compile(r":\s+(?=\S)")
ITEM_BREAK = re.compile(r";\s+(?:and\s+)?")


def _itemized(sentence: str) -> list[Event]:
    """The trainings a count announces and a list after a colon tells one by one."""
    colon = ITEMS_OPEN.search(sentence)
    if not colon or ";" not in sentence[colon.end() :]:
        return []
    counted = [
        m
        for pattern in (TRAINING_WORDS, UNNAMED_TRAINING)
        for m in pattern.finditer(sentence, 0, colon.start())
        if COUNTED.search(sentence, max(0, m.start() - 40), m.start())
    ]
    if not counted:
        return []
    noun = min(counted, key=lambda m: m.start())
    events, at = [], colon.end()
    for cut in [*ITEM_BREAK.finditer(sentence, at), None]:
        end = cut.start() if cut else len(sentence)
        item = sentence[at:end]
        said = [m for pattern in (TRAINING_WORDS, UNNAMED_TRAINING) for m in pattern.finditer(item)]
        # (each item names its course: "the X workshop, in May" is the X workshop)
        title = re.sub(r"^(?:the|an?|one)\s+", "", item.split(", ")[0].strip(), flags=re.I)
        if said:
            first = min(said, key=lambda m: m.start())
            events.append(
                Event(
                    "training", training_kind(item), at + first.start(), at + first.end(),
                    title=title,
                )
            )  # fmt: skip
        elif item.strip():
            # ("one on X in May; another on Y in June": the noun counted)
            events.append(Event("training", training_kind(noun[0]), at, at + len(item)))
        if cut is None:
            break
        at = cut.end()
    return events


# "held roundtables with industry in A and B": a plural meeting, one in each place named.
PLURAL_HELD = re.compile(
    r"\b(?:held|hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|convened)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>symposia|forums|conferences|round ?tables|seminars|workshops)\b"
)
_PLACE = r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?"
IN_PLACES = re.compile(rf"\bin (?P<places>{_PLACE}(?:, {_PLACE})*,? and {_PLACE})\b")


def _one_in_each_place(sentence: str) -> list[Event]:
    """Meetings or trainings told in the plural, held in the places listed: one in each."""
    held = PLURAL_HELD.search(sentence)
    if not held:
        return []
    places = IN_PLACES.search(sentence, held.end())
    if not places or re.search(r"[;:]", sentence[held.end() : places.start()]):
        return []
    noun = held["noun"]
    events = []
    base = places.start("places")
    for place in re.finditer(_PLACE, places["places"]):
        if place[0] == "and":
            continue
        start, end = base + place.start(), base + place.end()
        if TRAINING_WORDS.search(noun) or UNNAMED_TRAINING.search(noun):
            events.append(Event("training", training_kind(noun), start, end))
        else:
            events.append(Event("meeting", meeting_kind(noun), start, end))
    return events


PEERS = re.compile(r"\b(?:trilateral|bilateral|joint|international)\s+(?:[\w-]+\s+)?$", re.I)


# "the 54th and 55th meetings of the X Group": a meeting for each number.
ORDINAL_LIST = re.compile(
    r"\b(?P<list>\d+(?:st|nd|rd|th)(?:(?:,\s*|,?\s+and\s+)\d+(?:st|nd|rd|th))+)\s+"
    r"(?:meetings|sessions)\s+of\s+(?:the\s+)?$"
)


def _numbered_meetings(listed: re.Match, event: Event) -> list[Event]:
    """A meeting of the body *event* for each ordinal in the match's `list` group."""
    base = listed.start("list")
    return [
        Event(
            "meeting", event.kind, base + number.start(), base + number.end(),
            title=f"{number.group(0)} meeting of the {event.title}",
        )
        for number in re.finditer(r"\d+(?:st|nd|rd|th)", listed["list"])
    ]  # fmt: skip


def _each_ordinal(sentence: str, event: Event) -> list[Event]:
    """The meetings of a body that a list of ordinals numbers, one each; else the event."""
    listed = ORDINAL_LIST.search(sentence, max(0, event.start - 80), event.start)
    if not listed:
        return [event]
    return _numbered_meetings(listed, event)


# "the X Group …, and attended its 58th and 59th meetings": the body's meetings, one each.
ITS_ORDINALS = re.compile(
    r"\b(?:its|their) (?P<list>\d+(?:st|nd|rd|th)(?:(?:,\s*|,?\s+and\s+)\d+(?:st|nd|rd|th))*)\s+"
    r"(?:meetings?|sessions?)\b"
)


def _its_ordinals(sentence: str, event: Event) -> list[Event]:
    """The numbered meetings of a body named before them in the sentence, or the body."""
    listed = ITS_ORDINALS.search(sentence, event.end)
    if not listed or re.search(r"[.;]", sentence[event.end : listed.start()]):
        return [event]
    return _numbered_meetings(listed, event)


# "the Standing Committee on X (SCP), the CDIP and the IGC": bodies of a list, by acronym alone.
LISTED_ACRONYM = re.compile(
    # ("…, the PCT Working Group": an acronym that starts a longer name is not the body)
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?P<acronym>[A-Z]{3,5})\b(?!\s*[(-]|\s+[A-Z][a-z])"
)


def _listed_acronyms(sentence: str, end: int, kind: str) -> list[Event]:
    """The bodies a list names by acronym alone after a named one, of the same kind."""
    found = []
    bracket = re.match(r"\s*\([A-Z]{2,6}\)", sentence[end:])
    position = end + (bracket.end() if bracket else 0)
    while match := LISTED_ACRONYM.match(sentence, position):
        acronym = match["acronym"]
        found.append(Event("meeting", kind, *match.span("acronym"), title=acronym))
        position = match.end()
    return found


def high_level_meeting(sentence: str) -> Event | None:
    heads = HEADS_MET.search(sentence)
    if heads:
        return Event("meeting", "heads-meeting", *heads.span())
    met = MET.search(sentence)
    if met and EXPERT_TALKS.match(sentence, met.end()) and not PERSON_TITLE.search(sentence):
        # "held a video conference on trademark examination with …", no head named: experts
        # at work on a subject, a working group's kind.
        return Event("meeting", "working-group", *met.span())
    if met and re.search(r"\bworking[- ]level\b|\bexperts?\b|\btechnical\b", met.group(0), re.I):
        # ("held working-level talks with …": staff at work, a working group's kind)
        return Event("meeting", "working-group", *met.span())
    if met:
        return Event("meeting", "high-level-meeting", *met.span())
    return None


EXPERT_TALKS = re.compile(
    r"[^.;]{0,20}?\bon (?:the )?(?:[\w-]+ ){0,3}?(?:examination|practices?|classification|search|"
    r"procedures?|automation|information technology|data|quality)\b"
)
PERSON_TITLE = re.compile(rf"\b(?:{VISITOR_TITLES}|Commissioner|Director|heads?)\b")


def is_general(sentence: str) -> bool:
    """A statement of policy rather than an event: 'continued to deepen relations with …'."""
    return bool(GENERAL.search(sentence[:80]))
