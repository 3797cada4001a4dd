"""The month timeline of a profile's rows (cooperation.timeline_months), for its template."""

from django import template
from django.utils.dates import MONTHS_3
from django.utils.text import capfirst

from .. import timeline_months

register = template.Library()


@register.simple_tag
def month_timeline(rows):
    """`{% month_timeline activities as timeline %}`: the years with their bars, and the twelve
    month headings as (number, short name): the name for wide screens, the number for phones."""
    return {
        "years": timeline_months.by_year(rows),
        "months": [(n, capfirst(MONTHS_3[n])) for n in range(1, 13)],
    }
