"""The database's own names: offices, countries, groupings and people, found in a sentence.

One Aho-Corasick automaton finds every name, alias and adjective ("Swiss") at once; acronyms
must match their capitals ("EPO", not "epo" inside a word). Names of organizations that match
nothing exactly are compared with rapidfuzz against office names, so that "the Patent Office of
Bulgaria" finds "Patent Office of the Republic of Bulgaria"; one that matches nothing is kept as
an unknown name for staff.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
from rapidfuzz import fuzz, process

# Nouns that make a capitalized phrase the name of an organization.
ORGANIZATION_WORDS = (
    "Office", "Organization", "Organisation", "Institute", "Institution", "Authority", "Agency",
    "Ministry", "Bureau", "Administration", "Chamber", "Association", "Federation", "Council",
    "Directorate", "Department", "Registry", "Commission",
)  # fmt: skip
ORGANIZATION = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w’'&-]*\s+)(?:(?:of|for|and|the|on|de|du|des|la)\s+|[A-Z][\w’'&-]*\s+)*?"
    r"(?:{})\b(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w’'&-]*)(?:\s+(?:and\s+)?[A-Z][\w’'&-]*)*)?)".format(
        "|".join(ORGANIZATION_WORDS)
    )
)
# "the Brazilian office", "IP authority of Armenia", "the Swiss IP office".
NATIONAL_OFFICE_AFTER = re.compile(
    r"^\s+(?:(?:IP|intellectual property|patent)\s+)?(?:office|authority|authorities|offices)\b",
    re.I,
)
NATIONAL_OFFICE_BEFORE = re.compile(
    r"\b(?:IP|intellectual property|patent)\s+(?:office|authority|authorities)\s+of\s+(?:the\s+)?$",
    re.I,
)
GROUPING_OFFICE = re.compile(r"^\s+(?:(?:IP|Intellectual Property|Patent|Trademark)\s+)?Office\b")
FUZZY_CUTOFF = 88


@dataclass(frozen=True)
class Entry:
    kind: str  # office, country, grouping, person
    key: str  # slug or code
    surface: str
    via: str = "name"  # or "alias": another name, or an adjective such as "Swiss"


# "… Institute of Intellectual Property of ", "… Patent Office of ": a body named for its country
BODY_OF = re.compile(
    r"\b(?:Property|Office|Institute|Agency|Authority|Organi[sz]ation|Service|Cent(?:er|re)|"
    r"Patents|Directorate|Department)(?: (?:and|for|on|of) [A-Z][\w ]{0,40})? of (?:the )?$"
)


# "WIPO Standing Committee on the Law of Patents (SCP)": a standing body of the organization
# named just before, with the acronym the text gives it.
BODY_OF_ORGANIZATION = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+){0,4}(?:Committee|Working Group|Council|Commission)"
    r"(?:\s+(?:on|of|for)(?:\s+(?:the|and|of|on|for|[A-Z][\w-]*))+)?\s+\((?P<acronym>[A-Z][A-Za-z0-9]{1,7})\)"
)


@dataclass
class Hit:
    kind: str
    key: str
    start: int
    end: int
    via: str = ""  # "demonym", "fuzzy", "national-office", ...


@dataclass
class Gazetteer:
    home_office: str = "sipo"
    home_country: str = "CN"
    offices: dict = field(default_factory=dict)  # slug -> {"name", "acronym", "country", "kind"}
    countries: dict = field(default_factory=dict)  # code -> name
    groupings: dict = field(default_factory=dict)  # slug -> {"name", "offices", "countries"}
    people: dict = field(default_factory=dict)  # slug -> {"name", "title", "office"}
    national_office: dict = field(default_factory=dict)  # country code -> office slug
    seats: dict = field(default_factory=dict)  # organization's slug -> its seat's country code
    cities: dict = field(default_factory=dict)  # a city's name -> its country's code
    entries: list = field(default_factory=list)
    unheld: set = field(default_factory=set)  # codes of the states the database does not hold
    world: dict = field(default_factory=dict)  # such a code -> the row an ingest adds for it

    def __post_init__(self):
        self._automaton = None
        # acronyms the text being read defined: "INPI" after "… of Brazil (INPI)" is Brazil's
        self.defined: dict = {}
        self.defined_country: dict = {}  # "… Property of Kazakhstan (NIIP)": a country's body
        self._fuzzy_choices = None
        self._country_words = None
        self._home_pattern = None

    def add_world_countries(self) -> None:
        """The states the database does not hold yet (seats.yaml): a report that names one still
        names a country, which a partner set must count, rather than nothing."""
        regions = {
            code: region for region, codes in _places("regions").items() for code in codes.split()
        }
        for code, names in _places("countries").items():
            if code in self.countries:
                continue
            name, *aliases = _split(names)
            self.countries[code] = name
            self.unheld.add(code)
            self.world[code] = {
                "name": name,
                "aliases": "; ".join(aliases),
                "region": regions[code],
            }
            self.add("country", code, name)
            for alias in aliases:
                self.add("country", code, alias, "alias")

    def add(self, kind: str, key: str, surface: str, via: str = "name") -> None:
        surface = " ".join((surface or "").split())
        if len(surface) >= 2:
            self.entries.append(Entry(kind, key, surface, via))

    def automaton(self):
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for entry in self.entries:
                word = entry.surface if _case_sensitive(entry.surface) else entry.surface.lower()
                automaton.add_word(word, automaton.get(word, ()) + (entry,))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def find(self, text: str) -> list[Hit]:
        """Every name in *text*, longest first where they overlap."""
        automaton = self.automaton()
        lower = text.lower()
        candidates = []
        for haystack in (text, lower):
            for end, found in automaton.iter(haystack):
                for entry in found:
                    start = end - len(entry.surface) + 1
                    sensitive = _case_sensitive(entry.surface)
                    if sensitive != (haystack is text):
                        continue
                    if not _bounded(text, start, end + 1):
                        continue
                    # "Latin-American" is not American: an adjective joined to a word before it.
                    if (
                        entry.via == "alias"
                        and start > 0
                        and text[start - 1] == "-"
                        and not self._is_country_word(text, start - 1)
                    ):
                        continue
                    # "Latin American countries": a region's adjective, not the country's.
                    if entry.via == "alias" and re.search(
                        r"\b(?:Latin|Central|Pan)[ -]$", text[max(0, start - 8) : start]
                    ):
                        continue
                    # "a course in Russian on …", "in English, Russian and Spanish": a language.
                    if entry.via == "alias" and _language(text, start, end + 1):
                        continue
                    candidates.append(Hit(entry.kind, entry.key, start, end + 1, _via(entry)))
        for acronym, key in self.defined.items():
            # an acronym the text defined for an office the database names otherwise
            for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
                if not any((c.start, c.end) == match.span() for c in candidates):
                    candidates.append(Hit("office", key, *match.span(), "defined"))
        for acronym, code in self.defined_country.items():
            for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
                if not any((c.start, c.end) == match.span() for c in candidates):
                    candidates.append(Hit("country", code, *match.span(), "defined"))
        candidates = self._disambiguate(candidates, text)
        candidates.sort(key=lambda h: (-(h.end - h.start), h.start, _rank(h.kind)))
        taken: list[Hit] = []
        for hit in candidates:
            if not any(h.start < hit.end and hit.start < h.end for h in taken):
                taken.append(hit)
        taken.extend(self._fuzzy(text, taken))
        taken.extend(self._paired_codes(text, taken))
        taken = [self._as_office(text, hit) for hit in taken]
        taken = [h for h in taken if not _abbreviates_event(text, h)]
        taken = [h for h in taken if not self._named_for_another_country(text, h, taken)]
        return self._in_context(text, sorted(taken, key=lambda h: h.start))

    def _paired_codes(self, text: str, taken: list[Hit]) -> list[Hit]:
        """ "China-US consultations": a country's two-letter code paired with the home country's
        name, where no name was found."""
        home = [
            e.surface for e in self.entries if e.kind == "country" and e.key == self.home_country
        ]
        if not home:
            return []
        pattern = r"\b(?:{})-(?P<code>[A-Z]{{2}})\b(?![.-]?[A-Za-z])".format(
            "|".join(re.escape(n) for n in home)
        )
        found = []
        for match in re.finditer(pattern, text):
            start, end = match.span("code")
            if match["code"] in self.countries and not any(
                h.start < end and start < h.end for h in taken
            ):
                found.append(Hit("country", match["code"], start, end, "code"))
        return found

    def _in_context(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Names read with their neighbours: 'BRICS HIPO' is the grouping's meeting, not an office;
        'National Institute of Industrial Property of France' is France's office whichever other
        office bears the same name."""
        kept: list[Hit] = []
        for index, hit in enumerate(hits):
            previous = kept[-1] if kept else None
            if (
                hit.kind == "office"
                and previous
                and previous.kind == "grouping"
                and text[previous.end : hit.start] == " "
            ):
                continue
            own_office = (
                hit.kind == "grouping"
                and len(self.groupings[hit.key]["offices"]) == 1
                and GROUPING_OFFICE.match(text[hit.end :])
            )
            if own_office:
                # "the GCC Patent Office": the grouping's own (and only member) office.
                slug = self.groupings[hit.key]["offices"][0]
                kept.append(Hit("office", slug, hit.start, hit.end + own_office.end(), "grouping"))
                continue
            following = hits[index + 1] if index + 1 < len(hits) else None
            if (
                hit.kind == "office" and following is not None and following.kind == "country"
                and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[hit.end : following.start])
                and self.offices[hit.key]["country"] != following.key
            ):  # fmt: skip
                slug = self.national_office.get(following.key)
                if slug:
                    following.kind, following.key, following.via = "office", slug, "national-office"
                    following.start = hit.start
                continue
            kept.append(hit)
        return kept

    @property
    def home_pattern(self) -> str:
        """The reporting office's acronyms and its country's names, as a regex alternation."""
        if self._home_pattern is None:
            names = {e.surface for e in self.entries if e.via == "name" and (
                (e.kind == "office" and e.key == self.home_office and _case_sensitive(e.surface))
                or (e.kind == "country" and e.key == self.home_country)
            )}  # fmt: skip
            names.add("the Office")
            # ("visited Beijing": the home country's cities are home too)
            names.update(c for c, code in self.cities.items() if code == self.home_country)
            self._home_pattern = "|".join(
                re.escape(n) for n in sorted(names, key=len, reverse=True)
            )
        return self._home_pattern

    def _is_country_word(self, text: str, end: int) -> bool:
        """Whether the word ending at *end* names a country ("China" in "China-UK")."""
        word = re.split(r"[\s-]", text[:end])[-1]
        if self._country_words is None:
            self._country_words = {e.surface for e in self.entries if e.kind == "country"} | {
                "Sino"
            }
        return word in self._country_words

    def define_acronyms(self, text: str) -> None:
        """Remember each shared acronym the text defines after a full name ("the National
        Institute of Industrial Property of Brazil (INPI)"): the text means that office by it."""
        self.defined, self.defined_country = {}, {}
        for line in text.splitlines():
            for sentence in re.split(r"(?<=[a-z)]\.)\s+(?=[A-Z])", line):
                hits = self.find(sentence)
                for hit in hits:
                    if hit.kind == "unknown":
                        # ("the Nordic Authority for X (NAX)": a name read as its country's
                        # office, and the acronym the text gives it)
                        office = [h for h in hits if h.kind == "office" and h.start == hit.start]
                        bracket = re.match(r"\s*\(([A-Z][\w-]{1,11})\)", sentence[hit.end :])
                        if office and bracket:
                            self.defined.setdefault(bracket[1], office[0].key)
                        # ("the Kenyan Industrial Property Board (KIPB)": a body the database
                        # lacks, named for its country, is that country's by its acronym too)
                        inside = [
                            h
                            for h in hits
                            if h.kind == "country" and hit.start <= h.start and h.end <= hit.end
                        ]
                        if bracket and not office and len({h.key for h in inside}) == 1:
                            self.defined_country.setdefault(bracket[1], inside[0].key)
                        # ("the National Institute of X (NIX) of Kazakhstan": its country after)
                        after = bracket and re.match(
                            r"\s+of\s+(?:the\s+)?", sentence[hit.end + bracket.end() :]
                        )
                        if after and not office and not inside:
                            at = hit.end + bracket.end() + after.end()
                            country = [h for h in hits if h.kind == "country" and h.start == at]
                            if country:
                                self.defined_country.setdefault(bracket[1], country[0].key)
                    if hit.kind == "country" and BODY_OF.search(sentence, 0, hit.start):
                        # ("the National Institute of X of Kazakhstan (NIIP)": a body of the
                        # country the database does not name, by the acronym the text gives)
                        bracket = re.match(r"\s*\(([A-Z][\w-]{1,11})\)", sentence[hit.end :])
                        if bracket and not any(
                            h.start > hit.end and h.start < hit.end + bracket.end() for h in hits
                        ):
                            self.defined_country.setdefault(bracket[1], hit.key)
                    if hit.kind != "office":
                        continue
                    body = BODY_OF_ORGANIZATION.match(sentence, hit.end)
                    if body and not self.offices[hit.key]["country"]:
                        # ("the ABC Standing Committee on X (SCX)": a body of the organization,
                        # whose sessions are the organization's, by the acronym the text gives)
                        self.defined.setdefault(body["acronym"], hit.key)
                        continue
                    # ("… of Brazil (INPI)": the acronym in brackets, read with its country)
                    surface = sentence[hit.start : hit.end]
                    if sentence[hit.start - 1 : hit.start] == "(" and sentence[
                        hit.end :
                    ].startswith(")"):
                        self.defined.setdefault(surface, hit.key)
                        continue
                    bracket = re.match(
                        r"\s*\(([A-Z][\w-]{1,11})\)", sentence[hit.end : hit.end + 16]
                    )
                    if bracket and bracket[1] != surface:
                        self.defined.setdefault(bracket[1], hit.key)

    def _disambiguate(self, candidates: list[Hit], text: str = "") -> list[Hit]:
        """'INPI' is France's, Brazil's, Argentina's or Portugal's office: keep the one whose
        country the sentence names (the first otherwise)."""
        named = {h.key for h in candidates if h.kind == "country"}
        named |= {
            self.offices[h.key]["country"]
            for h in candidates
            if h.kind == "office"
            and len({c.key for c in candidates if (c.start, c.end) == (h.start, h.end)}) == 1
        }
        by_span: dict = {}
        for hit in candidates:
            by_span.setdefault((hit.start, hit.end, hit.kind), []).append(hit)
        kept = []
        for (_start, _end, kind), hits in by_span.items():
            if kind != "office" or len({h.key for h in hits}) == 1:
                kept.append(hits[0])
                continue
            local = [h for h in hits if self.offices[h.key]["country"] in named]
            defined = [h for h in hits if self.defined.get(text[_start:_end]) == h.key]
            kept.append((local or defined or hits)[0])
        return kept

    def _as_office(self, text: str, hit: Hit) -> Hit:
        """'the Brazilian office', 'the IP authority of Armenia': the country's own office."""
        if hit.kind != "country" or hit.key not in self.national_office:
            return hit
        after = NATIONAL_OFFICE_AFTER.match(text[hit.end :])
        if after:
            return Hit(
                "office",
                self.national_office[hit.key],
                hit.start,
                hit.end + after.end(),
                "national-office",
            )
        if NATIONAL_OFFICE_BEFORE.search(text[: hit.start]):
            return Hit(
                "office", self.national_office[hit.key], hit.start, hit.end, "national-office"
            )
        return hit

    def _fuzzy(self, text: str, taken: list[Hit]) -> list[Hit]:
        """Organization names the automaton missed: the closest office name, or an unknown name."""
        found = []
        for match in ORGANIZATION.finditer(text):
            start, end = match.span(1)
            inside = [h for h in taken if h.start < end and start < h.end]
            # A country inside an organization's name ("Patent Office of X") does not hide it.
            if any(h.kind != "country" for h in inside):
                continue
            name = match.group(1)
            article = re.match(r"(?:The|This|That|Its|Our|Their)\s+", name)
            if article:
                # ("The Office sent …": a sentence's opening article is no part of a name)
                name, start = name[article.end() :], start + article.end()
            if len(name.split()) < 2:
                continue
            # A longer name may be the stored one cut short ("American Chamber of Commerce"
            # for "… in China"): three words or more are also compared as a part.
            scorer = _partial_or_sorted if len(name.split()) >= 3 else fuzz.token_sort_ratio
            best = process.extractOne(name, self.fuzzy_choices(), scorer=scorer)
            told = [text[h.start : h.end] for h in inside if h.kind == "country"]
            if best and told and not any(word in best[0] for word in told):
                # "the Egyptian Patent Office" is not the Japan Patent Office, however alike the
                # words: the country a name says must be in the name it is taken for.
                best = None
            if best and self._says_another_country(best[0], name):
                # Nor is "the National Institute of Intellectual Property" the Swiss one.
                best = None
            if best and best[1] >= FUZZY_CUTOFF:
                for hit in inside:
                    taken.remove(hit)
                found.append(Hit("office", best[2], start, end, "fuzzy"))
            elif not inside:
                found.append(Hit("unknown", name, start, end, "unknown"))
            elif text[end : end + 2] == " (":
                # "the Portuguese Institute of Industrial Property (INPI)": its country is
                # the partner, and the office the database lacks is flagged for staff.
                found.append(Hit("unknown", name, start, end, "unknown-of-country"))
        return found

    def _named_for_another_country(self, text: str, hit: Hit, taken: list[Hit]) -> bool:
        """'the Portuguese Institute of Industrial Property (INPI)': an acronym in brackets
        whose name says another country is that country's office, which the database lacks,
        not the office of another country that shares the acronym."""
        if hit.kind != "office" or text[hit.start - 1 : hit.start] != "(":
            return False
        own = self.offices[hit.key]["country"]
        if own is None or text[hit.end : hit.end + 1] != ")":
            return False
        for country in taken:
            name = text[country.start : hit.start - 1]
            if (
                country.kind == "country"
                and country.end < hit.start
                and country.key != own
                and len(name) < 90
                and not re.search(r"[,;.]|\band\b", name)
            ):
                return True
        return False

    def _says_another_country(self, stored: str, name: str) -> bool:
        """Whether an office's stored name names a country that *name* does not."""
        self._is_country_word("", 0)  # builds the country words
        words = set(re.findall(r"[\w’'-]+", name))
        return any(
            word in self._country_words and word not in words
            for word in re.findall(r"[\w’'-]+", stored)
        )

    def fuzzy_choices(self) -> dict:
        if self._fuzzy_choices is None:
            self._fuzzy_choices = {
                slug: office["name"] for slug, office in self.offices.items() if office["name"]
            }
        return self._fuzzy_choices

    def country_of(self, hit: Hit) -> str | None:
        if hit.kind == "country":
            return hit.key
        if hit.kind == "office":
            return self.offices[hit.key]["country"]
        return None

    def is_home(self, hit: Hit) -> bool:
        if hit.kind == "office":
            office = self.offices[hit.key]
            return hit.key == self.home_office or (
                office["kind"] == "government" and office["country"] == self.home_country
            )
        return hit.kind == "country" and hit.key == self.home_country


def _partial_or_sorted(name: str, choice: str, **kwargs) -> float:
    return max(fuzz.token_sort_ratio(name, choice), fuzz.partial_ratio(name, choice))


def _case_sensitive(surface: str) -> bool:
    # An acronym ("EPO", "U.S.", "IP5") is matched as written; a name in any case.
    letters = [c for c in surface if c.isalpha()]
    return len(surface) <= 8 and bool(letters) and all(c.isupper() for c in letters)


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


EVENT_WORDS = re.compile(
    r"\b(?:Heads|Meetings?|Conferences?|Forums?|Committees?|Groups?|Dialogues?|Seminars?|"
    r"Programmes?|Programs?|Networks?|Systems?|Cent(?:er|re)s?|Mechanisms?|Platforms?)\b"
)


def _abbreviates_event(text: str, hit: Hit) -> bool:
    """'the Heads of Intellectual Property Offices (HIPO) Meeting': an acronym in brackets that
    spells the initials of the words before it, which name an event, is that event's short
    name, not the office of the same acronym."""
    surface = text[hit.start : hit.end]
    if hit.kind != "office" or not surface.isupper() or not text[: hit.start].endswith("("):
        return False
    before = re.findall(r"[A-Za-z][\w-]*", text[max(0, hit.start - 120) : hit.start - 1])
    words = [w for w in before if w[0].isupper()]
    # ("Heads of IP Offices of BRICS countries (HIPO)": a qualifier may follow the words spelt)
    for skip in range(3):
        for size in range(len(surface), 1, -1):
            phrase = words[len(words) - skip - size : len(words) - skip]
            # (an acronym among the words gives all its letters: "Heads of IP Offices (HIPO)")
            initials = "".join(w if w.isupper() else w[0] for w in phrase)
            if len(phrase) == size and surface in ("".join(w[0] for w in phrase), initials):
                start = text.rfind(phrase[0], 0, hit.start)
                return bool(EVENT_WORDS.search(text, start, hit.start))
    return False


LANGUAGE_BEFORE = re.compile(r"\bin (?:[A-Z][a-z]+(?:,| and| or) )*$")
LANGUAGE_AFTER = re.compile(
    r"(?:,|\s+(?:and|or|on|for|to|with|by|at|in|from|online|only|via)\b|\s*[.;)]|$)"
)


def _language(text: str, start: int, end: int) -> bool:
    """An adjective written as a language: after "in" (or in a list after it) and before no noun."""
    return bool(
        LANGUAGE_BEFORE.search(text, max(0, start - 60), start)
        and LANGUAGE_AFTER.match(text, end)
        and text[start:end][:1].isupper()
        and not text[start:end].isupper()
        # an adjective ("Russian", "Portuguese", "Czech"), not another name ("Korea", "Laos")
        and re.search(r"(?:an|ese|ish|ch|ic|ai)$", text[start:end]) is not None
    )


def _rank(kind: str) -> int:
    return {"office": 0, "grouping": 1, "country": 2, "person": 3}.get(kind, 4)


def _via(entry: Entry) -> str:
    return entry.via


def from_database() -> Gazetteer:
    """The gazetteer of the offices, countries, groupings and people stored now (five queries)."""
    from django.conf import settings

    from ..models import Country, Grouping, Office, OfficeKind, Person

    gazetteer = Gazetteer(home_office=settings.HOME_OFFICE, home_country=settings.HOME_COUNTRY)
    for country in Country.objects.all():
        gazetteer.countries[country.code] = country.name
        for surface in (country.name, country.name_zh):
            gazetteer.add("country", country.code, surface)
        for surface in _split(country.aliases):
            gazetteer.add("country", country.code, surface, "alias")
    gazetteer.add_world_countries()
    nationals: dict[str, list[str]] = {}
    for office in Office.objects.select_related("country"):
        gazetteer.offices[office.slug] = {
            "name": office.name, "acronym": office.acronym, "kind": office.kind,
            "country": office.country.code if office.country else None,
        }  # fmt: skip
        for surface in (office.acronym, office.name, office.name_zh, *_split(office.aliases)):
            gazetteer.add("office", office.slug, surface)
        if office.kind == OfficeKind.NATIONAL and office.country:
            nationals.setdefault(office.country.code, []).append(office.slug)
    # Only a country with one national office has "its" office.
    gazetteer.national_office = {
        code: slugs[0] for code, slugs in nationals.items() if len(slugs) == 1
    }
    gazetteer.seats = {
        slug: seat["country"]
        for slug, seat in _seats().items()
        if slug in gazetteer.offices
        and not gazetteer.offices[slug]["country"]
        and seat.get("country") in gazetteer.countries
    }
    gazetteer.cities = {
        city: code for city, code in _places("cities").items() if code in gazetteer.countries
    }
    for grouping in Grouping.objects.prefetch_related("member_offices", "member_countries"):
        gazetteer.groupings[grouping.slug] = {
            "name": grouping.name,
            "offices": [o.slug for o in grouping.member_offices.all()],
            "countries": [c.code for c in grouping.member_countries.all()],
        }
        for surface in (grouping.name, grouping.name_zh, grouping.slug.upper()):
            gazetteer.add("grouping", grouping.slug, surface)
    for person in Person.objects.select_related("office"):
        gazetteer.people[person.slug] = {
            "name": person.name, "title": person.title,
            "office": person.office.slug if person.office else None,
        }  # fmt: skip
        gazetteer.add("person", person.slug, person.name)
    return gazetteer


def _seats() -> dict:
    """The seats of intergovernmental organizations (seats.yaml, data beside this module)."""
    return _places("seats")


def _places(section: str) -> dict:
    import yaml

    with open(Path(__file__).with_name("seats.yaml"), encoding="utf-8") as handle:
        return (yaml.safe_load(handle) or {}).get(section) or {}


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in (aliases or "").split(";") if a.strip()]
