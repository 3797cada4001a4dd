"""The data releases' pages and files under /releases/ (see releases.py)."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from . import releases
from .models import Release, Status

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class ReleaseListView(ListView):
    """Every data release, newest first, with what changed since the one before."""

    model = Release
    template_name = "cooperation/release_list.html"
    context_object_name = "releases"
    queryset = Release.objects.select_related("previous")


class ReleaseDetailView(DetailView):
    """One release: how to cite it, its files and checksums, and its changelog with links."""

    model = Release
    template_name = "cooperation/release_detail.html"
    context_object_name = "release"
    slug_field = slug_url_kwarg = "version"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        package = releases.package(release)
        changes = releases.changelog(release)
        # Links to records as they are now: a record no longer published is named, not linked.
        held = release.records.all()
        if release.previous_id:
            held = held | release.previous.records.filter(slug__in=changes["removed"])
        links = {
            slug: _record_url(kind, slug) if status == Status.PUBLISHED else None
            for slug, kind, status in held.values_list("slug", "type", "activity__status")
        }
        context["package"] = package
        context["citation"] = releases.citation(
            release.version,
            package["created"],
            self.request.build_absolute_uri(release.get_absolute_url()),
        )
        context["changes"] = [
            (label, [(slug, links.get(slug)) for slug in changes[key]])
            for key, label in releases.CHANGE_LABELS
        ]
        return context


def _record_url(activity_type: str, slug: str) -> str | None:
    try:
        return reverse(f"{activity_type}-detail", args=[slug])
    except NoReverseMatch:
        return None


@require_safe
def release_file(request, version: str, name: str):
    """One file of a release, as written when it was built; it never changes."""
    release = get_object_or_404(Release, version=version)
    path = releases.file_path(release, name)
    if path is None or not path.is_file():
        raise Http404(name)
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[name.rsplit(".", 1)[1]])
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    if name.endswith(".csv"):
        response["Content-Disposition"] = f'attachment; filename="{version}-{name}"'
    return response
