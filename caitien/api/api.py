"""The REST API: the catalog, plans and the checker for office tools and school IT.

Endpoints stay thin: reads go through selectors, every access decision through
`caitien.schools.permissions`. Nothing here writes to the database. Errors answer
`{"detail": "<Vietnamese message>"}`.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Query, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from caitien.api import schemas
from caitien.api.auth import session_or_anonymous
from caitien.api.selectors import plans_for
from caitien.catalog.services import catalog_as_json
from caitien.checks import run_checks
from caitien.dashboards.overview import school_year_of_today
from caitien.offices.rollup import office_rollup
from caitien.planfile.model import Document
from caitien.plans.documents import plan_to_document
from caitien.plans.models import Plan
from caitien.plans.services import plan_findings
from caitien.schools import permissions
from caitien.schools.models import Office, School

DESCRIPTION = (
    "API của Cải Tiến cho phần mềm của phòng, sở giáo dục và bộ phận công nghệ thông tin của trường: "
    "danh mục văn bản quy định, các kế hoạch cải tiến chất lượng giáo dục (dạng JSON của kế hoạch) và "
    "công cụ kiểm tra kế hoạch. Người đã đăng nhập dùng phiên đăng nhập (cookie) của Cải Tiến; "
    "khi không đăng nhập chỉ xem được các kế hoạch đã công khai. API chỉ đọc, trừ việc ghi nhận tiến độ "
    "(POST /api/tasks/{id}/updates) bằng mã truy cập cá nhân (Authorization: Bearer …)."
)
FORMAT_HINT = "Hãy gửi kế hoạch theo dạng JSON của kế hoạch (như lệnh “caitien parse --json” in ra)."


class LocalSwagger(Swagger):
    """Swagger UI rendered from django-ninja's own template and static files (settings adds their
    folders), never its CDN page, although "ninja" is not an installed app: importing ninja at every
    start cost a third of each `caitien` command's start-up."""

    def render_page(self, request, api, **kwargs):
        from django.shortcuts import render
        from ninja.openapi.docs import _csrf_needed

        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


api = NinjaAPI(
    title="Cải Tiến API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # Swagger UI from django-ninja's own static files, never a CDN; the validator badge would
    # call validator.swagger.io, so it is off.
    docs=LocalSwagger(settings={"validatorUrl": None}),
    docs_url="/docs",
)


# --- errors, in Vietnamese ------------------------------------------------------------------------


def _error(request, status: int, detail: str, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(PermissionDenied)
def refused(request, exc):
    # permissions.require raises Refused (a PermissionDenied) with the reason for the person refused.
    from caitien.schools.views import audit_refusal

    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    audit_refusal(request, message)
    return _error(request, 403, message)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, str(exc) or "Không tìm thấy nội dung yêu cầu.")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "Cần đăng nhập Cải Tiến để dùng chức năng này.")


TOO_BIG = (
    "Nội dung gửi lên quá lớn. Hãy gửi kế hoạch nhỏ hơn (bỏ bớt phần không cần kiểm tra) hoặc dùng lệnh "
    "“caitien check” trên máy."
)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    # The limit is the project's upload cap (settings.DATA_UPLOAD_MAX_MEMORY_SIZE).
    return _error(request, 413, TOO_BIG)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # django-ninja wraps a body it could not read into HttpError(400); the cause says why.
    cause = exc.__cause__
    if isinstance(cause, RequestDataTooBig):
        return _error(request, 413, TOO_BIG)
    if cause is not None:
        return _error(request, 400, f"Nội dung gửi lên không phải JSON hợp lệ. {FORMAT_HINT}")
    return _error(request, exc.status_code, str(exc))


PROBLEMS = {
    "string_type": "phải là một chuỗi văn bản",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "list_type": "phải là một danh sách ([...])",
    "dict_type": "phải là một đối tượng JSON ({...})",
    "model_type": "phải là một đối tượng JSON ({...})",
    "model_attributes_type": "phải là một đối tượng JSON ({...})",
    "missing": "bắt buộc phải có",
}


def _where(loc) -> str:
    # ("body", "doc", "items", 0, "criterion") -> "items[0].criterion"; ("query", "year") -> "year"
    parts = list(loc)[2:] if loc and loc[0] == "body" else list(loc)[1:]
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _problem(error: dict) -> str:
    where = _where(error.get("loc") or ())
    problem = PROBLEMS.get(error.get("type"), "không hợp lệ")
    if not where and error.get("type") == "missing":
        return "Chưa có kế hoạch nào trong nội dung gửi lên."
    return f"Trường “{where}” {problem}." if where else f"Nội dung gửi lên {problem}."


@api.exception_handler(ValidationError)
def invalid(request, exc):
    problems = [_problem(e) for e in exc.errors]
    more = f" (và {len(problems) - 1} lỗi khác)" if len(problems) > 1 else ""
    hint = FORMAT_HINT if any((e.get("loc") or ("",))[0] == "body" for e in exc.errors) else ""
    return _error(request, 422, f"{problems[0]}{more} {hint}".strip(), errors=problems)


# --- helpers ---------------------------------------------------------------------------------------


def _plan(plan_id: int, reader=None) -> Plan:
    """The plan; given the `reader`, one they may not read and that is not public is missing too."""
    plan = Plan.objects.select_related("school", "school__office", "regulation").filter(pk=plan_id).first()
    missing = (
        f"Không có kế hoạch mã số {plan_id} mà bạn được xem. Kế hoạch chưa được công khai chỉ người của "
        "trường xem được (hãy đăng nhập bằng tài khoản của trường); nếu không, hãy kiểm tra lại mã số kế hoạch."
    )
    if plan is None:
        raise Http404(missing)
    if reader is not None:
        permissions.hide_unreadable_plan(reader, plan, missing)
    return plan


NOT_PUBLIC = (
    "Kế hoạch này chưa được công khai. Hãy đăng nhập bằng tài khoản của trường để xem kế hoạch "
    "đang soạn thảo."
)
NOT_YOURS = (
    "Bạn không có quyền xem kế hoạch này. Kế hoạch chỉ dành cho người của trường và cán bộ phòng, sở "
    "giáo dục phụ trách trường (khi đã công khai)."
)


def _require_view(user, plan: Plan) -> None:
    anonymous = not getattr(user, "is_authenticated", False)
    # A published plan is public: anyone reads it, logged in or not.
    allowed = permissions.can_view_plan(user, plan) or permissions.can_view_public_plan(plan)
    permissions.require(allowed, NOT_PUBLIC if anonymous else NOT_YOURS)


def _plan_row(request, plan: Plan) -> dict:
    public = permissions.can_view_public_plan(plan)
    return {
        "id": plan.pk,
        "school": {"name": plan.school.name, "short_code": plan.school.short_code},
        "regulation": {"code": plan.regulation.code, "appendix": plan.regulation.appendix},
        "period": {
            "kind": plan.period_kind,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "label": plan.period_label,
        },
        "title": plan.title,
        "document_number": plan.document_number,
        "status": plan.status,
        "status_label": plan.get_status_display(),
        "version": plan.version,
        "public_url": request.build_absolute_uri(reverse("plans:public", args=[plan.pk])) if public else None,
    }


# --- endpoints -------------------------------------------------------------------------------------


@api.get(
    "/catalog",
    response=dict,
    summary="Danh mục văn bản quy định",
    description="Các thông tư, tiêu chuẩn, tiêu chí và chỉ báo theo mức; giống “caitien catalog --json”.",
)
def catalog(request):
    return catalog_as_json()


PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def paged(request, qs, page: int, page_size: int, row) -> dict:
    """One page of a list: {"count", "page", "pages", "next", "previous", "results"}; `next` and
    `previous` are full addresses keeping the other parameters, null at the ends."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(
            422, f"Trang phải từ 1 trở lên và mỗi trang có từ 1 đến {MAX_PAGE_SIZE} mục (page_size)."
        )
    count = qs.count()
    pages = max(1, -(-count // page_size))
    if page > pages:
        raise Http404(f"Không có trang {page}: danh sách có {pages} trang ({count} mục).")
    start = (page - 1) * page_size

    def link(n):
        params = request.GET.copy()
        params["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "page": page,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": [row(request, x) for x in qs[start : start + page_size]],
    }


@api.get(
    "/plans",
    auth=session_or_anonymous,
    response={200: schemas.PlanPageOut, 404: schemas.ErrorOut, 422: schemas.ErrorOut},
    summary="Danh sách kế hoạch",
    description="Các kế hoạch người gọi được xem (khi không đăng nhập: các kế hoạch đã công khai), "
    f"mới nhất trước, theo trang ({PAGE_SIZE} kế hoạch mỗi trang): “next” là địa chỉ của trang sau.",
)
def plan_list(
    request,
    school: str | None = Query(None, description="ký hiệu viết tắt của trường, ví dụ THHB"),
    status: str | None = Query(
        None, description="trạng thái: draft, submitted, approved, published, superseded"
    ),
    year: int | None = Query(
        None,
        description="năm học bắt đầu từ năm này nằm trong thời kỳ của kế "
        "hoạch, ví dụ 2025 cho năm học 2025-2026",
    ),
    page: int = Query(1, description="số trang, từ 1"),
    page_size: int = Query(PAGE_SIZE, description=f"số kế hoạch mỗi trang, từ 1 đến {MAX_PAGE_SIZE}"),
):
    if status and status not in Plan.Status.values:
        raise HttpError(
            422, f"Trạng thái “{status}” không có. Hãy dùng một trong: {', '.join(Plan.Status.values)}."
        )
    found = None
    if school:
        found = School.objects.filter(short_code__iexact=school.strip()).first()
        if found is None:
            raise Http404(
                f"Không có trường nào có ký hiệu “{school}”. Hãy kiểm tra lại ký hiệu viết tắt của trường."
            )
    qs = plans_for(request.auth, school=found, status=status, year=year)
    return paged(request, qs, page, page_size, _plan_row)


@api.get(
    "/plans/{plan_id}",
    auth=session_or_anonymous,
    response={200: dict, 403: schemas.ErrorOut, 404: schemas.ErrorOut},
    summary="Một kế hoạch (dạng JSON của kế hoạch)",
    description="Kế hoạch đã lưu theo dạng JSON của kế hoạch, như “caitien parse --json” in ra.",
)
def plan_detail(request, plan_id: int):
    plan = _plan(plan_id, request.auth)
    _require_view(request.auth, plan)
    return plan_to_document(plan).to_dict()


@api.get(
    "/plans/{plan_id}/findings",
    auth=session_or_anonymous,
    response={200: schemas.FindingsOut, 403: schemas.ErrorOut, 404: schemas.ErrorOut},
    summary="Kết quả kiểm tra một kế hoạch đã lưu",
    description="Những chỗ cần sửa trong kế hoạch đã lưu, có đối chiếu với tự đánh giá của trường.",
)
def plan_findings_list(request, plan_id: int):
    plan = _plan(plan_id, request.auth)
    _require_view(request.auth, plan)
    return {"findings": [f.to_dict() for f in plan_findings(plan, reader=request.auth)]}


@api.get(
    "/offices/{code}/rollup",
    auth=session_or_anonymous,
    response={200: dict, 403: schemas.ErrorOut, 404: schemas.ErrorOut, 422: schemas.ErrorOut},
    summary="Tổng hợp các trường của một Phòng/Sở",
    description="Giống “caitien rollup --office CODE --json”: mỗi trường một mục (tiến độ, kinh phí, giám sát, "
    "đề xuất), tổng cộng, điểm yếu chung và đề xuất chưa giải quyết. Dành cho chuyên viên của cơ quan.",
)
def office_rollup_view(
    request,
    code: str,
    year: int | None = Query(
        None, description="năm bắt đầu năm học, ví dụ 2025 (mặc định: năm học hiện tại)"
    ),
):
    office = Office.objects.filter(code__iexact=code.strip()).first()
    if office is None:
        raise Http404(f"Không có cơ quan mã “{code}”. Hãy kiểm tra lại mã cơ quan.")
    permissions.require(
        permissions.can_view_office(request.auth, office),
        "Chỉ chuyên viên của cơ quan (hoặc cơ quan cấp trên) xem được tổng hợp này. Hãy đăng nhập bằng tài khoản "
        "của Phòng/Sở.",
    )
    if year is not None and not 2000 <= year <= 2100:
        raise HttpError(422, "Năm học phải là năm bắt đầu, ví dụ year=2025 cho năm học 2025-2026.")
    return office_rollup(office, year or school_year_of_today(timezone.localdate()))


@api.get(
    "/plans/{plan_id}/reviews",
    auth=session_or_anonymous,
    response={200: dict, 403: schemas.ErrorOut, 404: schemas.ErrorOut},
    summary="Các lần giám sát nội bộ của một kế hoạch",
    description="Mỗi lần giám sát (cuối học kỳ I, cuối năm học, giám sát thêm): ngày dự kiến, ngày ghi nhận, "
    "mức độ ghi nhận (none, partial, full) và kết quả từng dòng. Chỉ người của trường và cơ quan quản lý "
    "(khi kế hoạch đã công khai) xem được.",
)
def plan_reviews(request, plan_id: int):
    from caitien.monitoring.selectors import reviews_json

    plan = _plan(plan_id, request.auth)
    anonymous = not getattr(request.auth, "is_authenticated", False)
    permissions.require(
        permissions.can_view_reviews(request.auth, plan),
        "Hãy đăng nhập: kết quả giám sát nội bộ chỉ dành cho người của trường và cơ quan quản lý."
        if anonymous
        else NOT_YOURS,
    )
    return {"plan": plan.pk, "reviews": reviews_json(plan)}


# No session auth, hence no CSRF check: it only reads the body and answers, it writes nothing.
@api.post(
    "/check",
    response={200: schemas.FindingsOut, 400: schemas.ErrorOut, 413: schemas.ErrorOut, 422: schemas.ErrorOut},
    summary="Kiểm tra một kế hoạch (JSON)",
    description="Gửi một kế hoạch theo dạng JSON của kế hoạch; nhận các chỗ cần sửa, giống "
    "“caitien check --json”. Không lưu gì.",
)
def check(request, doc: schemas.PlanDocumentIn):
    document = Document.from_dict(doc.model_dump(exclude_unset=True))
    return {"findings": [f.to_dict() for f in run_checks(document)]}


# --- evidence register ------------------------------------------------------------------------------


@api.get(
    "/schools/{code}/evidence",
    auth=session_or_anonymous,
    response={200: dict, 404: schemas.ErrorOut, 422: schemas.ErrorOut},
    summary="Danh mục minh chứng của một trường",
    description="Danh mục minh chứng của trường (mã viết tắt `code`) cho năm học `year` (năm bắt đầu; mặc định "
    "năm học hiện tại), như “caitien evidence --json”. Người của trường và cơ quan quản lý xem toàn bộ danh mục; "
    "người khác, kể cả khi không đăng nhập, chỉ thấy các minh chứng công khai.",
)
def school_evidence(request, code: str, year: int | None = None):
    from caitien.evidence.selectors import register_json
    from caitien.plans.calendar import current_school_year

    school = (
        School.objects.select_related("regulation", "office").filter(short_code__iexact=code.strip()).first()
    )
    if school is None:
        raise Http404(f"Không có trường mã “{code[:40]}”.")
    year = year or current_school_year()
    if not 2000 <= year <= 2100:
        return _error(
            request, 422, f"Năm học {year} không hợp lệ; hãy ghi năm bắt đầu năm học, ví dụ year=2025."
        )
    full = permissions.can_view_evidence_register(request.auth, school)
    return register_json(school, year, public_only=not full)


# The execution endpoints (progress, task updates) register themselves on `api`.
from caitien.api import progress as _progress  # noqa: E402, F401
