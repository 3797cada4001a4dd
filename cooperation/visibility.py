"""Which countries, offices, people and records an anonymous reader may see: one definition for
the catalogue, its search and filters, and the API.

A record is public once published. A person, office, country or grouping is public when a
published record reaches it, or when reference data that no draft creates names it:

- a person: takes part in a published record (nothing else names people);
- an office: involved in a published record, mentioned by a report passage, publisher of a source
  document, member of a grouping, or the office of a public person;
- a country: a published record's country as the country filter reads it (listed, an involved
  office's, or the venue: Coverage), mentioned by a report passage, member of a grouping, or the
  country of a public office;
- a grouping: one of its records is published, as the grouping filter reads them (tagged, or a
  partner that belongs to it: ActivityQuerySet.with_grouping), or a report passage mentions it.

Passages, documents and groupings have no draft state: they are the report's text and the
reference lists, shown as they are. So something that exists only because a draft names it stays
hidden, while every country, office and person that the 2017 seed loads is public (each is named
by a published record, a passage, the document or a grouping).

Staff who may view a model's drafts (view or change permission, as in the admin and
serializers.can_view_drafts) see every row of it. Every rule here is an Exists subquery: filtering
a list costs no query per row.
"""

from django.db.models import Exists, OuterRef, Q

from .models import (
    Activity,
    Country,
    Coverage,
    Document,
    Grouping,
    Involvement,
    Office,
    Participation,
    Passage,
    Person,
    Status,
)

PUBLISHED = Q(activity__status=Status.PUBLISHED)


def person_is_public(ref: str = "pk") -> Exists:
    """True for the person at OuterRef(*ref*) when a published record involves them."""
    return Exists(Participation.objects.filter(PUBLISHED, person=OuterRef(ref)))


def office_is_public(ref: str = "pk") -> Q:
    """True for the office at OuterRef(*ref*) when a published record or reference data names it."""
    office = OuterRef(ref)
    return (
        Exists(Involvement.objects.filter(PUBLISHED, office=office))
        | Exists(Passage.offices.through.objects.filter(office=office))
        | Exists(Document.objects.filter(publisher=office))
        | Exists(Grouping.member_offices.through.objects.filter(office=office))
        | Exists(Person.objects.filter(person_is_public(), office=office))
    )


def country_is_public(ref: str = "pk") -> Q:
    """True for the country at OuterRef(*ref*) when a published record or reference data names it."""
    country = OuterRef(ref)
    return (
        Exists(Coverage.objects.filter(PUBLISHED, country=country))
        | Exists(Passage.countries.through.objects.filter(country=country))
        | Exists(Grouping.member_countries.through.objects.filter(country=country))
        | Exists(Office.objects.filter(office_is_public(), country=country))
    )


def published_records_of_grouping():
    """Published records of the grouping at OuterRef(OuterRef("slug")), as its filter reads them."""
    return Activity.objects.published().with_grouping(OuterRef(OuterRef("slug")))


def grouping_is_public() -> Q:
    """True for the grouping at OuterRef("pk") when a published record or a passage names it."""
    return Exists(published_records_of_grouping()) | Exists(
        Passage.groupings.through.objects.filter(grouping=OuterRef("pk"))
    )


IS_PUBLIC = {
    Person: person_is_public,
    Office: office_is_public,
    Country: country_is_public,
    Grouping: grouping_is_public,
}


def is_public(model) -> Q:
    """The condition, on *model*'s own rows, under which a row is public."""
    return IS_PUBLIC[model]()


def public(queryset):
    """The public rows of *queryset* (of countries, offices or people)."""
    return queryset.filter(is_public(queryset.model))


def sees_drafts(user, model) -> bool:
    """Whether *user* may see *model*'s drafts and hidden rows: the API's rule for drafts."""
    from .serializers import can_view_drafts  # serializers imports filters, which import this

    return can_view_drafts(user, model)


def visible(queryset, user):
    """*queryset* as *user* may see it: every row with the rights to see drafts, else the public."""
    if sees_drafts(user, queryset.model):
        return queryset
    return public(queryset)


def with_public_flag(queryset):
    """*queryset* with `is_public` on each row: one query for a profile that staff may preview."""
    return queryset.annotate(is_public=is_public(queryset.model))


def for_request(queryset):
    """A filter's choices (see django-filter's callable querysets): what the request's user may
    see; without a request (a feed, a test), the public rows."""

    public_rows = []  # built on first use and cloned after: building the rule's subqueries
    # cost more than a list's own query (every list builds the country, office and person filters)

    def choices(request):
        if sees_drafts(getattr(request, "user", None), queryset.model):
            chosen, reader = queryset.all(), "all"
        else:
            if not public_rows:
                public_rows.append(public(queryset.all()))
            chosen, reader = public_rows[0].all(), "public"
        # Names the rule for cooperation.compiled (on the query, which clones keep), so that a
        # filter looks its values up through a statement compiled once: compiling the public
        # rule cost more than running it.
        chosen.query.compiled_name = f"choices.{queryset.model._meta.label}.{reader}"
        return chosen

    return choices


def visible_activities(queryset, user):
    """Published records, plus drafts of the types the user may view."""
    model = queryset.model
    if sees_drafts(user, Activity) or sees_drafts(user, model):
        return queryset
    if model is not Activity:
        return queryset.filter(status=Status.PUBLISHED)
    types = [t for t, m in activity_models().items() if sees_drafts(user, m)]
    return queryset.filter(Q(status=Status.PUBLISHED) | Q(type__in=types))


def activity_models() -> dict[str, type[Activity]]:
    """The four activity types' models, found through their parent links rather than imports."""
    return {
        rel.related_model.activity_type: rel.related_model
        for rel in Activity._meta.related_objects
        if rel.one_to_one and issubclass(rel.related_model, Activity)
    }
