"""factory_boy factories: records as the tests need them, published unless told otherwise."""

import itertools
from string import ascii_uppercase

import factory
from factory.django import DjangoModelFactory

from agreements.models import Agreement
from cooperation import models as m
from delegations.models import Delegation, Meeting, Training

# ISO 3166's user-assigned codes, which no real country has: tried first, so that a generated
# country never takes a real code ('JP') that the same test then names for its own country.
_PRIVATE = ["AA", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{c}" for c in ascii_uppercase), "ZZ"]
_EVERY = [f"{a}{b}" for a in ascii_uppercase for b in ascii_uppercase]


def _unused_code(n: int) -> str:
    """A two-letter code no country has yet, from the n-th on: a generated code that a test had
    already given its own country ('QP' for "Quietplace") would otherwise fetch that country
    (get_or_create) and put the factory's office in it."""
    start = n % len(_PRIVATE)
    for code in [*_PRIVATE[start:], *_PRIVATE[:start], *_EVERY[n % 676 :], *_EVERY[: n % 676]]:
        if not m.Country.objects.filter(code=code).exists():
            return code
    raise RuntimeError("every two-letter country code is taken")


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = m.Country
        django_get_or_create = ("code",)

    code = factory.Sequence(_unused_code)
    name = factory.Sequence(lambda n: f"Country {n}")
    region = m.Region.EUROPE


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = m.Office
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"office-{n}")
    acronym = factory.Sequence(lambda n: f"OF{n}")
    name = factory.Sequence(lambda n: f"Patent Office {n}")
    kind = m.OfficeKind.NATIONAL
    country = factory.SubFactory(CountryFactory)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = m.Person
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"person-{n}")
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Commissioner"


class GroupingFactory(DjangoModelFactory):
    class Meta:
        model = m.Grouping
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"grouping-{n}")
    name = factory.Sequence(lambda n: f"Grouping {n}")


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = m.Document
        django_get_or_create = ("slug",)

    slug = "test-report"
    title = "Test Annual Report"
    publisher = factory.SubFactory(
        OfficeFactory, slug="sipo", acronym="SIPO", name="State Intellectual Property Office"
    )
    year = 2017


class PassageFactory(DjangoModelFactory):
    class Meta:
        model = m.Passage

    document = factory.SubFactory(DocumentFactory)
    ref = factory.Sequence(lambda n: f"passage-{n}")
    section = "VII.5(5)"
    heading = "Exchanges and Cooperation with EU and European Countries"
    text = factory.Sequence(lambda n: f"In May, SIPO signed document number {n}.")
    position = factory.Sequence(int)


_activity_numbers = itertools.count()


class ActivityFactory(DjangoModelFactory):
    """Base for the four activity factories; `parties`, `countries` and `people` take lists."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    # One counter for all four types: their slugs share one unique column.
    slug = factory.LazyFunction(lambda: f"activity-{next(_activity_numbers)}")
    title = factory.Sequence(lambda n: f"Activity {n}")
    year = 2017
    month = 5
    status = m.Status.PUBLISHED
    passage = factory.SubFactory(PassageFactory)

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        for office in extracted or []:
            m.Involvement.objects.create(
                activity=self, office=office, role=kwargs.get("role", m.PartyRole.PARTY)
            )

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        for country in extracted or []:
            m.ActivityCountry.objects.create(
                activity=self, country=country, role=kwargs.get("role", m.PartyRole.VISITED)
            )

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        for person in extracted or []:
            m.Participation.objects.create(
                activity=self, person=person, role=kwargs.get("role", m.PersonRole.LEADER)
            )


class AgreementFactory(ActivityFactory):
    class Meta:
        model = Agreement

    kind = m.Kind.MOU


class DelegationFactory(ActivityFactory):
    class Meta:
        model = Delegation

    kind = m.Kind.OUTGOING


class MeetingFactory(ActivityFactory):
    class Meta:
        model = Meeting

    kind = m.Kind.HEADS_MEETING


class TrainingFactory(ActivityFactory):
    class Meta:
        model = Training

    kind = m.Kind.SEMINAR
