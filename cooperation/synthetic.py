"""Synthetic records at scale, for benchmarks: deterministic for a seed, recognisable by "syn-".

Shapes follow the 2017 report: the mix of agreements, delegations, meetings and trainings; about
2.5 parties per agreement; dates known to the year (10 %), the month (85 %) or the day (5 %).
Rows are written with raw multi-row inserts (COPY on PostgreSQL) and explicit primary keys, so a
million agreements take minutes, not hours, and no history rows are written.
"""

# Seeded randomness is the point here, and the SQL is built from model metadata, never from input.
# ruff: noqa: S311, S608

import datetime as dt
import itertools
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max

from agreements.models import Agreement, ValidityStatus
from delegations.models import Delegation, Meeting, Training

from . import caching, coverage
from .models import (
    KINDS_BY_TYPE,
    Activity,
    ActivityCountry,
    ActivityType,
    Country,
    Coverage,
    Document,
    Involvement,
    Kind,
    Office,
    OfficeKind,
    PartyRole,
    Passage,
    Region,
    Status,
    date_key,
)

PREFIX = "syn-"
CHUNK = 5_000

# Records per 55 agreements in the 2017 report; overridden by the seed fixture when it exists.
DEFAULT_PROPORTIONS = {
    ActivityType.AGREEMENT: 55,
    ActivityType.DELEGATION: 40,
    ActivityType.MEETING: 30,
    ActivityType.TRAINING: 15,
}
PRECISION_WEIGHTS = {"year": 10, "month": 85, "day": 5}
FIRST_YEAR, LAST_YEAR = 1996, 2025
HOME_COUNTRY = "CN"

# Real ISO 3166-1 alpha-2 codes; existing Country rows with these codes are reused.
COUNTRY_CODES = """
AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG
CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH
GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA
NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK
SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN
VU WS YE ZA ZM ZW
""".split()

TOPICS = """
patent examination; trademark examination; industrial designs; geographical indications;
patent information; data exchange; automation; PCT procedures; IP enforcement; IP awareness;
biotechnology; traditional knowledge; plant varieties; utility models; patent classification;
machine translation; human resources; training of examiners; IP management; technology transfer;
copyright; SME support; innovation policy; search and examination; IP statistics; legal affairs;
patent quality; e-filing; IP education; mediation; standard-essential patents; digital economy
""".replace("\n", " ").split("; ")
TOPICS = [t.strip() for t in TOPICS]
CITIES = """Geneva Munich Alexandria Tokyo Daejeon Moscow Brasilia Pretoria Singapore Bangkok Paris
London Berlin Madrid Rome Vienna Astana Tashkent Minsk Hanoi Jakarta Manila Nairobi Cairo Lima""".split()
MONTHS = "January February March April May June July August September October November December"


def proportions(fixture: Path | None = None) -> dict[str, int]:
    """Records per type in the seed fixture's `activities`, or the report's figures without one."""
    fixture = fixture or Path(settings.BASE_DIR) / "fixtures" / "sipo-2017.yaml"
    if not fixture.exists():
        return dict(DEFAULT_PROPORTIONS)
    import yaml

    data = yaml.safe_load(fixture.read_text(encoding="utf-8")) or {}
    activities = data.get("activities") if isinstance(data, dict) else None
    counts = Counter(a.get("type") for a in activities or [] if isinstance(a, dict))
    if not counts[ActivityType.AGREEMENT]:
        return dict(DEFAULT_PROPORTIONS)
    return {t: counts[t] for t in DEFAULT_PROPORTIONS}


def has_real_records() -> bool:
    return Activity.objects.exclude(slug__startswith=PREFIX).exists()


class Writer:
    """Inserts plain tuples: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.written: Counter = Counter()

    def day(self, value: dt.date):
        return value if self.postgres else value.isoformat()

    def timestamp(self, value: dt.datetime):
        # Django stores aware datetimes in SQLite as naive UTC text.
        return value if self.postgres else value.replace(tzinfo=None).isoformat(" ")

    def insert(self, model, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        table = model._meta.db_table
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"
                cursor.executemany(sql, rows)
        self.written[model._meta.label] += len(rows)


def _next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _check_columns(model, columns: Sequence[str]) -> None:
    # A new NOT NULL column in the models must fail loudly here, not halfway through an insert.
    actual = [f.column for f in model._meta.local_concrete_fields]
    if list(columns) != actual:
        raise RuntimeError(f"{model._meta.label} columns changed: {actual}; update synthetic.py.")


ACTIVITY_COLUMNS = [
    "id", "type", "kind", "slug", "title", "title_zh", "summary", "year", "month", "day",
    "end_year", "end_month", "end_day", "city", "venue_country_id", "occasion_id", "passage_id",
    "staff_reference", "status", "version", "created_at", "updated_at", "date_key",
]  # fmt: skip
CHILD_COLUMNS = {
    Agreement: [
        "activity_ptr_id",
        "signed_document",
        "entry_into_force",
        "valid_until",
        "term_years",
        "automatic_renewal",
        "responsible_id",
        "renews_id",
        "extends_id",
        "supersedes_id",
        "implements_id",
        "validity_status",
        "validity_status_date",
        "in_force_from",
        "in_force_until",
        "expires_from",
        "expires_on",
    ],
    Delegation: ["activity_ptr_id", "purpose", "members_count"],
    Meeting: ["activity_ptr_id", "series", "edition", "outcomes"],
    Training: ["activity_ptr_id", "participants_count", "participants_more_than"],
}
CHILD_MODEL = {
    ActivityType.AGREEMENT: Agreement,
    ActivityType.DELEGATION: Delegation,
    ActivityType.MEETING: Meeting,
    ActivityType.TRAINING: Training,
}
PASSAGE_COLUMNS = [
    "id",
    "document_id",
    "ref",
    "section",
    "heading",
    "text",
    "is_caption",
    "position",
]
INVOLVEMENT_COLUMNS = ["id", "activity_id", "office_id", "role", "on_behalf_of"]
ACTIVITY_COUNTRY_COLUMNS = ["id", "activity_id", "country_id", "role"]
SECTIONS = {
    ActivityType.AGREEMENT: ("VII.2", "Agreements Signed"),
    ActivityType.DELEGATION: ("VII.3", "Delegations"),
    ActivityType.MEETING: ("VII.4", "Meetings"),
    ActivityType.TRAINING: ("VII.6", "Training of Foreign Personnel"),
}


def delete_synthetic(only_synthetic: bool) -> None:
    """Remove earlier synthetic records (not countries, which may be shared with real data)."""
    quote = connection.ops.quote_name
    activities = f"SELECT id FROM {quote(Activity._meta.db_table)} WHERE slug LIKE 'syn-%%'"
    if only_synthetic:
        # Every activity is synthetic: emptying the tables is much faster than a semi-join.
        activities = f"SELECT id FROM {quote(Activity._meta.db_table)}"
    passages = (
        f"SELECT p.id FROM {quote(Passage._meta.db_table)} p JOIN {quote(Document._meta.db_table)} d "
        f"ON d.id = p.document_id WHERE d.slug LIKE 'syn-%%'"
    )
    statements = [
        # Derived rows, rebuilt for every activity once the new ones are written.
        f"DELETE FROM {quote(Coverage._meta.db_table)}",
        f"UPDATE {quote(Activity._meta.db_table)} SET occasion_id = NULL WHERE occasion_id IN ({activities})",
    ]
    # Every table that points at an activity or a passage, read from the models so that a new
    # many-to-many field is cleared too.
    by_activity = [
        (f.remote_field.through, f.m2m_column_name()) for f in Activity._meta.many_to_many
    ]
    by_activity += [
        (Delegation.meetings.through, "delegation_id"),
        (Delegation.meetings.through, "meeting_id"),
        *[(model, "activity_ptr_id") for model in CHILD_COLUMNS],
        (Activity, "id"),
    ]
    for model, column in by_activity:
        where = "" if only_synthetic else f" WHERE {quote(column)} IN ({activities})"
        statements.append(f"DELETE FROM {quote(model._meta.db_table)}{where}")
    other_passages = Activity._meta.get_field("other_passages")
    by_passage = [
        (other_passages.remote_field.through, other_passages.m2m_reverse_name()),
        *[(f.remote_field.through, f.m2m_column_name()) for f in Passage._meta.many_to_many],
        (Passage, "id"),
    ]
    for model, column in by_passage:
        statements.append(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(column)} IN ({passages})"
        )
    statements.append(f"DELETE FROM {quote(Document._meta.db_table)} WHERE slug LIKE 'syn-%%'")
    statements.append(f"DELETE FROM {quote(Office._meta.db_table)} WHERE slug LIKE 'syn-%%'")
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class Synthesizer:
    def __init__(
        self, agreements: int, seed: int = 2017, offices: int | None = None, alone: bool = True
    ):
        self.alone = alone
        self.rng = random.Random(seed)
        self.agreements = agreements
        shares = proportions()
        self.counts = {
            t: round(agreements * shares[t] / shares[ActivityType.AGREEMENT]) for t in shares
        }
        # "A few thousand offices" at scale; fewer for small runs so that each is used.
        self.office_count = offices or max(20, min(3000, agreements // 10))
        self.writer = Writer()
        self.base_time = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        self.years = list(range(FIRST_YEAR, LAST_YEAR + 1))
        # Cooperation grows over time: later years hold more records.
        self.year_weights = list(itertools.accumulate(1 + i / 6 for i in range(len(self.years))))

    # --- reference data --------------------------------------------------------------------
    def make_countries(self) -> None:
        existing = {c.code: c for c in Country.objects.filter(code__in=COUNTRY_CODES)}
        taken = set(Country.objects.values_list("name", flat=True))
        regions = list(Region.values)
        missing = []
        for code in COUNTRY_CODES:
            region = self.rng.choice(regions)  # drawn for every code, so reruns stay identical
            if code not in existing:
                name = f"Country {code}"
                if name in taken:
                    name = f"Synthetic country {code}"
                missing.append(Country(code=code, name=name, region=region))
        Country.objects.bulk_create(missing)
        self.countries = {c.code: c.pk for c in Country.objects.filter(code__in=COUNTRY_CODES)}
        codes = sorted(self.countries)
        self.rng.shuffle(codes)
        self.country_codes = codes
        # A few partners account for most of the cooperation (Zipf-like).
        self.country_weights = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(codes)))
        )

    def make_offices(self) -> None:
        offices = [
            Office(
                slug=f"{PREFIX}home",
                acronym="HOME",
                name="Synthetic Home Office",
                kind=OfficeKind.NATIONAL,
                country_id=self.countries[HOME_COUNTRY],
            )
        ]
        for n in range(1, self.office_count):
            international = self.rng.random() < 0.03
            code = self.rng.choices(self.country_codes, cum_weights=self.country_weights)[0]
            offices.append(
                Office(
                    slug=f"{PREFIX}office-{n:05d}",
                    acronym=f"{code}PO{n}",
                    name=f"Intellectual Property Office {n} of {code}",
                    kind=OfficeKind.INTERGOVERNMENTAL if international else OfficeKind.NATIONAL,
                    country_id=None if international else self.countries[code],
                )
            )
        Office.objects.bulk_create(offices, batch_size=500)
        rows = Office.objects.filter(slug__startswith=PREFIX).order_by("slug")
        by_slug = {o.slug: (o.pk, o.country_id, o.acronym) for o in rows}
        self.home_office = by_slug[f"{PREFIX}home"][0]
        self.partner_offices = [by_slug[o.slug] for o in offices[1:]]
        self.office_weights = list(
            itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(offices) - 1))
        )
        Document.objects.bulk_create(
            [
                Document(
                    slug=f"{PREFIX}report",
                    title="Synthetic annual reports",
                    publisher_id=self.home_office,
                    year=LAST_YEAR,
                )
            ]
        )
        self.document_id = Document.objects.get(slug=f"{PREFIX}report").pk

    # --- records ----------------------------------------------------------------------------
    def partial_date(self) -> tuple[int, int | None, int | None]:
        year = self.rng.choices(self.years, cum_weights=self.year_weights)[0]
        precision = self.rng.choices(list(PRECISION_WEIGHTS), list(PRECISION_WEIGHTS.values()))[0]
        if precision == "year":
            return year, None, None
        month = self.rng.randint(1, 12)
        return year, month, (self.rng.randint(1, 28) if precision == "day" else None)

    def partners(self, most: int) -> list[tuple[int, int | None, str]]:
        count = self.rng.choices([1, 2, 3, most], [55, 30, 10, 5])[0]
        picked = self.rng.choices(self.partner_offices, cum_weights=self.office_weights, k=count)
        return list(dict.fromkeys(picked))

    def run(self) -> Counter:
        with transaction.atomic():
            delete_synthetic(only_synthetic=self.alone)
            self.make_countries()
            self.make_offices()
            self.ids = {
                model: _next_id(model)
                for model in (Activity, Passage, Involvement, ActivityCountry)
            }
            self.position = 0
            for activity_type, count in self.counts.items():
                for start in range(0, count, CHUNK):
                    self.write_chunk(activity_type, start, min(CHUNK, count - start))
            self.reset_sequences()
            coverage.refresh()
            caching.bump()
        return self.writer.written

    def take_id(self, model) -> int:
        value = self.ids[model]
        self.ids[model] += 1
        return value

    def write_chunk(self, activity_type: str, start: int, size: int) -> None:
        rng = self.rng
        kinds = [k.value for k in KINDS_BY_TYPE[ActivityType(activity_type)]]
        kind_weights = [1 / (rank + 1) for rank in range(len(kinds))]
        labels = {k: str(Kind(k).label) for k in kinds}
        child = CHILD_MODEL[ActivityType(activity_type)]
        section, heading = SECTIONS[ActivityType(activity_type)]
        passages, activities, children, involvements, places = [], [], [], [], []
        for n in range(start, start + size):
            activity_id = self.take_id(Activity)
            passage_id = self.take_id(Passage)
            kind = rng.choices(kinds, kind_weights)[0]
            year, month, day = self.partial_date()
            topic = rng.choice(TOPICS)
            partners = self.partners(most=5)
            partner_names = " and ".join(acronym for _, _, acronym in partners)
            when = f"In {MONTHS.split()[month - 1]} {year}" if month else f"In {year}"
            venue, city = None, ""
            home_role, partner_role = PartyRole.PARTY, PartyRole.PARTY
            extra = ()
            if activity_type == ActivityType.AGREEMENT:
                label = labels[kind]
                title = f"{label[0].upper()}{label[1:]} on {topic} with {partner_names}"
                text = f"{when}, the office signed the {label} on {topic} with {partner_names}."
            elif activity_type == ActivityType.DELEGATION:
                home_role, partner_role = PartyRole.PARTICIPANT, PartyRole.VISITED
                title = f"Delegation on {topic} ({'to' if kind == 'outgoing' else 'from'} {partner_names})"
                text = f"{when}, a delegation discussed {topic} with {partner_names}."
                extra = (f"Exchange views on {topic}.", rng.randint(2, 12))
            elif activity_type == ActivityType.MEETING:
                home_role, partner_role = PartyRole.PARTICIPANT, PartyRole.HOST
                city = rng.choice(CITIES)
                title = f"Meeting on {topic} in {city}"
                text = f"{when}, the office attended a meeting on {topic} in {city} with {partner_names}."
                extra = (f"{topic.capitalize()} meeting", rng.randint(1, 30), "")
            else:
                home_role, partner_role = PartyRole.ORGANIZER, PartyRole.PARTNER
                title = f"Training on {topic} for {partner_names}"
                text = f"{when}, the office trained officials on {topic} with {partner_names}."
                extra = (rng.randint(10, 200), rng.random() < 0.2)
            if activity_type != ActivityType.AGREEMENT or rng.random() < 0.9:
                involvements.append(
                    (self.take_id(Involvement), activity_id, self.home_office, home_role, "")
                )
            for office_id, country_id, _ in partners:
                involvements.append(
                    (self.take_id(Involvement), activity_id, office_id, partner_role, "")
                )
                if activity_type == ActivityType.MEETING and venue is None:
                    venue = country_id
            if activity_type in (ActivityType.DELEGATION, ActivityType.TRAINING):
                role = PartyRole.VISITED if kind != "incoming" else PartyRole.PARTICIPANT
                if activity_type == ActivityType.TRAINING:
                    role = PartyRole.BENEFICIARY
                for country_id in dict.fromkeys(c for _, c, _ in partners if c):
                    places.append((self.take_id(ActivityCountry), activity_id, country_id, role))
            stamp = self.writer.timestamp(self.base_time + dt.timedelta(seconds=self.position))
            self.position += 1
            slug = f"{PREFIX}{activity_type}-{n:07d}"
            passages.append(
                (passage_id, self.document_id, slug, section, heading, text, False, self.position)
            )
            activities.append(
                (
                    activity_id, activity_type, kind, slug, title[:400], "", text, year, month,
                    day, None, None, None, city, venue, None, passage_id, "",
                    Status.PUBLISHED, 1, stamp, stamp, date_key(year, month, day),
                )
            )  # fmt: skip
            if child is Agreement:
                # Signed, nothing said after: in force from the signing date's first day, as
                # the write path derives it for an agreement with no validity stated.
                since = self.writer.day(dt.date(year, month or 1, day or 1))
                extra = ("", "", "", None, None, None, None, None, None, None,
                         ValidityStatus.SIGNED, "", since, None, None, None)  # fmt: skip
            children.append((activity_id, *extra))
        self.writer.insert(Passage, PASSAGE_COLUMNS, passages)
        self.writer.insert(Activity, ACTIVITY_COLUMNS, activities)
        self.writer.insert(child, CHILD_COLUMNS[child], children)
        self.writer.insert(Involvement, INVOLVEMENT_COLUMNS, involvements)
        self.writer.insert(ActivityCountry, ACTIVITY_COUNTRY_COLUMNS, places)

    def reset_sequences(self) -> None:
        from django.core.management.color import no_style

        models = [Activity, Passage, Involvement, ActivityCountry, Office, Document, Country]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def check_columns() -> None:
    _check_columns(Activity, ACTIVITY_COLUMNS)
    _check_columns(Passage, PASSAGE_COLUMNS)
    _check_columns(Involvement, INVOLVEMENT_COLUMNS)
    _check_columns(ActivityCountry, ACTIVITY_COUNTRY_COLUMNS)
    for model, columns in CHILD_COLUMNS.items():
        _check_columns(model, columns)


def synthesize(*, agreements: int, seed: int = 2017, force: bool = False) -> Counter:
    """Replace the synthetic records with *agreements* agreements and the matching other records."""
    real = has_real_records()
    if real and not force:
        raise RefusedError(
            "The database holds records that are not synthetic (slugs without 'syn-'); "
            "use --force to add synthetic records beside them."
        )
    check_columns()
    return Synthesizer(agreements, seed, alone=not real).run()


class RefusedError(Exception):
    pass


def summary(written: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{label}: {count}" for label, count in written)
