"""An agreement's life in date order: signing, entry into force, status changes, the activities
carried out under it, the agreements that renew, extend, supersede or implement it, and its expiry.

A date is shown exactly as the source gives it; a year-only item sorts after the dated items of its
year (and a month-only item after the days of its month), never as if it were 1 January.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cooperation import visibility

from . import validity
from .models import Agreement, StatusChange

# What a later agreement does to this one, as the timeline reads it.
LATER = {
    "renewed_by": _("Renewed by"),
    "extended_by": _("Extended by"),
    "superseded_by": _("Superseded by"),
    "implemented_by": _("Carried out by"),
}
EARLIER = {
    "renews": _("Renews"),
    "extends": _("Extends"),
    "supersedes": _("Supersedes"),
    "implements": _("Carries out"),
}


@dataclass
class Item:
    date: str
    label: str
    title: str = ""
    url: str = ""
    source: str = ""

    @property
    def sort_key(self) -> int:
        return validity.key(validity.parse(self.date, "date"))


def _source(change: StatusChange) -> str:
    if change.passage_id:
        return f"{change.passage.document.title}, {change.passage.section}"
    return change.staff_reference


def timeline(agreement: Agreement, user) -> list[Item]:
    items = [Item(agreement.date, str(_("Signed")))]
    if agreement.entry_into_force:
        items.append(Item(agreement.entry_into_force, str(_("Entry into force"))))
    changes = agreement.status_changes.select_related("passage__document")
    for change in changes:
        items.append(
            Item(change.date, change.get_status_display().capitalize(), change.note, "",
                 _source(change))
        )  # fmt: skip
    for name, label in LATER.items():
        later = visibility.visible_activities(getattr(agreement, name).all(), user)
        for other in later.only("slug", "title", "type", "year", "month", "day"):
            items.append(Item(other.date, str(label), other.title, other.get_absolute_url()))
    activities = visibility.visible_activities(agreement.implementing_activities.all(), user)
    for activity in activities.only("slug", "title", "type", "year", "month", "day"):
        label = activity.get_type_display().capitalize()
        items.append(Item(activity.date, label, activity.title, activity.get_absolute_url()))
    if agreement.expiry:
        items.append(Item(agreement.expiry, str(_("End of the stated term"))))
    return sorted(items, key=lambda item: item.sort_key)


def earlier(agreement: Agreement, user) -> list[tuple[str, Agreement]]:
    """The agreements this one renews, extends, supersedes or carries out, if visible."""
    ids = {name: getattr(agreement, f"{name}_id") for name in EARLIER}
    found = visibility.visible_activities(
        Agreement.objects.filter(pk__in=[pk for pk in ids.values() if pk]), user
    ).in_bulk()
    return [(EARLIER[name], found[pk]) for name, pk in ids.items() if pk in found]
