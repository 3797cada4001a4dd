"""Small helpers for the catalogue templates: names and titles in the reader's language."""

from django import template
from django.utils.dates import MONTHS
from django.utils.translation import get_language

register = template.Library()


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


@register.filter
def title_of(record) -> str:
    """An activity's title, or a figure's label, in Chinese when the reader chose Chinese."""
    if hasattr(record, "label"):
        return record.label_zh if _chinese() and record.label_zh else record.label
    return record.title_zh if _chinese() and record.title_zh else record.title


@register.filter
def month_name(number) -> str:
    return MONTHS.get(number, "") if number else ""


@register.filter
def other_title(record) -> str:
    """The title in the other language, shown beside the main one when the data has it."""
    if _chinese():
        return record.title if record.title_zh else ""
    return record.title_zh


@register.filter
def field_of(form, name):
    return form[name] if name in form.fields else None


@register.simple_tag
def shown(items, limit=12, most=100):
    """The first *limit* items, the rest up to *most*, and how many are left out: facet lists
    fold their long tail, and a page does not list thousands of offices."""
    items = list(items)
    return {"first": items[:limit], "rest": items[limit:most], "left_out": len(items[most:])}


@register.filter
def office_label(office) -> str:
    """'INPI – National Institute of Industrial Property', or the name alone if it is the acronym."""
    name = office.display_name
    if office.acronym and office.acronym != name:
        return f"{office.acronym} – {name}"
    return name
