"""The staff calendar (.ics): agreements' expiries and upcoming activities, for a calendar app.

A calendar app cannot sign in, so each staff member may also have a secret address (a
CalendarToken, made in the admin, deleted to revoke it). A date known only to the month or the year
is an all-day event over that whole month or year: the calendar never shows a day the source lacks.
"""

import datetime

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cooperation import dates
from cooperation.models import Activity, ActivityType

from . import desk, validity
from .models import Agreement, CalendarToken

UPCOMING_DAYS = 365
PAST_DAYS = 30


def _span(parts) -> tuple[datetime.date, datetime.date]:
    """First day and the day after the last day that a partial date covers (iCalendar's DTEND)."""
    return validity.first_day(parts), validity.last_day(parts) + datetime.timedelta(days=1)


def _event(uid: str, summary: str, parts, url: str) -> Event:
    event = Event()
    first, after = _span(parts)
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", after)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("url", url)
    return event


def build(request, today: datetime.date | None = None) -> bytes:
    today = today or desk.today()
    first, last = (
        today - datetime.timedelta(days=PAST_DAYS),
        today + datetime.timedelta(days=UPCOMING_DAYS),
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Cooperation Tracker//staff calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Agreement expiries and upcoming activities"))
    expiring = Agreement.objects.filter(expires_on__gte=first, expires_on__lte=last)
    for agreement in expiring.only("slug", "title", "type", "year", "month", "day",
                                   "entry_into_force", "valid_until", "term_years"):  # fmt: skip
        parts = dates.parse_partial(agreement.expiry)
        summary = _("Expires: %(title)s (%(date)s)") % {
            "title": agreement.title,
            "date": agreement.expiry,
        }
        url = request.build_absolute_uri(agreement.get_absolute_url())
        calendar.add_component(_event(f"expiry-{agreement.slug}", summary, parts, url))
    upcoming = (
        Activity.objects.exclude(type=ActivityType.AGREEMENT)
        .filter(year__gte=today.year, year__lte=last.year)
        .only("slug", "title", "type", "year", "month", "day")
    )
    for activity in upcoming:
        parts = (activity.year, activity.month, activity.day)
        start, after = _span(parts)
        if after <= today or start > last:
            continue
        url = request.build_absolute_uri(activity.get_absolute_url())
        summary = f"{activity.title} ({activity.date})"
        calendar.add_component(_event(f"activity-{activity.slug}", summary, parts, url))
    return calendar.to_ical()


def _response(request) -> HttpResponse:
    response = HttpResponse(build(request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agreements.ics"'
    # Staff data: never in the shared page cache, nor in a proxy's.
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
def staff_calendar(request):
    return _response(request)


def token_calendar(request, token: str):
    if not CalendarToken.objects.filter(
        token=token, user__is_active=True, user__is_staff=True
    ).exists():
        raise Http404
    return _response(request)
