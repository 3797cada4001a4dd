"""Statements compiled once and run with other keys give what the ORM gives for those keys."""

import pytest

from cooperation import compiled
from cooperation import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

FIELDS = ("id", "slug", "status", "created_at", "updated_at", "venue_country__code")


def _query(ids):
    return m.Activity.objects.filter(id__in=ids).order_by("id").values(*FIELDS)


def test_a_compiled_statement_run_with_other_ids_answers_for_those_ids_as_the_orm_does():
    records = [f.AgreementFactory(slug=f"compiled-{n}") for n in range(6)]
    ids = [r.pk for r in records]
    for chosen in (ids[:3], ids[3:], [ids[5], ids[0], ids[2]]):
        got = compiled.rows("test.activities", _query, chosen, model=m.Activity)
        assert got == list(_query(chosen))  # timestamps converted, related columns named
    assert len([k for k in compiled._compiled if k[0] == "test.activities"]) == 1


def test_flat_and_tuple_shapes_and_text_keys_are_kept():
    record = f.AgreementFactory(slug="compiled-text")

    def by_slug(slugs):
        return m.Activity.objects.filter(slug=slugs[0]).values_list("pk", flat=True)

    def pairs(ids):
        return m.Activity.objects.filter(id__in=ids).values_list("id", "slug")

    assert compiled.rows("test.slug", by_slug, ["compiled-text"], model=m.Activity) == [record.pk]
    assert compiled.rows("test.slug", by_slug, ["no-such-record"], model=m.Activity) == []
    assert compiled.rows("test.pairs", pairs, [record.pk], model=m.Activity) == [
        (record.pk, "compiled-text")
    ]


def test_only_values_querysets_are_compiled():
    with pytest.raises(ValueError):
        compiled.rows(
            "test.models", lambda ids: m.Activity.objects.filter(id__in=ids), [1], model=m.Activity
        )


def test_an_anonymous_detail_finds_published_records_only(client):
    published = f.AgreementFactory(slug="compiled-published")
    f.AgreementFactory(slug="compiled-draft", status=m.Status.DRAFT)
    assert client.get("/api/v1/agreements/compiled-draft/").status_code == 404
    answer = client.get(f"/api/v1/agreements/{published.slug}/")
    assert answer.status_code == 200 and answer.json()["id"] == "compiled-published"
    assert client.get("/api/v1/agreements/compiled-draft/").status_code == 404


def test_more_keys_than_a_page_are_read_without_keeping_a_statement(monkeypatch):
    monkeypatch.setattr(compiled, "MAX_KEYS", 2)
    ids = [f.AgreementFactory(slug=f"many-{n}").pk for n in range(3)]
    assert compiled.rows("test.many", _query, ids, model=m.Activity) == list(_query(ids))
    assert not [k for k in compiled._compiled if k[0] == "test.many"]
