"""Admin lists: the full partial date sorts, search finds references and Chinese names, and
offices that share an acronym are told apart everywhere staff pick or read one."""

import pytest
from django.urls import reverse
from django.utils import translation

from cooperation import models as m
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    DocumentFactory,
    OfficeFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:agreements_agreement_changelist")
DATE_COLUMN = 3  # title, kind, date, …


def titles(response) -> list[str]:
    return [row.title for row in response.context["cl"].result_list]


@pytest.fixture
def three_dates(db):
    office = OfficeFactory()
    AgreementFactory(title="March", year=2017, month=3, parties=[office])
    AgreementFactory(title="Year only", year=2017, month=None, parties=[office])
    AgreementFactory(title="December", year=2017, month=12, parties=[office])
    AgreementFactory(title="Earlier year", year=2016, month=1, parties=[office])


def test_the_date_column_sorts_by_month_with_an_unknown_month_last_in_its_year(
    client, editor, three_dates
):
    client.force_login(editor)
    newest = titles(client.get(f"{LIST_URL}?o=-{DATE_COLUMN}"))
    assert newest == ["December", "March", "Year only", "Earlier year"]
    oldest = titles(client.get(f"{LIST_URL}?o={DATE_COLUMN}"))
    assert oldest == ["Earlier year", "March", "December", "Year only"]
    assert titles(client.get(LIST_URL)) == newest  # newest first by default


@pytest.fixture
def inpi_offices(db):
    countries = {
        code: CountryFactory(code=code, name=name, name_zh=zh)
        for code, name, zh in [
            ("FR", "France", "法国"),
            ("BR", "Brazil", "巴西"),
            ("PT", "Portugal", "葡萄牙"),
        ]
    }
    return {
        code: OfficeFactory(slug=f"inpi-{code.lower()}", acronym="INPI", country=country)
        for code, country in countries.items()
    }


def test_search_finds_the_staff_reference_a_chinese_title_and_an_offices_chinese_name(
    client, editor, inpi_offices
):
    office = OfficeFactory(acronym="JPO", name="Japan Patent Office", name_zh="日本特许厅")
    AgreementFactory(title="Filed", staff_reference="File 2018/77", parties=[inpi_offices["FR"]])
    AgreementFactory(title="Chinese", title_zh="中法合作备忘录", parties=[inpi_offices["FR"]])
    AgreementFactory(title="With JPO", parties=[office])
    client.force_login(editor)
    assert titles(client.get(LIST_URL, {"q": "2018/77"})) == ["Filed"]
    assert titles(client.get(LIST_URL, {"q": "中法"})) == ["Chinese"]
    assert titles(client.get(LIST_URL, {"q": "特许厅"})) == ["With JPO"]


def test_the_three_inpi_offices_are_told_apart_in_the_list_the_filter_and_autocomplete(
    client, editor, inpi_offices
):
    for code, office in inpi_offices.items():
        AgreementFactory(title=f"MOU {code}", parties=[office])
    client.force_login(editor)
    page = client.get(LIST_URL).content.decode()
    for country in ("France", "Brazil", "Portugal"):
        assert f"INPI ({country})" in page
    choices = dict(
        next(
            f
            for f in client.get(LIST_URL).context["cl"].filter_specs
            if f.parameter_name == "office"
        ).lookup_choices
    )
    assert choices["inpi-fr"] == "INPI (France)" and choices["inpi-br"] == "INPI (Brazil)"
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "cooperation",
            "model_name": "involvement",
            "field_name": "office",
            "term": "INPI",
        },
    ).json()["results"]
    texts = sorted(r["text"] for r in found)
    assert [t.split(" – ")[0] for t in texts] == [
        "INPI (Brazil)",
        "INPI (France)",
        "INPI (Portugal)",
    ]


def test_the_list_costs_the_same_queries_for_5_or_50_agreements(
    client, editor, inpi_offices, django_assert_max_num_queries
):
    client.force_login(editor)
    for n in range(5):
        AgreementFactory(title=f"A{n}", parties=list(inpi_offices.values()))
    client.get(LIST_URL)  # sessions and permissions settle
    with django_assert_max_num_queries(30) as first:
        client.get(LIST_URL)
    for n in range(45):
        AgreementFactory(title=f"B{n}", parties=[inpi_offices["PT"]])
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(LIST_URL)


def test_days_sort_within_their_month_with_an_unknown_day_last_either_way(client, editor):
    office = OfficeFactory()
    AgreementFactory(title="20 March", year=2017, month=3, day=20, parties=[office])
    AgreementFactory(title="March", year=2017, month=3, parties=[office])
    AgreementFactory(title="5 March", year=2017, month=3, day=5, parties=[office])
    client.force_login(editor)
    assert titles(client.get(f"{LIST_URL}?o=-{DATE_COLUMN}")) == ["20 March", "5 March", "March"]
    assert titles(client.get(f"{LIST_URL}?o={DATE_COLUMN}")) == ["5 March", "20 March", "March"]


def test_a_record_found_through_several_offices_or_people_is_listed_once(
    client, editor, inpi_offices
):
    people = [PersonFactory(name=f"Director {n}", name_zh=f"局长{n}") for n in range(2)]
    AgreementFactory(title="Three INPIs", parties=list(inpi_offices.values()), people=people)
    client.force_login(editor)
    for term in ("INPI", "局长"):
        cl = client.get(LIST_URL, {"q": term}).context["cl"]
        assert [a.title for a in cl.result_list] == ["Three INPIs"]
        assert cl.result_count == 1


def test_search_finds_a_persons_chinese_name(client, editor):
    AgreementFactory(title="Signed by Li", people=[PersonFactory(name="Li Wei", name_zh="李伟")])
    AgreementFactory(title="Someone else")
    client.force_login(editor)
    assert titles(client.get(LIST_URL, {"q": "李伟"})) == ["Signed by Li"]


def test_an_office_is_labelled_by_acronym_and_country_an_organization_by_acronym_alone():
    france = CountryFactory(code="FR", name="France", name_zh="法国")
    inpi = OfficeFactory(
        acronym="INPI", name="Institut national de la propriété industrielle", country=france
    )
    epo = OfficeFactory(
        acronym="EPO", name="European Patent Office", kind=m.OfficeKind.INTERGOVERNMENTAL,
        country=None,
    )  # fmt: skip
    unnamed = OfficeFactory(acronym="", name="Ministry of Commerce", country=france)
    assert (inpi.label, epo.label, unnamed.label) == (
        "INPI (France)",
        "EPO",
        "Ministry of Commerce",
    )
    assert str(inpi) == "INPI (France) – Institut national de la propriété industrielle"
    assert str(epo) == "EPO – European Patent Office"
    assert str(unnamed) == "Ministry of Commerce"
    with translation.override("zh-hans"):
        assert inpi.label == "INPI (法国)"


def test_the_offices_autocomplete_finds_an_office_by_its_countrys_chinese_name(
    client, editor, inpi_offices
):
    client.force_login(editor)
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cooperation", "model_name": "involvement", "field_name": "office",
         "term": "葡萄牙"},
    ).json()["results"]  # fmt: skip
    assert [r["text"].split(" – ")[0] for r in found] == ["INPI (Portugal)"]


def test_the_change_forms_party_rows_name_the_office_with_its_country(
    client, editor, inpi_offices, django_assert_max_num_queries
):
    one = AgreementFactory(parties=[inpi_offices["FR"]])
    three = AgreementFactory(parties=list(inpi_offices.values()))
    client.force_login(editor)
    page = client.get(reverse("admin:agreements_agreement_change", args=[three.pk]))
    text = page.content.decode()
    for country in ("France", "Brazil", "Portugal"):
        assert f"INPI ({country}) – " in text  # the office picked in the row
        assert f"INPI ({country}) (party)" in text  # the row's title
    with django_assert_max_num_queries(40) as single:
        client.get(reverse("admin:agreements_agreement_change", args=[one.pk]))
    # Django's autocomplete widget reads each row's office; nothing more per row.
    with django_assert_max_num_queries(len(single.captured_queries) + 2):
        client.get(reverse("admin:agreements_agreement_change", args=[three.pk]))


def test_the_people_and_documents_lists_read_office_labels_without_a_query_per_row(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    people_url = reverse("admin:cooperation_person_changelist")
    PersonFactory(office=OfficeFactory())
    client.get(people_url)
    with django_assert_max_num_queries(20) as few:
        client.get(people_url)
    for _ in range(10):
        PersonFactory(office=OfficeFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(people_url)
    assert "(Country " in page.content.decode()
    documents_url = reverse("admin:cooperation_document_changelist")
    DocumentFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "SIPO (Country " in client.get(documents_url).content.decode()
