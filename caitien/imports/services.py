"""Importing a plan file: read it in the background, let the person correct it, save a new draft.

Nothing reaches the plans before the person confirms. The file is read in memory (never written to
disk); while it is read, a PendingImport row carries the progress message the page polls; once read,
the row holds what was understood until it is saved (deleted in the same transaction as the new
plan), cancelled, or shown as failed (deleted then).
"""

from __future__ import annotations

import copy
import datetime
import logging
import threading
import time
import weakref

from django.db import OperationalError, close_old_connections, connections, transaction
from django.utils import timezone

from caitien.imports.models import PendingImport
from caitien.planfile import readers
from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document, clean_lines, clean_text
from caitien.planfile.readers.table import MULTILINE_KEYS
from caitien.plans.services import plan_create_from_document

log = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(days=1)
READING_TIMEOUT = datetime.timedelta(minutes=3)

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


def pending_import_start(
    *, school, user, filename: str, data: bytes, background: bool = True
) -> PendingImport:
    """Record the upload and read it (in a background thread unless `background` is False)."""
    pending_import_sweep()
    if len(data) > readers.MAX_BYTES:
        raise ImportRefused(
            f"Tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB, tối đa {readers.MAX_BYTES // 1024 // 1024} MB). "
            "Hãy lưu lại kế hoạch không kèm hình ảnh rồi thử lại."
        )
    pending = PendingImport.objects.create(
        school=school,
        user=user,
        filename=(filename or "tep-ke-hoach")[:255],
        size=len(data),
        progress="Đang chuẩn bị đọc tệp…",
    )
    if background:
        worker = threading.Thread(
            target=_read_in_background,
            args=(pending.pk, data, filename),
            daemon=True,
            name=f"import-{pending.pk}",
        )
        _workers.add(worker)
        worker.start()
    else:
        _read(pending.pk, data, filename)
    return pending


_workers: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def wait_for_readers(timeout: float = 60.0) -> None:
    """Wait until every background read has finished (tests, and a clean shutdown)."""
    for worker in list(_workers):
        worker.join(timeout)


def _read_in_background(pk, data: bytes, filename: str) -> None:
    close_old_connections()
    try:
        _read(pk, data, filename)
    finally:
        connections.close_all()


def _retrying(action, attempts: int = 40):
    """Run a short database step again while SQLite says the table is locked by the other thread (the
    page polling while the reader writes): the lock lasts milliseconds."""
    for attempt in range(attempts):
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.025 * (attempt + 1))


def _update(pk, **fields) -> None:
    _retrying(lambda: PendingImport.objects.filter(pk=pk).update(updated_at=timezone.now(), **fields))


def _read(pk, data: bytes, filename: str) -> None:
    def progress(message: str) -> None:
        _update(pk, progress=message[:200])

    try:
        progress("Đang nhận dạng định dạng tệp…")
        doc, text = readers.read_with_text(data, filename, messages=progress)
    except readers.ReadError as exc:
        _update(pk, status=PendingImport.Status.FAILED, error=str(exc), progress="")
        return
    except Exception:  # a reader bug must not leave the page waiting forever
        log.exception("import of %s failed", filename)
        _update(
            pk,
            status=PendingImport.Status.FAILED,
            progress="",
            error="Đã có lỗi khi đọc tệp này. Hãy lưu lại tệp bằng Word/Excel rồi thử lại, "
            "hoặc gửi tệp cho người quản trị hệ thống.",
        )
        return
    if not doc.source:
        doc.source = filename
    _update(
        pk,
        status=PendingImport.Status.READY,
        document=doc.to_dict(),
        text=text[:500_000],
        progress=f"Đã đọc xong: {len(doc.items)} dòng kế hoạch.",
    )


def pending_import_get(pk) -> PendingImport | None:
    return _retrying(lambda: PendingImport.objects.select_related("school").filter(pk=pk).first())


def pending_import_refresh(*, pending: PendingImport) -> PendingImport:
    """The row as now; a read that stopped answering (the server restarted) is turned into a failure."""
    _retrying(pending.refresh_from_db)
    if (
        pending.status == PendingImport.Status.READING
        and timezone.now() - pending.updated_at > READING_TIMEOUT
    ):
        pending.status = PendingImport.Status.FAILED
        pending.error = (
            "Đọc tệp quá lâu nên đã dừng. Hãy thử lại; nếu vẫn vậy, hãy chỉ giữ lại phần kế hoạch trong tệp."
        )
        pending.save(update_fields=["status", "error", "updated_at"])
    return pending


def pending_import_discard(*, pending: PendingImport) -> None:
    PendingImport.objects.filter(pk=pending.pk).delete()


def pending_import_sweep() -> int:
    """Forget imports nobody came back to."""
    deleted, _ = PendingImport.objects.filter(created_at__lt=timezone.now() - STALE_AFTER).delete()
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
