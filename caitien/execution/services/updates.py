"""Progress updates: dated entries, never overwritten, that move a task's or a row's status.

`update_add` is the one write path of the row page, "Việc của tôi" and `POST /api/tasks/{id}/updates`,
so every channel applies the same rules.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from caitien.audit.services import audit_record
from caitien.execution.models import ProgressUpdate, RowProgress, Status
from caitien.execution.services.common import TEXT_LIMIT, require_execution, root, row_of, text_limit
from caitien.execution.services.errors import ExecutionError

MAX_SPENT_VND = 10**13  # ten thousand billion đồng: anything above is a typing slip
MAX_FILES = 5


def _school_year(on: datetime.date, plan) -> int:
    """The school year (its first calendar year) a date falls in, kept inside the plan's period."""
    year = on.year if on.month >= 8 else on.year - 1
    return min(max(year, plan.start_year), max(plan.start_year, plan.end_year - 1))


def _validated(status, progress, text, on, spent_vnd, funding_source) -> tuple:
    if status not in Status.values:
        raise ExecutionError(
            "Trạng thái không hợp lệ. Hãy chọn: chưa bắt đầu, đang thực hiện, hoàn thành hoặc không thực hiện được."
        )
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        raise ExecutionError("Tiến độ phải là một số từ 0 đến 100 (phần trăm).") from None
    if not 0 <= progress <= 100:
        raise ExecutionError(f"Tiến độ {progress}% không hợp lệ: hãy ghi một số từ 0 đến 100.")
    if status == Status.DONE:
        progress = 100
    elif status == Status.NOT_STARTED and progress:
        status = Status.IN_PROGRESS
    elif status == Status.IN_PROGRESS and progress == 100:
        raise ExecutionError("Tiến độ 100% nghĩa là đã hoàn thành: hãy chọn trạng thái “Hoàn thành”.")
    text = (text or "").strip()
    text_limit("Nội dung cập nhật", text, TEXT_LIMIT)
    if status == Status.NOT_DONE and not text:
        raise ExecutionError("Hãy ghi lý do không thực hiện được vào ô “Đã làm được / lý do”.")
    today = timezone.localdate()
    if on is None:
        on = today
    if on > today:
        raise ExecutionError(
            f"Ngày cập nhật {on:%d/%m/%Y} chưa tới. Hãy ghi ngày đã làm (hôm nay hoặc trước đó)."
        )
    if spent_vnd is not None:
        if spent_vnd < 0 or spent_vnd > MAX_SPENT_VND:
            raise ExecutionError("Số tiền đã chi không hợp lệ. Hãy ghi số đồng, ví dụ 1.500.000.")
        if spent_vnd == 0:
            spent_vnd = None
    funding_source = " ".join((funding_source or "").split())
    text_limit("Nguồn kinh phí", funding_source, 300)
    if spent_vnd and not funding_source:
        raise ExecutionError("Hãy ghi nguồn kinh phí của số tiền đã chi (ví dụ: ngân sách, xã hội hóa).")
    return status, progress, text, on, spent_vnd, funding_source


@transaction.atomic
def update_add(
    *,
    plan,
    item_key,
    actor,
    status: str,
    progress,
    text: str = "",
    on: datetime.date | None = None,
    task=None,
    spent_vnd: int | None = None,
    funding_source: str = "",
    evidence=(),
    uploads=(),
) -> ProgressUpdate:
    """Record what was done on a task (or on the row itself) and move its status and progress.

    `evidence`: existing register items of the school; `uploads`: photos or files, each becoming a
    register item through the evidence register (its checks refuse a wrong or oversized file)."""
    current = require_execution(plan)
    item = row_of(current, task.item_key if task is not None else item_key)
    status, progress, text, on, spent_vnd, funding_source = _validated(
        status, progress, text, on, spent_vnd, funding_source
    )
    evidence = list(evidence)
    for e in evidence:
        if e.school_id != current.school_id:
            raise ExecutionError(f"Minh chứng {e.code} không thuộc danh mục minh chứng của trường.")
    uploads = list(uploads)
    if len(uploads) > MAX_FILES:
        raise ExecutionError(f"Mỗi lần cập nhật đính kèm tối đa {MAX_FILES} tệp. Hãy gửi bớt tệp.")
    lineage_root = root(current)
    update = ProgressUpdate.objects.create(
        plan=lineage_root,
        item_key=item.key,
        task=task,
        author=actor if getattr(actor, "pk", None) else None,
        on=on,
        text=text,
        status=status,
        progress=progress,
        spent_vnd=spent_vnd,
        funding_source=funding_source,
    )
    chosen = list(evidence)
    for upload in uploads:
        evidence.append(_evidence_from(upload, current, item, update, actor))
    if evidence:
        update.evidence.add(*evidence)
    if chosen:
        from caitien.evidence.services import row_link

        for e in chosen:  # an item chosen for the update proves the row too
            row_link(item=e, plan=current, item_key=item.key, actor=actor)
    if task is not None:
        task.status, task.progress = status, progress
        task.done_on = on if status == Status.DONE else None
        task.reason = text if status == Status.NOT_DONE else ""
        task.revision += 1
        task.save(update_fields=["status", "progress", "done_on", "reason", "revision", "updated_at"])
    else:
        RowProgress.objects.update_or_create(
            plan=lineage_root,
            item_key=item.key,
            defaults={
                "status": status,
                "progress": progress,
                "reason": text if status == Status.NOT_DONE else "",
                "updated_by": update.author,
            },
        )
    what = f"việc “{task.title[:80]}”" if task is not None else f"dòng {item.order}"
    audit_record(
        actor=actor,
        action="progress.update",
        obj=update,
        school=current.school,
        summary=f"Cập nhật tiến độ {what}: {Status(status).label} {progress}%",
    )
    return update


def _evidence_from(upload, plan, item, update, actor):
    try:
        from caitien.evidence.services import EvidenceRefused, evidence_from_upload
    except ImportError:  # the register's services are not installed in this build
        raise ExecutionError(
            "Chưa đính kèm được tệp minh chứng: danh mục minh chứng chưa sẵn sàng."
        ) from None
    name = update.text[:200] or f"Ảnh minh chứng thực hiện dòng {item.order}"
    try:
        return evidence_from_upload(
            school=plan.school,
            school_year=_school_year(update.on, plan),
            regulation=plan.regulation,
            criterion=item.criterion,
            name=name,
            uploaded_file=upload,
            actor=actor,
            plan=root(plan),
            item_key=item.key,
        )
    except EvidenceRefused as exc:
        raise ExecutionError(str(exc)) from exc
