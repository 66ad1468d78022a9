"""Self-assessment pages: thin views over services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from caitien.assessments import selectors, services
from caitien.assessments.models import CriterionAssessment, SelfAssessment, StandardAssessment
from caitien.catalog.models import Indicator
from caitien.evidence import selectors as evidence_selectors
from caitien.plans.calendar import current_school_year
from caitien.schools import permissions
from caitien.schools.models import School
from caitien.web.params import whole_number

NOT_YOURS = (
    "Bạn không thuộc trường này hoặc không phụ trách trường này, nên không xem được tự đánh giá của trường."
)
NOT_AUTHOR = (
    "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá của trường mới sửa được tự đánh giá."
)
NOT_CREATOR = "Chỉ Hiệu trưởng hoặc Phó Hiệu trưởng của trường mới tạo được tự đánh giá mới."


def _assessment(request, pk) -> SelfAssessment:
    sa = get_object_or_404(SelfAssessment.objects.select_related("school", "regulation"), pk=pk)
    permissions.require(permissions.can_view_self_assessment(request.user, sa), NOT_YOURS)
    return sa


def _criterion(request, pk, ca_pk) -> CriterionAssessment:
    sa = _assessment(request, pk)
    ca = get_object_or_404(
        CriterionAssessment.objects.select_related("criterion__standard", "updated_by"),
        pk=ca_pk,
        self_assessment=sa,
    )
    ca.self_assessment = sa
    return ca


@login_required
def index(request):
    """The self-assessments of the schools the user belongs to or oversees."""
    schools = _visible_schools(request.user)
    rows = [
        {
            "school": s,
            "assessments": selectors.assessments_of_school(s),
            "can_create": permissions.can_create_self_assessment(request.user, s),
        }
        for s in schools
    ]
    return render(request, "assessments/index.html", {"rows": rows, "default_year": current_school_year()})


def _visible_schools(user):
    if permissions.is_system_admin(user):
        return list(School.objects.select_related("regulation").order_by("name"))
    found = {s.pk: s for s in permissions.schools_of(user)}
    for office in permissions.offices_of(user):
        for s in School.objects.filter(office__in=office.covered_offices()):
            found.setdefault(s.pk, s)
    return sorted(found.values(), key=lambda s: s.name)


@login_required
@require_POST
def create(request):
    school = get_object_or_404(School, pk=whole_number(request.POST.get("school")) or 0)
    permissions.require(permissions.can_create_self_assessment(request.user, school), NOT_CREATOR)
    try:
        start_year = int(request.POST.get("start_year", ""))
        if not 2000 <= start_year <= 2100:
            raise ValueError
    except ValueError:
        messages.error(
            request,
            "Năm học chưa đúng: hãy nhập năm bắt đầu bằng bốn chữ số, ví dụ 2026 cho năm học 2026-2027.",
        )
        return redirect("assessments:index")
    try:
        target = int(request.POST.get("target_level") or 2)
        sa = services.self_assessment_create(
            school=school, start_year=start_year, actor=request.user, target_level=target
        )
    except (ValueError, services.AssessmentError) as exc:
        messages.error(
            request, str(exc) if isinstance(exc, services.AssessmentError) else "Mức hướng tới chưa đúng."
        )
        return redirect("assessments:index")
    messages.success(request, f"Đã tạo tự đánh giá {sa.cycle_label}. Hãy bắt đầu từ tiêu chí đầu tiên.")
    return redirect("assessments:detail", pk=sa.pk)


@login_required
def detail(request, pk):
    sa = _assessment(request, pk)
    return render(
        request,
        "assessments/detail.html",
        {
            "sa": sa,
            "school": sa.school,
            "overview": selectors.assessment_overview(sa),
            "can_edit": permissions.can_edit_self_assessment(request.user, sa),
        },
    )


@login_required
def criterion(request, pk, ca_pk):
    """One criterion: indicators (saved in place), and the council's texts (with a conflict check)."""
    ca = _criterion(request, pk, ca_pk)
    sa = ca.self_assessment
    can_edit = permissions.can_edit_self_assessment(request.user, sa)
    conflict = None
    form = None
    if request.method == "POST":
        permissions.require(can_edit, NOT_AUTHOR)
        form = {
            k: request.POST.get(k, "") for k in ("current_state", "strengths", "weaknesses", "improvement")
        }
        try:
            services.criterion_assessment_update(
                assessment=ca, actor=request.user, expected_revision=request.POST.get("revision"), **form
            )
        except services.EditConflict as exc:
            conflict = str(exc)
            ca = exc.current
            ca.self_assessment = sa
        else:
            messages.success(request, f"Đã lưu nhận định tiêu chí {ca.criterion.code}.")
            return redirect("assessments:criterion", pk=sa.pk, ca_pk=ca.pk)
    assign = None
    if permissions.can_assign_criteria(request.user, sa):
        assign = {
            "people": selectors.possible_assignees(sa.school),
            "chosen": set(ca.assignees.values_list("pk", flat=True)),
        }
    context = {
        "sa": sa,
        "school": sa.school,
        "ca": ca,
        "page": selectors.criterion_page(ca),
        "can_edit": can_edit,
        "conflict": conflict,
        "form": form,
        "assign": assign,
        **_criterion_years(ca),
    }
    context.update(evidence_selectors.for_criterion_page(sa, ca.criterion))
    return render(request, "assessments/criterion.html", context, status=409 if conflict else 200)


def _criterion_years(ca) -> dict:
    """The criterion's level over the years (a small chart) and the evidence it cites."""
    from caitien.assessments import history

    trend = history.criterion_trends(ca.self_assessment.school, ca.self_assessment.regulation).get(
        ca.criterion.code
    )
    return {
        "trend": trend,
        "trend_chart": history.trend_svg(trend) if trend and len(trend.points) > 1 else "",
        "evidence_links": list(ca.evidence_links.select_related("item")),
    }


def login_required_htmx(view):
    """Like login_required, but an htmx request after the session ended gets a 401 (the page then
    says the tick was not saved) instead of the login page swapped into the level badges."""
    plain = login_required(view)

    def wrapped(request, *args, **kwargs):
        if request.headers.get("HX-Request") and not request.user.is_authenticated:
            return HttpResponse("Phiên đăng nhập đã hết. Hãy đăng nhập lại.", status=401)
        return plain(request, *args, **kwargs)

    return wrapped


@login_required_htmx
@require_POST
def indicator(request, pk, ca_pk, indicator_pk):
    """Tick or untick one indicator. htmx gets the new level badges; without JavaScript, the page."""
    ca = _criterion(request, pk, ca_pk)
    sa = ca.self_assessment
    permissions.require(permissions.can_edit_self_assessment(request.user, sa), NOT_AUTHOR)
    ind = get_object_or_404(Indicator, pk=indicator_pk, criterion=ca.criterion)
    # The checkbox sits in the criterion's form, so htmx sends the ticked ids of the whole form.
    met = str(ind.pk) in request.POST.getlist("met")
    services.indicator_result_set(assessment=ca, indicator=ind, met=met, actor=request.user)
    sa.refresh_from_db()
    ca.refresh_from_db()
    if request.headers.get("HX-Request"):
        return render(request, "assessments/_levels.html", {"sa": sa, "ca": ca, "saved": ind})
    return redirect("assessments:criterion", pk=sa.pk, ca_pk=ca.pk)


@login_required
@require_POST
def indicators(request, pk, ca_pk):
    """Without JavaScript: save every indicator of the criterion from one form."""
    ca = _criterion(request, pk, ca_pk)
    sa = ca.self_assessment
    permissions.require(permissions.can_edit_self_assessment(request.user, sa), NOT_AUTHOR)
    ticked = set(request.POST.getlist("met"))
    for ind in ca.criterion.indicators.all():
        services.indicator_result_set(
            assessment=ca, indicator=ind, met=str(ind.pk) in ticked, actor=request.user
        )
    messages.success(request, f"Đã lưu kết quả các chỉ báo của tiêu chí {ca.criterion.code}.")
    return redirect("assessments:criterion", pk=sa.pk, ca_pk=ca.pk)


@login_required
@require_POST
def assign(request, pk, ca_pk):
    ca = _criterion(request, pk, ca_pk)
    sa = ca.self_assessment
    permissions.require(
        permissions.can_assign_criteria(request.user, sa),
        "Chỉ Hiệu trưởng hoặc Phó Hiệu trưởng của trường mới phân công được người viết tiêu chí.",
    )
    allowed = {u.pk: u for u in selectors.possible_assignees(sa.school)}
    chosen = [allowed[whole_number(x)] for x in request.POST.getlist("people") if whole_number(x) in allowed]
    services.criterion_assignees_set(assessment=ca, users=chosen, actor=request.user)
    messages.success(request, f"Đã lưu phân công tiêu chí {ca.criterion.code}.")
    return redirect("assessments:criterion", pk=sa.pk, ca_pk=ca.pk)


@login_required
def standard(request, pk, st_pk):
    """Strengths and weaknesses of one standard (Thông tư 57/2026)."""
    sa = _assessment(request, pk)
    st = get_object_or_404(
        StandardAssessment.objects.select_related("standard", "updated_by"), pk=st_pk, self_assessment=sa
    )
    permissions.require(permissions.can_edit_self_assessment(request.user, sa), NOT_AUTHOR)
    conflict, form = None, None
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("strengths", "weaknesses")}
        try:
            services.standard_assessment_update(
                assessment=st, actor=request.user, expected_revision=request.POST.get("revision"), **form
            )
        except services.EditConflict as exc:
            conflict, st = str(exc), exc.current
        else:
            messages.success(request, f"Đã lưu nhận định tiêu chuẩn {st.standard.number}.")
            return redirect("assessments:detail", pk=sa.pk)
    return render(
        request,
        "assessments/standard.html",
        {"sa": sa, "school": sa.school, "st": st, "conflict": conflict, "form": form},
        status=409 if conflict else 200,
    )
