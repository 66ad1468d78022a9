"""Importing a plan file: read it in the background, let the person correct it, save a new draft.

Nothing reaches the plans before the person confirms. The upload is kept through the storage and a
background job (`caitien.imports.tasks.read_import`, run by `caitien worker`) reads it in a child
process with CPU, memory and time limits (`caitien.jobs.limits`), then forgets the file. While it is
read, a PendingImport row carries the progress the page polls; once read, the row holds what was
understood until it is saved (deleted in the same transaction as the new plan), cancelled, or shown
as failed (deleted then).
"""

from __future__ import annotations

import copy
import datetime
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from caitien.imports.models import PendingImport
from caitien.jobs.limits import CPU_LIMIT, DONE, MEMORY_LIMIT, RAISED, TIMEOUT, Limits, run_limited
from caitien.planfile import readers
from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document, clean_lines, clean_text
from caitien.planfile.readers.table import MULTILINE_KEYS
from caitien.plans.services import plan_create_from_document

log = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(days=1)

# Row fields the preview lets the person correct, in the order shown.
ITEM_FIELDS = (
    "criterion",
    "level",
    "issue",
    "expected_result",
    "solutions",
    "indicator",
    "lead",
    "coordinators",
    "time_text",
    "start",
    "end",
    "budget_text",
    "support",
    "expected_evidence",
    "status",
    "notes",
)
HEADER_FIELDS = ("title", "school", "governing_body", "document_number", "place", "date")


class ImportRefused(Exception):
    """An import step that cannot be done; the message (Vietnamese) says why."""


def no_plan_table(filename: str) -> str:
    """Why a document without plan rows is not saved as a plan (a meeting invitation, a report)."""
    return (
        f"Tệp “{filename or 'đã tải lên'}” không có bảng kế hoạch cải tiến: không tìm thấy dòng nào ghi "
        "tiêu chí (hoặc tiêu chuẩn) cùng nội dung cải tiến, nên không lưu thành kế hoạch được. Hãy chọn đúng "
        "tệp kế hoạch cải tiến chất lượng của trường, hoặc tạo kế hoạch mới trong mục Kế hoạch."
    )


NO_ROW_KEPT = "Bạn đã bỏ chọn mọi dòng kế hoạch. Hãy giữ ít nhất một dòng rồi lưu lại, hoặc hủy nhập tệp này."


def _refuse_empty(document: Document, filename: str, *, original: Document | None = None) -> None:
    if document.items:
        return
    if original is not None and original.items:
        raise ImportRefused(NO_ROW_KEPT)
    raise ImportRefused(no_plan_table(filename))


def pending_import_start(*, school, user, filename: str, data: bytes) -> PendingImport:
    """Keep the upload (through the storage) and enqueue the job that reads it once this commits."""
    from caitien.imports.tasks import read_import

    pending_import_sweep()
    if len(data) > readers.MAX_BYTES:
        raise ImportRefused(
            f"Tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB, tối đa {readers.MAX_BYTES // 1024 // 1024} MB). "
            "Hãy lưu lại kế hoạch không kèm hình ảnh rồi thử lại."
        )
    with transaction.atomic():
        pending = PendingImport(
            school=school,
            user=user,
            filename=(filename or "tep-ke-hoach")[:255],
            size=len(data),
            progress=WAITING,
        )
        # Stored under the import's id, never under the name the browser sent.
        pending.original.save(f"{pending.pk}.tep", ContentFile(data), save=False)
        pending.save()
        transaction.on_commit(lambda: _enqueue_read(read_import, pending.pk))
    return pending


def _enqueue_read(read_import, pk) -> None:
    result = read_import.enqueue(str(pk))
    PendingImport.objects.filter(pk=pk).update(job_id=str(result.id))


def _retrying(action, attempts: int = 40):
    """Run a short database step again while SQLite says the table is locked by the other process (the
    page polling while the worker writes): the lock lasts milliseconds."""
    for attempt in range(attempts):
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.025 * (attempt + 1))


def _update(pk, **fields) -> None:
    _retrying(lambda: PendingImport.objects.filter(pk=pk).update(updated_at=timezone.now(), **fields))


def limits() -> Limits:
    return Limits(
        cpu_seconds=settings.CAITIEN_IMPORT_CPU_SECONDS,
        memory_bytes=settings.CAITIEN_IMPORT_MEMORY_MB * 1024 * 1024,
        wall_seconds=settings.CAITIEN_IMPORT_WALL_SECONDS,
    )


def read_upload(data: bytes, filename: str, *, progress) -> tuple[dict, str]:
    """What the limited child runs: the reader named in settings (the product's by default)."""
    reader = import_string(settings.CAITIEN_IMPORT_READER)
    doc, text = reader(data, filename, progress=progress)
    if not doc.source:
        doc.source = filename
    return doc.to_dict(), text[:500_000]


def pending_import_read(pk) -> str:
    """The job's work: read the kept upload in a limited child process and record what came of it
    (the document, or a Vietnamese message saying what failed and what to do). Returns the status."""
    pending = pending_import_get(pk)
    if pending is None or pending.status != PendingImport.Status.READING:
        return "gone"  # cancelled, or read already by an earlier run
    with pending.original.open("rb") as handle:
        data = handle.read()

    def progress(*values) -> None:
        if len(values) == 2 and all(isinstance(v, int) for v in values):
            done, total = values
            _update(pk, progress_done=done, progress_total=total, progress=f"Đang đọc trang {done}/{total}…")
        elif values:
            _update(pk, progress=str(values[0])[:200])

    _update(pk, progress="Đang nhận dạng định dạng tệp…")
    limit = limits()
    outcome = run_limited(read_upload, data, pending.filename, limits=limit, on_progress=progress)
    if outcome.status == DONE:
        document, text = outcome.value
        _update(
            pk,
            status=PendingImport.Status.READY,
            document=document,
            text=text,
            progress=f"Đã đọc xong: {len(document.get('items') or [])} dòng kế hoạch.",
        )
    else:
        if outcome.status == RAISED and not isinstance(outcome.error, readers.ReadError):
            log.error("import of %s failed in the reader:\n%s", pending.filename, outcome.detail)
        elif outcome.status != RAISED:
            log.warning("import of %s ended: %s %s", pending.filename, outcome.status, outcome.detail)
        _update(pk, status=PendingImport.Status.FAILED, progress="", error=_failure(outcome, limit))
    _forget_original(pending)
    return outcome.status


WAITING = "Đang chờ đến lượt đọc tệp…"
READER_BUG = (
    "Đã có lỗi khi đọc tệp này. Hãy lưu lại tệp bằng Word/Excel rồi thử lại, "
    "hoặc gửi tệp cho người quản trị hệ thống."
)


def _failure(outcome, limit: Limits) -> str:
    """What the person reads on the import page: what failed and what to do."""
    if outcome.status == RAISED and isinstance(outcome.error, readers.ReadError):
        return str(outcome.error)
    if outcome.status in (CPU_LIMIT, TIMEOUT):
        seconds = limit.cpu_seconds if outcome.status == CPU_LIMIT else limit.wall_seconds
        return (
            f"Tệp đọc quá lâu (quá {seconds:g} giây) nên đã dừng. Hãy lưu lại tệp chỉ gồm phần kế hoạch "
            "(bỏ hình ảnh và các trang khác), hoặc xuất lại thành .docx/.xlsx, rồi tải lên lại."
        )
    if outcome.status == MEMORY_LIMIT:
        return (
            f"Tệp cần quá nhiều bộ nhớ để đọc (quá {limit.memory_bytes // 1024 // 1024} MB) nên đã dừng. "
            "Tệp có thể bị hỏng hoặc có bảng quá lớn: hãy mở bằng Word/Excel, lưu lại chỉ phần kế hoạch "
            "rồi tải lên lại."
        )
    return READER_BUG


def pending_import_read_gave_up(pk, *, attempts: int) -> None:
    """The job failed for reasons that are not the file's (storage, database) more than it may."""
    _update(
        pk,
        status=PendingImport.Status.FAILED,
        progress="",
        error=(
            f"Máy chủ chưa đọc được tệp sau {attempts} lần thử (lỗi của hệ thống, không phải của tệp). "
            "Hãy tải tệp lên lại sau ít phút; nếu vẫn vậy, hãy báo người quản trị hệ thống."
        ),
    )
    pending = pending_import_get(pk)
    if pending is not None:
        _forget_original(pending)


def _forget_original(pending: PendingImport) -> None:
    if pending.original:
        try:
            pending.original.storage.delete(pending.original.name)
        except OSError:
            log.warning("could not delete the upload %s", pending.original.name)
        _retrying(lambda: PendingImport.objects.filter(pk=pending.pk).update(original=""))


def pending_import_get(pk) -> PendingImport | None:
    return _retrying(lambda: PendingImport.objects.select_related("school").filter(pk=pk).first())


# A job still queued after this long means no worker runs; one running without a word for longer
# than its wall-clock limit means its worker died (a restart).
QUEUE_PATIENCE = datetime.timedelta(minutes=10)
SILENCE_MARGIN = datetime.timedelta(minutes=1)


def pending_import_refresh(*, pending: PendingImport) -> PendingImport:
    """The row as now; a read nobody does any more is turned into a failure the person can act on."""
    from django_tasks_db.models import DBTaskResult

    _retrying(pending.refresh_from_db)
    if pending.status != PendingImport.Status.READING:
        return pending
    quiet = timezone.now() - pending.updated_at
    job_status = (
        DBTaskResult.objects.filter(pk=pending.job_id).values_list("status", flat=True).first()
        if pending.job_id
        else None
    )
    error = None
    if job_status == "READY" and quiet > QUEUE_PATIENCE:
        error = (
            "Chưa có bộ chạy nền nào nhận đọc tệp (máy chủ chưa chạy “caitien worker”). "
            "Hãy báo người quản trị hệ thống, rồi tải tệp lên lại."
        )
    elif job_status != "READY" and quiet > datetime.timedelta(seconds=limits().wall_seconds) + SILENCE_MARGIN:
        error = "Đọc tệp bị gián đoạn (máy chủ vừa khởi động lại) nên đã dừng. Hãy tải tệp lên lại."
    if error:
        pending.status = PendingImport.Status.FAILED
        pending.error = error
        pending.save(update_fields=["status", "error", "updated_at"])
        _forget_original(pending)
    return pending


def pending_import_discard(*, pending: PendingImport) -> None:
    _forget_original(pending)
    PendingImport.objects.filter(pk=pending.pk).delete()


def pending_import_sweep() -> int:
    """Forget imports nobody came back to, with their kept uploads."""
    stale = list(PendingImport.objects.filter(created_at__lt=timezone.now() - STALE_AFTER))
    for pending in stale:
        _forget_original(pending)
    deleted, _ = PendingImport.objects.filter(pk__in=[p.pk for p in stale]).delete()
    return deleted


@transaction.atomic
def pending_import_save(*, pending: PendingImport, document: Document, actor):
    """The new draft plan; the pending row goes in the same transaction. A document without plan
    rows is refused: a file with no plan table is not a plan."""
    locked = PendingImport.objects.select_for_update().filter(pk=pending.pk).first()
    if locked is None or locked.status != PendingImport.Status.READY:
        raise ImportRefused("Tệp này đã được lưu hoặc đã bị hủy. Hãy tải tệp lên lại nếu cần.")
    _refuse_empty(document, locked.filename, original=Document.from_dict(locked.document or {}))
    plan = plan_create_from_document(
        school=locked.school, document=document, actor=actor, source_file=locked.filename
    )
    locked.delete()
    return plan


def import_file(*, path, school, actor=None):
    """`caitien import`: read a file and save it as a new draft of the school (ReadError if unreadable,
    ImportRefused if it holds no plan table)."""
    doc = readers.read_path(path)
    _refuse_empty(doc, path.name)
    with transaction.atomic():
        return plan_create_from_document(school=school, document=doc, actor=actor, source_file=str(path.name))


# --- corrections from the preview form ------------------------------------------------------------


def item_initial(item) -> dict:
    """The preview's fields of one row: lead and coordinators apart, as the person sees them."""
    lead = item.lead or ""
    if item.coordinators and lead.endswith("; " + item.coordinators):
        lead = lead[: -len("; " + item.coordinators)]
    values = {name: getattr(item, name) or "" for name in ITEM_FIELDS}
    values["lead"] = lead
    return values


def document_corrected(document: Document, *, header: dict, rows: list[dict]) -> Document:
    """The document with the person's corrections. `rows` are the kept rows in order, each with the
    original row index under "index". A changed time or amount text is read again; a changed month
    is taken as typed. Corrected fields are no longer doubtful."""
    doc = Document.from_dict(document.to_dict())
    for name in HEADER_FIELDS:
        if name in header:
            setattr(doc, name, clean_text(header[name]) or None)
    if header.get("start_year") and header.get("end_year"):
        doc.period = {"start_year": int(header["start_year"]), "end_year": int(header["end_year"])}
    items = []
    for values in rows:
        original = document.items[values["index"]]
        item = copy.deepcopy(original)
        before = item_initial(original)
        for name in ITEM_FIELDS:
            if name not in values:
                continue
            clean = clean_lines if name in MULTILINE_KEYS else clean_text
            new = clean(values[name])
            if new != clean(before.get(name, "")):
                if name in item.doubtful:
                    item.doubtful.remove(name)
                if name == "budget_text" and "budget_amounts" in item.doubtful:
                    item.doubtful.remove("budget_amounts")
            setattr(item, name, new if name not in ("criterion", "level", "start", "end") else (new or None))
        if (
            clean_text(values.get("time_text", before["time_text"])) != clean_text(before["time_text"])
            and (values.get("start") or None) == (original.start or None)
            and (values.get("end") or None) == (original.end or None)
        ):
            span = vn.parse_time(item.time_text, doc.period)
            item.start, item.end = span.start, span.end
        if clean_text(values.get("budget_text", before["budget_text"])) != clean_text(before["budget_text"]):
            item.budget_amounts = vn.parse_money(item.budget_text).amounts
        item.lead = (
            f"{item.lead}; {item.coordinators}"
            if item.lead and item.coordinators
            else (item.lead or item.coordinators)
        )
        items.append(item)
    doc.items = items
    return doc
