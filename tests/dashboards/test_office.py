"""The office overview: one line per school with its figures; filters, sorting, paging, totals,
charts, weak criteria and the XLSX download; who may open it; queries constant in schools."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from caitien.assessments import services as assessment_services
from caitien.escalations.services import escalation_create
from caitien.offices.services import calendar_set
from caitien.plans.models import Plan
from caitien.plans.services import plan_create, plan_item_add
from caitien.schools.models import School
from caitien.schools.services import membership_add, user_create
from tests.offices.helpers import client_as, provinces, queries


def make_plan(cast, status, school, **extra):
    plan = plan_create(
        school=school, actor=cast.principal, start_year=2025, end_year=2026, title=f"KH {school}"
    )
    Plan.objects.filter(pk=plan.pk).update(status=status, **extra)
    return plan


def overview(client, query=""):
    r = client.get(reverse("dashboards:office") + f"?nam=2025{query}")
    assert r.status_code == 200
    return r


@pytest.fixture
def filled(cast):
    """Hoà Bình published its plan on time with two costed rows; Hoa Sen has a draft; Lê Lợi has none.
    The Phòng's plan deadline is 15/10/2025."""
    published = make_plan(
        cast, "published", cast.primary, published_at=datetime.datetime(2025, 10, 1, 8, tzinfo=datetime.UTC)
    )
    for amount, source in ((30_000_000, "Ngân sách nhà nước"), (5_000_000, "Xã hội hóa")):
        plan_item_add(
            plan=published,
            actor=cast.principal,
            values={"criterion_code": "3.2", "budget_vnd": str(amount), "funding_source": source},
        )
    make_plan(cast, "draft", cast.preschool)
    sa = assessment_services.self_assessment_create(
        school=cast.primary, start_year=2025, actor=cast.principal
    )
    calendar_set(
        office=cast.phong,
        school_year=2025,
        actor=cast.specialist,
        plan_due=datetime.date(2025, 10, 15),
        mid_review_due=datetime.date(2026, 1, 20),
        final_review_due=datetime.date(2026, 5, 25),
    )
    escalation_create(
        actor=cast.principal, school=cast.primary, kind="land", title="Mở rộng sân", reason="Hẹp"
    )
    return published, sa


def test_one_line_per_school_with_status_dates_budget_and_lateness(client, cast, filled):
    client.force_login(cast.specialist)
    r = overview(client)
    lines = {line.code: line for line in r.context["page"].object_list}
    assert set(lines) == {"THHB", "MNHS", "THCSLL"}  # not the school of the other Phòng
    hb, hs, ll = lines["THHB"], lines["MNHS"], lines["THCSLL"]
    assert (hb.plan_status, hb.published, hb.plan_days_late, hb.items) == (
        "published",
        datetime.date(2025, 10, 1),
        0,
        2,
    )
    assert hb.planned_vnd == 35_000_000 and hb.planned_by_source == {
        "Ngân sách nhà nước": 30_000_000,
        "Xã hội hóa": 5_000_000,
    }
    assert hb.assessment_level == 0 and hb.escalations_open == 1
    assert hs.plan_status == "draft" and hs.late and ll.plan_status == "none" and ll.late
    body = r.content.decode()
    assert "Thông tư 17/2018/TT-BGDĐT" in body and "Chưa có kế hoạch" in body and "Trễ " in body
    assert "35.000.000" in body and 'id="late-count">2<' in body
    totals = r.context["totals"]
    assert (totals["schools"], totals["late"], totals["planned_vnd"], totals["escalations_open"]) == (
        3,
        2,
        35_000_000,
        1,
    )
    assert "<svg" in body and "Kinh phí theo nguồn: dự kiến và đã chi" in body


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("&tre=1", {"MNHS", "THCSLL"}),
        ("&ke-hoach=published", {"THHB"}),
        ("&ke-hoach=none", {"THCSLL"}),
        ("&cap=mam_non", {"MNHS"}),
        ("&van-ban=tt18-2018", {"THCSLL"}),
        ("&q=hoa+binh", {"THHB"}),  # without diacritics
        ("&q=Lê Lợi", {"THCSLL"}),
        ("&q=khong+co", set()),
    ],
)
def test_filters(client, cast, filled, query, codes):
    client.force_login(cast.specialist)
    assert {line.code for line in overview(client, query).context["page"].object_list} == codes


def test_sorting_and_its_links(client, cast, filled):
    client.force_login(cast.specialist)
    by_budget = [line.code for line in overview(client, "&sap=-kinh-phi").context["page"].object_list]
    assert by_budget[0] == "THHB"
    by_name = [line.code for line in overview(client, "&sap=ten").context["page"].object_list]
    assert by_name == [
        "MNHS",
        "THCSLL",
        "THHB",
    ]  # Mầm non, THCS, Tiểu học (without diacritics: m, t-h-c, t-i)
    r = overview(client, "&sap=ten")
    assert "sap=-ten" in r.content.decode()  # clicking again reverses


def test_the_so_sees_every_phong_and_filters_by_one(client, cast, filled):
    so = user_create(username="so", full_name="Ngô Thị Sở", password=cast.password)
    membership_add(user=so, role="office_specialist", office=cast.so)
    client.force_login(so)
    r = overview(client)
    assert {line.code for line in r.context["page"].object_list} == {"THHB", "MNHS", "THCSLL", "THLU"}
    r = overview(client, f"&phong={cast.phong_other.pk}")
    assert [line.code for line in r.context["page"].object_list] == ["THLU"]
    # The Sở's overview still takes the Phòng's deadline for the Phòng's schools, none for the other.
    lines = {line.code: line for line in overview(client).context["page"].object_list}
    assert lines["MNHS"].plan_due == datetime.date(2025, 10, 15) and lines["THLU"].plan_due is None
    # The Phòng column writes the office as offices write it in tables, the full name on hover.
    html = overview(client).content.decode()
    full = cast.phong_other.name
    assert full.startswith("Phòng Giáo dục và Đào tạo ")
    short = "Phòng GDĐT " + full.removeprefix("Phòng Giáo dục và Đào tạo ")
    assert f'<td title="{full}">{short}</td>' in html


def test_weak_criteria_and_click_through_to_the_schools(client, cast, filled):
    client.force_login(cast.specialist)
    r = overview(client)
    weak = {w["criterion"]: w for w in r.context["weak"]}
    w = weak["3.2"]
    assert (w["schools_assessed"], w["schools_below"], w["below"][1], w["rows"]) == (1, 1, 1, 2)
    assert "tieu-chi=tt17-2018:3.2" in r.content.decode()
    r = overview(client, "&tieu-chi=tt17-2018:3.2")
    assert [line.code for line in r.context["page"].object_list] == ["THHB"]


def test_xlsx_has_every_table(client, cast, filled):
    client.force_login(cast.specialist)
    r = overview(client, "&tai=xlsx&sap=ten")
    assert r["Content-Disposition"] == 'attachment; filename="tong-quan-PGD-DAUTIENG-2025.xlsx"'
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == [
        "Các trường",
        "Kinh phí theo nguồn",
        "Điểm yếu chung",
        "Trạng thái kế hoạch",
        "Đề xuất cấp trên",
    ]
    assert [row[5] for row in wb["Đề xuất cấp trên"].values] == ["Nội dung đề xuất", "Mở rộng sân"]
    schools = list(wb["Các trường"].values)
    assert schools[0][:3] == ("Ký hiệu", "Trường", "Phòng GDĐT")
    assert [row[0] for row in schools[1:]] == ["MNHS", "THCSLL", "THHB"]
    hb = schools[3]
    assert hb[6] == "Đã công khai" and hb[21] == 35_000_000
    assert list(wb["Kinh phí theo nguồn"].values)[1] == ("Ngân sách nhà nước", 30_000_000, 0)


def test_paging_keeps_filters(client, cast, filled):
    from caitien.offices.generator import province_generate

    result = province_generate(offices=1, schools=60, plans=1, rows=1, prefix="PG", school_year=2025)
    client = client_as(result.office_specialists[0])
    r = client.get(reverse("dashboards:office") + "?nam=2025&sap=ten")
    page = r.context["page"]
    assert page.paginator.count == 60 and len(page.object_list) == 50
    assert "nam=2025&amp;sap=ten&amp;trang=2" in r.content.decode()
    assert (
        len(
            client.get(reverse("dashboards:office") + "?nam=2025&sap=ten&trang=2").context["page"].object_list
        )
        == 10
    )


def test_the_school_page_for_the_office(client, cast, filled):
    client.force_login(cast.specialist)
    r = client.get(reverse("dashboards:school", args=[cast.primary.pk]) + "?nam=2025")
    body = r.content.decode()
    assert r.status_code == 200 and "Mở rộng sân" in body and "KH Trường Tiểu học Hoà Bình" in body
    client.force_login(cast.other_principal)
    assert client.get(reverse("dashboards:school", args=[cast.primary.pk])).status_code == 403


def test_specialist_cannot_open_another_office(client, cast):
    client.force_login(cast.specialist)
    r = client.get(reverse("dashboards:office_detail", args=[cast.phong_other.pk]))
    assert r.status_code == 403 and "Bạn không phụ trách cơ quan này" in r.content.decode()


@pytest.mark.parametrize("who", ["principal", "staff", "monitor"])
def test_school_people_are_refused_with_a_clear_page(client, cast, who):
    client.force_login(getattr(cast, who))
    r = client.get(reverse("dashboards:office"))
    assert r.status_code == 403 and "dành cho chuyên viên Phòng/Sở" in r.content.decode()


def test_admin_opens_any_office(client, cast):
    client.force_login(cast.admin)
    r = client.get(reverse("dashboards:office_detail", args=[cast.phong_other.pk]))
    assert r.status_code == 200 and "Trường Tiểu học Lai Uyên" in r.content.decode()


def _one_school_late(province):
    """A review point of this year missed by one school of the province, so the "late" filter lists
    a school in both provinces (an empty list asks fewer queries: nothing is there to look up)."""
    from caitien.monitoring.models import ReviewPoint

    plan = Plan.objects.filter(school__office__parent=province.so, start_year=2025).order_by("pk").first()
    ReviewPoint.objects.create(
        plan_id=plan.lineage_id or plan.pk,
        school_year=2025,
        kind="extra",
        label="Giám sát thêm",
        planned_date=datetime.date(2025, 11, 1),
    )


def test_overview_queries_do_not_grow_with_schools(db, catalog):
    small, big = provinces()
    for r in (small, big):
        _one_school_late(r)
    for url in (
        "/tong-quan/?nam=2025",
        "/tong-quan/?nam=2025&tai=xlsx",
        "/tong-quan/?nam=2025&sap=-kinh-phi&tre=1",
    ):
        for who in (lambda r: r.so_specialist, lambda r: r.office_specialists[0]):
            counts = [queries(client_as(who(r)), url) for r in (small, big)]
            assert counts[0] == counts[1], (url, counts)
    school_counts = []
    for r in (small, big):
        school = School.objects.filter(short_code__startswith=r.so.code[3:]).order_by("pk").first()
        school_counts.append(queries(client_as(r.so_specialist), f"/tong-quan/truong/{school.pk}/?nam=2025"))
    assert school_counts[0] == school_counts[1]


def test_stored_figures_follow_the_rows(client, cast, filled):
    """The overview keeps each plan's row figures; a changed, added or deleted row is seen at once."""
    from caitien.offices.models import PlanFigures
    from caitien.plans.services import plan_item_delete, plan_item_update

    published, _sa = filled
    client.force_login(cast.specialist)

    def hoa_binh():
        return next(line for line in overview(client).context["page"].object_list if line.code == "THHB")

    assert hoa_binh().planned_vnd == 35_000_000 and PlanFigures.objects.filter(plan=published).exists()
    first, second = published.items.order_by("order")
    # Rows change only while the plan is a draft (here the same plan, set back to draft).
    Plan.objects.filter(pk=published.pk).update(status="draft")
    plan_item_update(
        item=first, actor=cast.principal, values={"budget_vnd": "40000000"}, revision=first.revision
    )
    assert hoa_binh().planned_by_source == {"Ngân sách nhà nước": 40_000_000, "Xã hội hóa": 5_000_000}
    plan_item_delete(item=second, actor=cast.principal)
    line = hoa_binh()
    assert (line.items, line.planned_vnd) == (1, 40_000_000)
    # Published again: the figures are computed once more and then kept without reading the rows.
    Plan.objects.filter(pk=published.pk).update(status="published")
    line = hoa_binh()
    assert (line.items, line.planned_vnd) == (1, 40_000_000)
    assert PlanFigures.objects.get(plan=published).frozen


def test_review_points_recorded_due_and_missing(client, cast, filled):
    """The overview counts the school year's review points of the plan's lineage: recorded, due so
    far, and missing (the planned date passed with nothing recorded) — which makes the school late."""
    from caitien.monitoring.models import ReviewPoint

    published, _sa = filled
    client.force_login(cast.specialist)

    def point(kind, planned, recorded=None, year=2025):
        ReviewPoint.objects.create(
            plan=published,
            school_year=year,
            kind=kind,
            label=kind,
            planned_date=planned,
            recorded_on=recorded,
        )

    point("semester_1", datetime.date(2026, 1, 31), recorded=datetime.date(2026, 1, 28))
    point("year_end", datetime.date(2026, 5, 31))
    point("extra", datetime.date(2025, 11, 30))
    point("semester_1", datetime.date(2027, 1, 31), year=2026)  # another school year: not counted

    line = next(x for x in overview(client).context["page"].object_list if x.code == "THHB")
    # Today is after every planned date of 2025-2026 (the suite runs later than May 2026).
    assert (line.reviews_recorded, line.reviews_due, line.reviews_missing) == (1, 3, 2)
    assert line.late
    html = overview(client).content.decode()
    assert "Thiếu 2 lần giám sát" in html
