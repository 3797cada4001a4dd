"""The list pages' filter panel: checkboxes with counts in place of multi-select boxes.

Each tag turns a bound form field and its facet counts (queries.facet_counts) into plain dicts,
so the template needs no query of its own: the choices a select would have listed are read once,
as the select read them, and the counts come from the facets already computed for the page.
"""

from django import template

from cooperation.models import ActivityType

from .catalogue import shown

register = template.Library()

# How many types and kinds stay in view before the rest are folded: the panel must fit a screen.
KINDS_IN_VIEW = 5


def _raw(bound_field) -> list[str]:
    value = bound_field.value() or []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _terms(*parts) -> str:
    """What type-ahead matches: English and Chinese names, code or acronym, aliases."""
    return " ".join(str(p) for p in parts if p).lower()


def _choice(bound_field, value, label, terms="", count=None, chosen=()) -> dict:
    return {
        "id": f"{bound_field.auto_id}_{value}",
        "value": value,
        "label": label,
        "terms": terms or _terms(label, value),
        "count": count,
        "checked": value in chosen,
    }


def _counts(facets, name: str, pair) -> dict | None:
    """Counts by value, or None when the filters are invalid and nothing was counted."""
    if not facets:
        return None
    return dict(pair(item) for item in facets.get(name) or [])


def _count(counts: dict | None, value: str) -> int | None:
    return None if counts is None else counts.get(value, 0)


def _split(choices: list[dict]) -> dict:
    return {
        "chosen": [c for c in choices if c["checked"]],
        "more": [c for c in choices if not c["checked"]],
        "left_out": 0,
    }


@register.simple_tag
def country_choices(bound_field, facets) -> dict:
    """Every country the reader may see, the chosen ones apart, each with its count."""
    counts = _counts(facets, bound_field.name, lambda c: (c.code, c.n))
    chosen = {v.upper() for v in _raw(bound_field)}
    choices = []
    for value, label in bound_field.field.choices:
        country = value.instance
        terms = _terms(country.name, country.name_zh, country.code, country.aliases)
        choices.append(
            _choice(bound_field, country.code, label, terms, _count(counts, country.code), chosen)
        )
    return _split(choices)


@register.simple_tag
def grouping_choices(bound_field, facets) -> dict:
    counts = _counts(facets, bound_field.name, lambda g: (g.slug, g.n))
    chosen = set(_raw(bound_field))
    choices = []
    for value, label in bound_field.field.choices:
        grouping = value.instance
        terms = _terms(grouping.name, grouping.name_zh, grouping.slug)
        choices.append(
            _choice(bound_field, grouping.slug, label, terms, _count(counts, grouping.slug), chosen)
        )
    return _split(choices)


@register.simple_tag
def plain_choices(bound_field) -> dict:
    """Fixed choices without counts (regions)."""
    chosen = set(_raw(bound_field))
    return _split(
        [_choice(bound_field, v, label, chosen=chosen) for v, label in bound_field.field.choices]
    )


@register.simple_tag
def kind_choices(bound_field, facets) -> dict:
    """Kinds with their counts under the other filters. The types, the chosen kinds and the
    most frequent kinds stay in view; the others are folded, in their usual order."""
    counts = _counts(facets, bound_field.name, lambda kind: (kind[0], kind[2]))
    chosen = set(_raw(bound_field))
    choices = [
        _choice(bound_field, v, label, count=_count(counts, v), chosen=chosen)
        for v, label in bound_field.field.choices
    ]
    types = {c["value"] for c in choices if c["value"] in ActivityType.values}
    kinds = [c for c in choices if c["value"] not in types]
    frequent = sorted(
        (c for c in kinds if c["count"] and not c["checked"]), key=lambda c: -c["count"]
    )
    room = max(KINDS_IN_VIEW - len(types) - sum(c["checked"] for c in kinds), 0)
    in_view = types | chosen | {c["value"] for c in frequent[:room]}
    return {
        "shown": [c for c in choices if c["value"] in in_view],
        "more": [c for c in choices if c["value"] not in in_view],
    }


@register.simple_tag
def keyed_choices(bound_field, facets, kind="person") -> dict:
    """Offices or people: thousands may exist, so only the chosen ones and the (at most 100)
    with records under the other filters are listed; any other is typed by its key."""
    chosen = []
    if not bound_field.errors:
        chosen = bound_field.form.cleaned_data.get(bound_field.name) or []
    label = _short_name if kind == "office" else _display_name
    chosen_keys = {record.slug for record in chosen}
    facet = (facets or {}).get(bound_field.name) or []
    parts = shown([r for r in facet if r.slug not in chosen_keys], limit=0)
    return {
        "chosen": [_keyed(bound_field, r, label(r), kind, checked=True) for r in chosen],
        "more": [_keyed(bound_field, r, label(r), kind, count=r.n) for r in parts["rest"]],
        "left_out": parts["left_out"],
        # The typed text, only where it could not be read, so that it is shown beside its error.
        "typed": ",".join(_raw(bound_field)) if bound_field.errors else "",
    }


def _keyed(bound_field, record, label, kind, count=None, checked=False) -> dict:
    if kind == "office":
        terms = _terms(record.acronym, record.name, record.name_zh, record.slug)
    else:
        terms = _terms(record.name, record.name_zh, record.slug)
    return {
        "id": f"{bound_field.auto_id}_{record.slug}",
        "value": record.slug,
        "label": label,
        "terms": terms,
        "count": count,
        "checked": checked,
    }


def _display_name(record) -> str:
    return record.display_name


def _short_name(office) -> str:
    return office.short_name
