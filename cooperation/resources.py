"""Spreadsheet import and export (django-import-export) for countries, offices and agreements."""

import datetime

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from agreements.models import Agreement

from . import dates, services
from .models import AGREEMENT_ROLES, ActivityType, Country, Involvement, Office, PartyRole, Passage

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Marks a cell as text for a spreadsheet; put before any cell that starts with a formula sign,
# and before a cell that starts with an apostrophe itself, so that the import can take exactly
# one off and every text comes back byte for byte.
TEXT_MARK = "'"


def neutralise(cell):
    if isinstance(cell, str) and cell.startswith((*FORMULA_STARTS, TEXT_MARK)):
        return TEXT_MARK + cell
    return cell


def restore(cell):
    """The inverse of neutralise(), for a cell read back from one of our exports."""
    if isinstance(cell, str) and cell.startswith(TEXT_MARK):
        return cell[len(TEXT_MARK) :]
    return cell


def neutralise_formulae(dataset: tablib.Dataset) -> tablib.Dataset:
    """Prefix formula-like text cells with an apostrophe, so spreadsheets show them as text.

    import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading '='.
    """
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([neutralise(cell) for cell in row])
    return safe


class FullDiff(resources.Diff):
    """The preview shows every column as the export writes it, computed ones (date, parties,
    passage) included; import-export's own reads only columns backed by a model attribute."""

    def __init__(self, resource, instance, new):
        self.left, self.right, self.new = _cells(resource, instance), [], new

    def compare_with(self, resource, instance):
        self.right = _cells(resource, instance)


def _cells(resource, instance) -> list:
    if instance is None:
        return ["" for _field in resource.get_import_fields()]
    return [resource.export_field(f, instance) for f in resource.get_import_fields()]


class SafeExportResource(resources.ModelResource):
    def get_diff_class(self):
        return FullDiff

    def export(self, queryset=None, **kwargs):
        return neutralise_formulae(super().export(queryset, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = restore(value)


class CountryResource(SafeExportResource):
    class Meta:
        model = Country
        fields = ["code", "name", "name_zh", "region"]
        import_id_fields = ["code"]
        clean_model_instances = True
        skip_unchanged = report_skipped = True


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
        skip_unchanged = report_skipped = True


def find_office(key: str) -> Office | None:
    matches = list(Office.objects.filter(Q(slug=key) | Q(acronym__iexact=key))[:2])
    return matches[0] if len(matches) == 1 else None


def parse_parties(text: str) -> list[dict]:
    """'epo; inpi-fr; sipo (facilitator)': offices by slug or acronym, each a party unless a role
    in brackets says otherwise. Unknown or ambiguous names are errors."""
    rows, unknown = [], []
    for item in dict.fromkeys(k.strip() for k in (text or "").split(";") if k.strip()):
        key, role = item, PartyRole.PARTY
        if item.endswith(")") and "(" in item:
            key, _sep, role = item[:-1].partition("(")
            key, role = key.strip(), role.strip()
        office = find_office(key)
        if office is None:
            unknown.append(key)
        else:
            rows.append({"office": office, "role": role})
    if unknown:
        raise ValidationError(
            _("Unknown or ambiguous office: %(keys)s.") % {"keys": "; ".join(unknown)}
        )
    return rows


def cell_text(value) -> str:
    if isinstance(value, datetime.date):
        # A spreadsheet turned '2017-05' into a full date; guessing the day would invent one.
        raise ValidationError(_("Format the date column as text, e.g. 2017-05."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


class AgreementResource(SafeExportResource):
    """Columns: slug, kind, title, title_zh, summary, date ('2017-05'), end_date, parties ('epo; inpi-fr';
    another role in brackets: 'sipo (facilitator)'), city, passage ('document/ref'),
    staff_reference, version; status is exported only.

    Each row is saved through cooperation.services, like any other write: a row that changes
    nothing is reported unchanged and not written; a `version` older than the stored one is
    refused. Imported agreements are drafts until a publisher publishes them."""

    date = fields.Field(column_name="date")
    end_date = fields.Field(column_name="end_date")
    parties = fields.Field(column_name="parties")
    passage = fields.Field(column_name="passage")
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    version = fields.Field(attribute="version", column_name="version", readonly=True)
    # Validity, as partial dates typed like `date`; relations as the other agreement's slug.
    validity_status = fields.Field(
        attribute="validity_status", column_name="validity_status", readonly=True
    )
    # An empty spreadsheet cell reads as None: stored as "" like the form's empty field.
    entry_into_force = fields.Field(
        "entry_into_force", "entry_into_force", widgets.CharWidget(allow_blank=True)
    )
    valid_until = fields.Field("valid_until", "valid_until", widgets.CharWidget(allow_blank=True))
    term_years = fields.Field("term_years", "term_years", widgets.IntegerWidget())
    automatic_renewal = fields.Field(
        "automatic_renewal", "automatic_renewal", widgets.BooleanWidget()
    )
    renews = fields.Field("renews", "renews", widgets.ForeignKeyWidget(Agreement, "slug"))
    extends = fields.Field("extends", "extends", widgets.ForeignKeyWidget(Agreement, "slug"))
    supersedes = fields.Field(
        "supersedes", "supersedes", widgets.ForeignKeyWidget(Agreement, "slug")
    )
    implements = fields.Field(
        "implements", "implements", widgets.ForeignKeyWidget(Agreement, "slug")
    )

    class Meta:
        model = Agreement
        fields = [
            "slug", "kind", "title", "title_zh", "summary", "date", "end_date", "parties",
            "city", "passage", "staff_reference", "entry_into_force", "valid_until", "term_years",
            "automatic_renewal", "renews", "extends", "supersedes", "implements",
            "validity_status", "status", "version",
        ]  # fmt: skip
        export_order = fields
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        roles = AGREEMENT_ROLES
        parties = Involvement.objects.filter(role__in=roles).select_related("office")
        return (
            Agreement.objects.select_related("passage__document")
            .prefetch_related(Prefetch("involvements", parties, to_attr="party_involvements"))
            .order_by("pk")
        )

    def dehydrate_date(self, agreement) -> str:
        return agreement.date

    def dehydrate_end_date(self, agreement) -> str:
        return agreement.end_date

    def dehydrate_parties(self, agreement) -> str:
        pending = getattr(agreement, "_import_links", None)
        if pending is not None:
            rows = [
                (row["office"], row["role"])
                for row in pending["offices"]
                if row["role"] in AGREEMENT_ROLES
            ]
        elif agreement.pk is None:
            rows = []
        else:
            involvements = getattr(agreement, "party_involvements", None)
            if involvements is None:
                involvements = agreement.involvements.filter(
                    role__in=AGREEMENT_ROLES
                ).select_related("office")
            rows = [(i.office, i.role) for i in involvements]
        return "; ".join(
            office.slug if role == PartyRole.PARTY else f"{office.slug} ({role})"
            for office, role in rows
        )

    # Empty when unknown: the widgets would write the text 'None' into a spreadsheet.
    def dehydrate_term_years(self, agreement) -> str:
        return "" if agreement.term_years is None else str(agreement.term_years)

    def dehydrate_automatic_renewal(self, agreement) -> str:
        return {None: "", True: "1", False: "0"}[agreement.automatic_renewal]

    def dehydrate_passage(self, agreement) -> str:
        passage = agreement.passage
        return f"{passage.document.slug}/{passage.ref}" if passage else ""

    def import_instance(self, instance, row, **kwargs):
        """Translate the row into the record's fields and its parties; the service judges them."""
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
        end = cell_text(row.get("end_date"))
        try:
            parts = dates.parse_partial(end) if end else (None, None, None)
            instance.end_year, instance.end_month, instance.end_day = parts
        except ValidationError as e:
            errors["end_date"] = e.messages
        try:
            parties = parse_parties(cell_text(row.get("parties")))
        except ValidationError as e:
            errors["parties"] = e.messages
            parties = []
        # The file has no column for offices in other roles (an organizer, a host) nor for whom
        # a party acted: those stay as stored.
        stored = []
        if instance.pk is not None:
            stored = list(instance.involvements.values("office", "role", "on_behalf_of"))
        behalf = {(link["office"], link["role"]): link["on_behalf_of"] for link in stored}
        for link in parties:
            link["on_behalf_of"] = behalf.get((link["office"].pk, link["role"]), "")
        others = [link for link in stored if link["role"] not in AGREEMENT_ROLES]
        instance._import_links = {"offices": parties + others}
        try:
            instance.passage = self.find_passage(cell_text(row.get("passage")))
        except ValidationError as e:
            errors["passage"] = e.messages
        version = cell_text(row.get("version"))
        instance._import_version = int(version) if version.isdigit() else None
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

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None:
            return False
        return not services.would_change(activity=instance, links=instance._import_links)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            services.check_activity(
                activity=instance,
                links=instance._import_links,
                seen_version=instance._import_version,
            )
        except ValidationError as e:
            for name, messages in e.message_dict.items():
                column = COLUMNS.get(name, name)
                if column not in errors:  # a cell explained once is not explained again
                    errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        services.save_activity(
            activity=instance,
            links=instance._import_links,
            user=kwargs.get("user"),
            seen_version=instance._import_version,
        )

    def save_m2m(self, instance, row, **kwargs):
        """The parties were saved with the record."""


# The service's names -> the file's columns.
COLUMNS = {
    "year": "date", "month": "date", "day": "date", "offices": "parties",
    "end_year": "end_date", "end_month": "end_date", "end_day": "end_date",
    "staff_reference": "staff_reference",
}  # fmt: skip
