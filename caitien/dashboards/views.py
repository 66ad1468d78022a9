"""Home page per role and the office overview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from caitien.dashboards import charts, overview, selectors
from caitien.dashboards.access import office_of_request
from caitien.dashboards.paging import page_of
from caitien.dashboards.xlsx import xlsx_response
from caitien.schools import permissions
from caitien.web.params import whole_number

# (column title, sort key or "", css class) of the overview table, in order.
COLUMNS = (
    ("Trường", "ten", ""),
    ("Phòng GDĐT", "phong", ""),
    ("Cấp học", "", ""),
    ("Tự đánh giá", "muc", ""),
    ("Kế hoạch", "trang-thai", ""),
    ("Trễ hạn", "tre", ""),
    ("Số dòng", "dong", "num"),
    ("Hoàn thành", "hoan-thanh", "num"),
    ("Quá hạn", "qua-han", "num"),
    ("Giám sát", "giam-sat", "num"),
    ("Kinh phí (đồng)", "kinh-phi", "num"),
    ("Đã chi (đồng)", "da-chi", "num"),
    ("Đề xuất mở", "de-xuat", "num"),
    ("Hoạt động gần nhất", "hoat-dong", ""),
)
CHART_SCHOOLS = 30  # the progress chart shows the first schools of the page


@login_required
def home(request):
    return render(request, "plans/home.html", {"home": selectors.home_for(request.user)})


def _year(request) -> int:
    current = overview.school_year_of_today(timezone.localdate())
    return whole_number(request.GET.get("nam"), low=2000, high=2100) or current


def _sort_links(request, f: overview.Filters) -> dict:
    links = {}
    for _title, key, _css in COLUMNS:
        if not key:
            continue
        params = request.GET.copy()
        params.pop("trang", None)
        params["sap"] = f"-{key}" if f.sort == key and not f.descending else key
        links[key] = params.urlencode()
    return links


@login_required
def office_overview(request, office_pk=None):
    """A specialist's schools, one line each: levels, plan status and dates, progress, reviews,
    budget, escalations; filtered, sorted, paged, with totals, charts and an XLSX download."""
    office = office_of_request(request, office_pk, page="Trang tổng quan")
    year = _year(request)
    f = overview.Filters.from_query(request.GET)
    data = overview.overview_data(office, year, f)
    if request.GET.get("tai") == "xlsx":
        return _xlsx(office, year, data)
    page = page_of(request, data["lines"])
    regulation = request.GET.get("bieu-do") or _main_regulation(data["lines"])
    level_rows, legend = overview.level_distribution(data["weak"], regulation)
    others = [o for o in permissions.offices_of(request.user) if o.pk != office.pk]
    return render(
        request,
        "dashboards/office.html",
        {
            "office": office,
            "year": year,
            "filters": f,
            "page": page,
            "lines": page.object_list,
            "totals": data["totals"],
            "weak": data["weak"][:20],
            "weak_count": len(data["weak"]),
            "choices": data["choices"],
            "columns": COLUMNS,
            "sort_links": _sort_links(request, f),
            "other_offices": others,
            "chart_regulation": regulation,
            "charts": {
                "progress": charts.percent_bars(
                    "Tỷ lệ dòng kế hoạch đã hoàn thành theo trường",
                    [(line.name, line.pct_done) for line in page.object_list[:CHART_SCHOOLS]],
                ),
                "budget": charts.paired_money_bars(
                    "Kinh phí theo nguồn: dự kiến và đã chi",
                    [(s["source"], s["planned_vnd"], s["spent_vnd"]) for s in data["totals"]["by_source"]],
                    "Dự kiến",
                    "Đã chi",
                ),
                "levels": charts.stacked_bars("Mức đạt của các trường theo tiêu chí", level_rows, legend)
                if level_rows
                else "",
            },
        },
    )


def _main_regulation(lines) -> str:
    counts: dict[str, int] = {}
    for line in lines:
        if line.assessment_id:
            counts[line.regulation] = counts.get(line.regulation, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def _xlsx(office, year, data):
    header = [
        "Ký hiệu",
        "Trường",
        "Phòng GDĐT",
        "Cấp học",
        "Văn bản áp dụng",
        "Mức tự đánh giá",
        "Trạng thái kế hoạch",
        "Ngày gửi phê duyệt",
        "Ngày phê duyệt",
        "Ngày công khai",
        "Hạn công khai",
        "Số ngày trễ",
        "Số dòng",
        "Hoàn thành",
        "Đang thực hiện",
        "Chưa bắt đầu",
        "Quá hạn",
        "Tỷ lệ hoàn thành (%)",
        "Giám sát đã ghi nhận",
        "Giám sát đến hạn",
        "Giám sát còn thiếu",
        "Kinh phí dự kiến (đồng)",
        "Đã chi (đồng)",
        "Đề xuất chưa xong",
        "Hoạt động gần nhất",
    ]
    rows = [
        [
            line.code,
            line.name,
            line.office_name,
            line.level_label,
            line.regulation_label,
            line.assessment_label,
            line.plan_status_label,
            line.submitted,
            line.approved,
            line.published,
            line.plan_due,
            line.plan_days_late,
            line.items,
            line.done,
            line.in_progress,
            line.not_started,
            line.overdue,
            None if line.pct_done is None else round(line.pct_done * 100),
            line.reviews_recorded,
            line.reviews_due,
            line.reviews_missing,
            line.planned_vnd,
            line.spent_vnd,
            line.escalations_open,
            timezone.localtime(line.last_activity) if line.last_activity else None,
        ]
        for line in data["lines"]
    ]
    t = data["totals"]
    sources = (
        "Kinh phí theo nguồn",
        ["Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"],
        [[s["source"], s["planned_vnd"], s["spent_vnd"]] for s in t["by_source"]],
    )
    weak = (
        "Điểm yếu chung",
        [
            "Văn bản",
            "Tiêu chí",
            "Tên tiêu chí",
            "Trường đã đánh giá",
            "Trường dưới mức hướng tới",
            "Dưới Mức 1",
            "Dưới Mức 2",
            "Dưới Mức 3",
            "Số dòng kế hoạch",
            "Dòng đã hoàn thành",
        ],
        [
            [
                w["regulation_label"],
                w["criterion"],
                w["name"],
                w["schools_assessed"],
                w["schools_below"],
                w["below"][1],
                w["below"][2],
                w["below"][3],
                w["rows"],
                w["rows_done"],
            ]
            for w in data["weak"]
        ],
    )
    statuses = (
        "Trạng thái kế hoạch",
        ["Trạng thái", "Số trường"],
        [[label, n] for _k, label, n in t["by_status"]],
    )
    from caitien.escalations.models import Escalation
    from caitien.escalations.views import XLSX_COLUMNS, escalation_row

    found = (
        Escalation.objects.filter(school_id__in=[line.school_id for line in data["lines"]])
        .select_related("school", "office")
        .order_by("school__name", "-created_at")
    )
    escalations = ("Đề xuất cấp trên", list(XLSX_COLUMNS), [escalation_row(e) for e in found])
    return xlsx_response(
        f"tong-quan-{office.code}-{year}",
        "Các trường",
        header,
        rows,
        extra_sheets=[sources, weak, statuses, escalations],
    )


@login_required
def school_overview(request, school_pk):
    """One school as its office sees it: the overview's figures, its plans, its escalations."""
    from django.shortcuts import get_object_or_404

    from caitien.escalations.selectors import escalations_of_school
    from caitien.plans.selectors import plans_visible_to
    from caitien.schools.models import School

    school = get_object_or_404(School.objects.select_related("office", "regulation"), pk=school_pk)
    permissions.require(
        permissions.can_view_school(request.user, school),
        "Bạn không phụ trách trường này nên không xem được.",
    )
    year = _year(request)
    line = overview.overview_lines(school.office, year, school=school)[0]
    return render(
        request,
        "dashboards/school.html",
        {
            "school": school,
            "year": year,
            "line": line,
            "plans": plans_visible_to(request.user, school)[:20],
            "escalations": escalations_of_school(school),
        },
    )
