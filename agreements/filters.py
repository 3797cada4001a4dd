import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cooperation.filters import ActivityFilterSet, KindFilter
from cooperation.models import ActivityType

from . import validity
from .models import Agreement, ValidityStatus


class PartialDateField(forms.CharField):
    """'2018', '2018-06' or '2018-06-30', cleaned to the first and last day it covers."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            bounds = validity.as_bounds(value)
        except ValidationError as error:
            raise forms.ValidationError(error.messages, code="invalid") from error
        if None in bounds:  # year 0000: no such day in the calendar
            raise forms.ValidationError(_("The year must be at least 0001."), code="invalid")
        return bounds


# The API schema: the three shapes, so that a client (and schemathesis) knows what is accepted.
@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    }
)
class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


class AgreementFilterSet(ActivityFilterSet):
    activity_types = (ActivityType.AGREEMENT,)

    in_force_on = PartialDateFilter(
        label=_("In force on"), method="filter_in_force_on", max_length=10,
        help_text=_(
            "A day (2018-06-30), a month or a year: agreements that may be in force then. A date "
            "known only to the month or year counts for all of it."
        ),
    )  # fmt: skip
    expires_before = PartialDateFilter(
        label=_("Expires before"), method="filter_expires_before", max_length=10,
        help_text=_("A day, a month or a year: agreements whose stated term ends before it."),
    )  # fmt: skip
    # Named apart from the publication status, which staff lists know as `status`.
    validity = KindFilter(
        label=_("Validity"), field_name="validity_status", choices=ValidityStatus.choices,
        help_text=_("The latest recorded status: signed, in-force, renewed, extended, expired, "
                    "terminated, superseded."),
    )  # fmt: skip

    class Meta(ActivityFilterSet.Meta):
        model = Agreement

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(*value) if value else queryset

    def filter_expires_before(self, queryset, name, value):
        return queryset.expiring_before(value[0]) if value else queryset
