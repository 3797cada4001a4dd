"""Spreadsheet import and export (django-import-export) for countries, offices and agreements."""

import datetime

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from agreements.models import Agreement

from . import dates
from .models import ActivityType, Country, Involvement, Office, PartyRole, Passage

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulae(dataset: tablib.Dataset) -> tablib.Dataset:
    """Prefix formula-like text cells with an apostrophe, so spreadsheets show them as text.

    import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading '='.
    """
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append(
            [
                f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
                for cell in row
            ]
        )
    return safe


class SafeExportResource(resources.ModelResource):
    def export(self, queryset=None, **kwargs):
        return neutralise_formulae(super().export(queryset, **kwargs))


class CountryResource(SafeExportResource):
    class Meta:
        model = Country
        fields = ["code", "name", "name_zh", "region"]
        import_id_fields = ["code"]
        clean_model_instances = True


class OfficeResource(SafeExportResource):
    country = fields.Field(
        attribute="country", column_name="country", widget=widgets.ForeignKeyWidget(Country, "code")
    )

    class Meta:
        model = Office
        fields = [
            "slug",
            "acronym",
            "name",
            "name_zh",
            "kind",
            "country",
            "st3_code",
            "aliases",
            "website",
        ]
        import_id_fields = ["slug"]
        clean_model_instances = True


def find_offices(text: str) -> list[Office]:
    """Offices named by slug or acronym in a semicolon-separated cell; unknown names are errors."""
    found, unknown = [], []
    for key in dict.fromkeys(k.strip() for k in (text or "").split(";") if k.strip()):
        matches = list(Office.objects.filter(Q(slug=key) | Q(acronym__iexact=key))[:2])
        if len(matches) == 1:
            found.append(matches[0])
        else:
            unknown.append(key)
    if unknown:
        raise ValidationError(
            _("Unknown or ambiguous office: %(keys)s.") % {"keys": "; ".join(unknown)}
        )
    if not found:
        raise ValidationError(_("An agreement needs at least one party."))
    return found


def cell_text(value) -> str:
    if isinstance(value, datetime.date):
        # A spreadsheet turned '2017-05' into a full date; guessing the day would invent one.
        raise ValidationError(_("Format the date column as text, e.g. 2017-05."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


class AgreementResource(SafeExportResource):
    """Columns: slug, kind, title, title_zh, summary, date ('2017-05'), parties ('epo; inpi-fr'),
    city, passage ('document/ref'), staff_reference; status is exported only.

    Imported agreements are drafts until a publisher publishes them."""

    date = fields.Field(column_name="date")
    parties = fields.Field(column_name="parties")
    passage = fields.Field(column_name="passage")
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Agreement
        fields = [
            "slug", "kind", "title", "title_zh", "summary", "date", "parties",
            "city", "passage", "staff_reference", "status",
        ]  # fmt: skip
        export_order = fields
        import_id_fields = ["slug"]
        clean_model_instances = True

    def get_queryset(self):
        parties = Involvement.objects.filter(role=PartyRole.PARTY).select_related("office")
        return (
            Agreement.objects.select_related("passage__document")
            .prefetch_related(Prefetch("involvements", parties, to_attr="party_involvements"))
            .order_by("pk")
        )

    def dehydrate_date(self, agreement) -> str:
        return agreement.date

    def dehydrate_parties(self, agreement) -> str:
        involvements = getattr(agreement, "party_involvements", None)
        if involvements is None:
            involvements = agreement.involvements.filter(role=PartyRole.PARTY).select_related(
                "office"
            )
        return "; ".join(i.office.slug for i in involvements)

    def dehydrate_passage(self, agreement) -> str:
        passage = agreement.passage
        return f"{passage.document.slug}/{passage.ref}" if passage else ""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        instance.type = ActivityType.AGREEMENT
        try:
            instance.year, instance.month, instance.day = dates.parse_partial(
                cell_text(row.get("date"))
            )
        except ValidationError as e:
            errors["date"] = e.messages
        try:
            instance._import_parties = find_offices(cell_text(row.get("parties")))
        except ValidationError as e:
            errors["parties"] = e.messages
        try:
            instance.passage = self.find_passage(cell_text(row.get("passage")))
        except ValidationError as e:
            errors["passage"] = e.messages
        if errors:
            raise ValidationError(errors)

    def find_passage(self, key: str) -> Passage | None:
        if not key:
            return None
        document, _sep, ref = key.partition("/")
        try:
            return Passage.objects.get_by_natural_key(document, ref)
        except Passage.DoesNotExist:
            raise ValidationError(_("Unknown passage: %(key)s.") % {"key": key}) from None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if "date" in errors:
            # Already explained once under 'date'; don't repeat it for year, month and day.
            errors.setdefault("year", [])
            errors.setdefault("month", [])
            errors.setdefault("day", [])
        try:
            super().validate_instance(instance, errors, validate_unique)
        except ValidationError as e:
            raise ValidationError({k: v for k, v in e.message_dict.items() if v}) from None

    def before_save_instance(self, instance, row, **kwargs):
        if not instance._state.adding:
            # An import is an edit: admin forms opened before it must be refused as stale.
            instance.version += 1

    def after_save_instance(self, instance, row, **kwargs):
        wanted = {office.pk for office in instance._import_parties}
        current = instance.involvements.filter(role=PartyRole.PARTY)
        current.exclude(office_id__in=wanted).delete()
        existing = set(current.values_list("office_id", flat=True))
        for office_id in wanted - existing:
            Involvement.objects.create(activity=instance, office_id=office_id, role=PartyRole.PARTY)
