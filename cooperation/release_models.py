"""Versioned data releases: which published records a frozen dataset holds (see releases.py)."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

VERSION_PATTERN = r"^[0-9]{4}\.[0-9]{1,4}$"


class Release(models.Model):
    """A frozen, citable dataset of the records published when it was built. Never changed."""

    version = models.CharField(
        _("version"),
        max_length=9,
        unique=True,
        validators=[
            RegexValidator(VERSION_PATTERN, _("A version is a year, a dot and a number: 2017.1."))
        ],
        help_text=_("A year, a dot and a number, e.g. 2017.1."),
    )
    # From the data, not the clock: the newest change of a record it holds, so that building the
    # same data again gives the same files.
    data_as_of = models.DateTimeField(_("data as of"))
    record_count = models.PositiveIntegerField(_("records"))
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous release"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    added = models.PositiveIntegerField(_("added"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    removed = models.PositiveIntegerField(_("removed"), default=0)

    class Meta:
        verbose_name = _("data release")
        verbose_name_plural = _("data releases")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.version

    def get_absolute_url(self) -> str:
        return reverse("release-detail", args=[self.version])


class ReleaseRecord(models.Model):
    """One record as a release holds it; its slug and digest outlive the record's deletion."""

    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.CASCADE, related_name="records"
    )
    activity = models.ForeignKey(
        "cooperation.Activity",
        verbose_name=_("record"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="release_records",
    )
    slug = models.SlugField(_("slug"), max_length=120)
    type = models.CharField(_("type"), max_length=12)
    # sha256 of the record's row as the release writes it: a changed digest is a changed record.
    digest = models.CharField(_("digest"), max_length=64)

    class Meta:
        verbose_name = _("record in a release")
        verbose_name_plural = _("records in a release")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "slug"],
                name="release_record_unique",
                violation_error_message=_("A release holds a record once."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.release} {self.slug}"
