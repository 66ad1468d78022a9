"""The execution endpoints: a plan's progress (read), a task's progress update (write, with a
personal access token or the session). Registered on the API by caitien/api/api.py."""

from __future__ import annotations

import datetime
import json

from django.http import Http404
from ninja import Query, Status
from ninja.errors import HttpError

from caitien.api import schemas
from caitien.api.api import _plan, api
from caitien.api.auth import token_or_session, token_session_or_anonymous
from caitien.execution import services
from caitien.execution.forms import parse_vnd
from caitien.execution.lineage import in_force
from caitien.execution.models import Task
from caitien.execution.selectors import plan_progress, row_view
from caitien.schools import permissions
from caitien.web.inputs import InputError, parse_date


def _as_of(text: str | None) -> datetime.date:
    if not text:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise HttpError(
            422, f"Ngày “{text}” không hợp lệ. Hãy ghi as_of theo dạng YYYY-MM-DD, ví dụ 2026-01-31."
        ) from None


@api.get(
    "/plans/{plan_id}/progress",
    auth=token_session_or_anonymous,
    response={200: dict, 403: schemas.ErrorOut, 404: schemas.ErrorOut, 422: schemas.ErrorOut},
    summary="Tiến độ thực hiện một kế hoạch",
    description="Giống “caitien progress --plan ID --json”: tổng hợp và từng dòng (trạng thái not_started, "
    "in_progress, done, not_done; tiến độ %; quá hạn; các việc; minh chứng; kinh phí đã chi). Dành cho người "
    "của trường và cơ quan quản lý (khi kế hoạch đã công khai).",
)
def progress(
    request, plan_id: int, as_of: str | None = Query(None, description="ngày tính quá hạn, YYYY-MM-DD")
):
    plan = _plan(plan_id, reader=request.auth)  # an unpublished plan of another school: missing
    anonymous = not getattr(request.auth, "is_authenticated", False)
    permissions.require(
        permissions.can_view_progress(request.auth, plan),
        "Hãy đăng nhập (hoặc gửi mã truy cập cá nhân): tiến độ thực hiện chỉ dành cho người của trường và cơ quan quản lý."
        if anonymous
        else "Bạn không có quyền xem tiến độ của kế hoạch này.",
    )
    return plan_progress(plan, _as_of(as_of))


def _body(request) -> tuple[dict, list]:
    if (request.content_type or "").startswith(
        "multipart/"
    ) or request.content_type == "application/x-www-form-urlencoded":
        data = {k: request.POST.get(k) for k in request.POST}
        data["evidence"] = request.POST.getlist("evidence")
        return data, request.FILES.getlist("files")
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(
            400,
            "Nội dung gửi lên không phải JSON hợp lệ. Hãy gửi một đối tượng JSON, ví dụ "
            '{"status": "in_progress", "progress": 50, "text": "Đã làm …"}.',
        ) from None
    if not isinstance(data, dict):
        raise HttpError(422, "Nội dung gửi lên phải là một đối tượng JSON ({...}).")
    return data, []


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date(text)
    except InputError as exc:
        raise HttpError(422, f"Trường “on”: {exc}") from None


@api.post(
    "/tasks/{task_id}/updates",
    auth=token_or_session,
    response={
        201: dict,
        400: schemas.ErrorOut,
        401: schemas.ErrorOut,
        403: schemas.ErrorOut,
        404: schemas.ErrorOut,
        422: schemas.ErrorOut,
    },
    summary="Ghi nhận tiến độ một việc",
    description="Cùng quy tắc như trang “Cập nhật tiến độ”: JSON {status, progress, text, on, spent_vnd, "
    "funding_source, evidence: [mã minh chứng]} hoặc multipart (thêm tệp ở trường files). Gửi kèm "
    "“Authorization: Bearer <mã truy cập cá nhân>”.",
)
def task_update(request, task_id: int):
    task = Task.objects.select_related("plan", "plan__school", "owner").filter(pk=task_id).first()
    from caitien.schools.hidden import hidden_school_object

    if task is None or hidden_school_object(request.auth, task.plan.school):
        # Another school's task is answered as a missing one: ids never tell what exists.
        raise Http404(f"Không có việc mã số {task_id}. Hãy kiểm tra lại mã số việc.")
    plan = in_force(task.plan)
    from caitien.execution.views.common import row_of

    item = row_of(plan, task.item_key)
    permissions.require(
        permissions.can_update_task(request.auth, plan, item, task),
        "Chỉ người thực hiện, người hỗ trợ, người chủ trì dòng và Ban giám hiệu cập nhật được việc này.",
    )
    data, files = _body(request)
    try:
        spent = parse_vnd(str(data["spent_vnd"])) if data.get("spent_vnd") not in (None, "") else None
    except Exception as exc:  # a ValidationError from the form's parser: its message is Vietnamese
        raise HttpError(422, " ".join(getattr(exc, "messages", [str(exc)]))) from None
    codes = data.get("evidence") or []
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise HttpError(422, 'Trường “evidence” phải là danh sách mã minh chứng, ví dụ ["H1-1.1-01"].')
    from caitien.evidence.models import EvidenceItem

    # The register writes 2018 codes in brackets ("[H1-1.1-01]"); the progress JSON without them.
    wanted = {c: c.strip().strip("[]") for c in codes}
    items = EvidenceItem.objects.filter(
        school=plan.school, code__in=[*codes, *(f"[{c}]" for c in wanted.values())]
    )
    by_code = {e.code.strip("[]"): e for e in items}
    found = {c: by_code[w] for c, w in wanted.items() if w in by_code}
    missing = [c for c in codes if c not in found]
    if missing:
        raise HttpError(422, f"Không có minh chứng mã {', '.join(missing)} trong danh mục của trường.")
    try:
        update = services.update_add(
            plan=plan,
            item_key=item.key,
            task=task,
            actor=request.auth,
            status=str(data.get("status") or ""),
            progress=data.get("progress"),
            text=str(data.get("text") or ""),
            on=_date(data.get("on")),
            spent_vnd=spent,
            funding_source=str(data.get("funding_source") or ""),
            evidence=list(found.values()),
            uploads=files,
        )
    except services.ExecutionError as exc:
        raise HttpError(422, str(exc)) from None
    task.refresh_from_db()
    row = row_view(plan, item.key)
    return Status(
        201,
        {
            "id": update.pk,
            "task": {
                "id": task.pk,
                "status": task.status,
                "progress": task.progress,
                "done_on": task.done_on.isoformat() if task.done_on else None,
            },
            "row": {"status": row.status, "progress": row.progress},
            "evidence": sorted(e.code for e in update.evidence.all()),
        },
    )
