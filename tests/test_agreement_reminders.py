"""`manage.py remind` and the staff calendar: who is told of which expiry, once a day, and who may
read the calendar."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from agreements.models import CalendarToken, ReminderSent
from cooperation import services
from tests.factories import AgreementFactory, MeetingFactory, OfficeFactory
from tests.test_admin import staff

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def party():
    return OfficeFactory(slug="sipo", acronym="SIPO")


def expiring(party, until: str, responsible=None, **fields):
    agreement = AgreementFactory(year=2020, parties=[party], **fields)
    services.save_activity(
        activity=agreement, fields={"valid_until": until, "responsible": responsible}
    )
    return agreement


def remind(today=TODAY) -> str:
    out = StringIO()
    call_command("remind", today=today, stdout=out)
    return out.getvalue()


def test_remind_emails_the_responsible_person_once_a_day(party, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    alice = staff("alice", email="alice@example.org")
    soon = expiring(party, "2026-04-15", alice, title="MOU with INPI")
    expiring(party, "2026-12", alice, title="Not yet")  # past the 90 days
    expiring(party, "2026-04-20", None, title="Nobody's")
    assert "1 people of 1 agreements" in remind()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert "MOU with INPI: expires 2026-04-15" in mail.outbox[0].body
    remind()
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.get().agreement_id == soon.pk
    remind(TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2


def test_the_warning_period_is_a_setting(party, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AGREEMENT_EXPIRY_WARNING_DAYS = 400
    expiring(party, "2026-12", staff("bob", email="bob@example.org"))
    remind()
    assert len(mail.outbox) == 1


def events(response) -> dict:
    calendar = Calendar.from_ical(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return {
        str(e["uid"]): (e.decoded("dtstart"), e.decoded("dtend")) for e in calendar.walk("VEVENT")
    }


def test_the_calendar_is_for_staff_or_a_secret_address_only(client, party):
    expiring(party, f"{datetime.date.today().year + 1}-01-15", slug="mou-x")
    assert client.get("/agreements/calendar.ics").status_code == 302
    assert client.get("/agreements/calendar/guess.ics").status_code == 404
    carol = staff("carol")
    token = CalendarToken.objects.create(user=carol, token="s3cret-token")
    response = client.get(f"/agreements/calendar/{token.token}.ics")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "expiry-mou-x" in events(response)
    carol.is_active = False
    carol.save()
    assert client.get(f"/agreements/calendar/{token.token}.ics").status_code == 404


def test_a_month_only_date_spans_its_month_in_the_calendar(client, party):
    year = datetime.date.today().year + 1
    expiring(party, f"{year}-02", slug="mou-feb")
    MeetingFactory(slug="meeting-next", year=year, month=None, day=None)
    client.force_login(staff("dave", is_superuser=True))
    found = events(client.get("/agreements/calendar.ics"))
    assert found["expiry-mou-feb"] == (datetime.date(year, 2, 1), datetime.date(year, 3, 1))
    assert found["activity-meeting-next"] == (
        datetime.date(year, 1, 1),
        datetime.date(year + 1, 1, 1),
    )


def test_an_administrator_makes_a_secret_calendar_address_in_the_admin(client):
    admin_user = staff("root", is_superuser=True)
    carol = staff("carol")
    client.force_login(admin_user)
    response = client.post("/admin/agreements/calendartoken/add/", {"user": carol.pk})
    assert response.status_code == 302
    token = CalendarToken.objects.get(user=carol).token
    assert len(token) >= 40
    client.logout()
    assert client.get(f"/agreements/calendar/{token}.ics").status_code == 200


def test_an_end_known_only_to_the_year_is_reminded_while_it_may_fall_in_the_warning_period(
    party, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    erin = staff("erin", email="erin@example.org")
    expiring(party, "2026", erin, title="Ends some day of 2026")
    remind(datetime.date(2025, 9, 1))  # 1 January 2026 is more than 90 days away
    assert mail.outbox == []
    remind(datetime.date(2025, 10, 15))
    remind(datetime.date(2026, 12, 31))
    assert len(mail.outbox) == 2
    remind(datetime.date(2027, 1, 1))  # certainly past: the desk's "unknown past term" now
    assert len(mail.outbox) == 2
