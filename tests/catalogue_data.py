"""A small published world for the catalogue tests, built with the factories."""

from cooperation import models as m
from tests import factories as f


def build():
    france = f.CountryFactory(code="FR", name="France", name_zh="法国", region=m.Region.EUROPE)
    chile = f.CountryFactory(code="CL", name="Chile", name_zh="智利", region=m.Region.LATIN_AMERICA)
    germany = f.CountryFactory(code="DE", name="Germany", name_zh="德国")
    inpi = f.OfficeFactory(
        slug="inpi-fr",
        acronym="INPI",
        name="National Institute of Industrial Property",
        name_zh="法国工业产权局",
        country=france,
    )
    inapi = f.OfficeFactory(
        slug="inapi-cl",
        acronym="INAPI",
        name="National Institute of Industrial Property of Chile",
        country=chile,
    )
    dpma = f.OfficeFactory(
        slug="dpma", acronym="DPMA", name="German Patent and Trade Mark Office", country=germany
    )
    asean = f.GroupingFactory(slug="asean", name="ASEAN")
    person = f.PersonFactory(slug="shen-changyu", name="Shen Changyu", name_zh="申长雨")
    passage = f.PassageFactory(
        ref="vii-5-5-inpi",
        section="VII.5(5)",
        heading="Exchanges and Cooperation with EU and European Countries",
        text="In May, SIPO and INPI signed the work plan on bilateral cooperation.",
    )
    passage.countries.add(germany)
    visit = f.DelegationFactory(
        slug="visit-to-france-2017",
        title="Visit to France",
        year=2017,
        month=5,
        countries=[france],
        people=[person],
        summary="A visit.",
    )
    records = {
        "fr_2017": f.AgreementFactory(
            slug="inpi-work-plan-2017",
            title="SIPO–INPI work plan",
            title_zh="中法工作计划",
            kind=m.Kind.WORK_PLAN,
            year=2017,
            month=5,
            passage=passage,
            parties=[inpi],
            occasion=visit,
            people=[person],
        ),
        "fr_2016": f.AgreementFactory(
            slug="inpi-mou-2016",
            title="SIPO–INPI memorandum",
            year=2016,
            month=None,
            parties=[inpi],
        ),
        "cl_2017": f.AgreementFactory(
            slug="pph-chile-2017",
            title="PPH with Chile",
            kind=m.Kind.PPH,
            year=2017,
            month=11,
            day=14,
            parties=[inapi],
        ),
        "de_2017": f.AgreementFactory(
            slug="dpma-data-2017",
            title="=SUM(1) data exchange with DPMA",
            kind=m.Kind.DATA_EXCHANGE,
            year=2017,
            month=3,
            parties=[dpma],
        ),
        "draft_fr": f.AgreementFactory(
            slug="draft-france", title="Draft with France", status=m.Status.DRAFT, parties=[inpi]
        ),
        "visit": visit,
        "meeting": f.MeetingFactory(
            slug="ip5-heads-2017",
            title="IP5 Heads of Office",
            year=2017,
            month=6,
            series="IP5 Heads of Office",
            edition=10,
            countries=[germany],
        ),
        "training": f.TrainingFactory(
            slug="asean-seminar-2017",
            title="Seminar for ASEAN examiners",
            year=2017,
            month=9,
            participants_count=30,
            participants_more_than=True,
        ),
    }
    records["training"].groupings.add(asean)
    fig_passage = f.PassageFactory(
        ref="vii-1",
        section="VII.1",
        heading="Overview",
        text="In 2017, SIPO signed 52 new cooperation agreements.",
    )
    m.Figure.objects.create(
        document=fig_passage.document,
        slug="agreements-2017",
        label="New agreements",
        label_zh="新签协议",
        value=52,
        unit="agreements",
        year=2017,
        passage=fig_passage,
        counts_type=m.ActivityType.AGREEMENT,
        status=m.Status.PUBLISHED,
    )
    return records
