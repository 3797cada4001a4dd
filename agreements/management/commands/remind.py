"""Email each responsible staff member the agreements of theirs that expire soon.

Run daily (cron or a systemd timer). What was sent is recorded, so a second run on the same day
sends nothing again; mail goes through Django's EMAIL_BACKEND (the console unless configured).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import desk
from agreements.models import ReminderSent


class Command(BaseCommand):
    help = "Email responsible staff about agreements expiring in the warning period (once a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Run as on this day (YYYY-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        today = today or desk.today()
        due = (
            desk.expiring_soon(today)
            .filter(responsible__isnull=False, responsible__is_active=True)
            .exclude(responsible__email="")
            .select_related("responsible")
            .order_by("expires_on", "id")
        )
        sent_today = set(
            ReminderSent.objects.filter(sent_on=today).values_list("agreement_id", "recipient")
        )
        by_recipient = defaultdict(list)
        for agreement in due:
            email = agreement.responsible.email
            if (agreement.pk, email) not in sent_today:
                by_recipient[email].append(agreement)
        for email, agreements in by_recipient.items():
            lines = [
                _("%(title)s: expires %(expiry)s (validity: %(status)s)")
                % {
                    "title": a.title,
                    "expiry": a.expiry,
                    "status": a.get_validity_status_display(),
                }
                for a in agreements
            ]
            with transaction.atomic():
                # Recorded first: if sending fails, the rows roll back and the next run retries.
                ReminderSent.objects.bulk_create(
                    [
                        ReminderSent(
                            agreement=a, recipient=email, sent_on=today, expires_on=a.expires_on
                        )
                        for a in agreements
                    ]
                )
                send_mail(
                    _("%(count)d agreements expire soon") % {"count": len(agreements)},
                    "\n".join(lines),
                    settings.DEFAULT_FROM_EMAIL,
                    [email],
                )
        total = sum(len(a) for a in by_recipient.values())
        self.stdout.write(
            _("Reminded %(people)d people of %(count)d agreements.")
            % {"people": len(by_recipient), "count": total}
        )
