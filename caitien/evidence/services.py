"""Writes to the evidence register: items, their criteria, rows and files; copying a year.

Every write runs in one transaction with its audit event. Codes are made here (codes.py reads the
regulation's format); a code is unique in the school's register of a year, so two people adding
evidence at the same moment retry with the next number instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from caitien.audit.services import audit_record
from caitien.evidence import codes
from caitien.evidence.files import FileRefused, check_file, read_upload
from caitien.evidence.models import EvidenceCriterion, EvidenceFile, EvidenceItem, EvidenceRow

MAX_NAME = 2000
_CODE_ATTEMPTS = 5


class EvidenceRefused(Exception):
    """A write the register refuses; `message` is Vietnamese and says how to fix it."""

    def __init__(self, message_vi: str):
        super().__init__(message_vi)
        self.message = message_vi


@dataclass
class ItemFields:
    name: str
    number_date: str = ""
    issued_on: object = None
    issuer: str = ""
    location: str = ""
    notes: str = ""
    public: bool = False


def _year_codes(school, school_year) -> list[str]:
    return list(
        EvidenceItem.objects.filter(school=school, school_year=school_year).values_list("code", flat=True)
    )


def new_code(school, school_year, regulation, criterion) -> str:
    spec = codes.spec_for(regulation)
    return codes.next_code(spec, getattr(criterion, "code", None), _year_codes(school, school_year))


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise EvidenceRefused("Hãy ghi tên minh chứng (ví dụ: “Quyết định thành lập Hội đồng tự đánh giá”).")
    if len(name) > MAX_NAME:
        raise EvidenceRefused(f"Tên minh chứng dài quá {MAX_NAME} ký tự; hãy ghi ngắn gọn hơn.")
    return name


def _check_criteria(regulation, criteria) -> list:
    criteria = [c for c in criteria if c is not None]
    for criterion in criteria:
        if criterion.standard.regulation_id != regulation.pk:
            raise EvidenceRefused(
                f"Tiêu chí {criterion.code} không thuộc {regulation.label}, văn bản mà danh mục minh chứng này theo."
            )
    seen, unique = set(), []
    for criterion in criteria:
        if criterion.pk not in seen:
            seen.add(criterion.pk)
            unique.append(criterion)
    return unique


def _create_with_code(
    *, school, school_year, regulation, first_criterion, fields: ItemFields, actor, code=None
):
    """Creates the item under the next free code, retrying when someone took it meanwhile."""
    for attempt in range(_CODE_ATTEMPTS):
        item_code = code or new_code(school, school_year, regulation, first_criterion)
        try:
            with transaction.atomic():
                return EvidenceItem.objects.create(
                    school=school,
                    school_year=school_year,
                    regulation=regulation,
                    code=item_code,
                    name=fields.name,
                    number_date=fields.number_date,
                    issued_on=fields.issued_on,
                    issuer=fields.issuer,
                    location=fields.location,
                    notes=fields.notes,
                    public=fields.public,
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            if code is not None or attempt == _CODE_ATTEMPTS - 1:
                raise EvidenceRefused(
                    f"Mã {item_code} đã có trong danh mục minh chứng năm học {school_year}-{school_year + 1}."
                ) from None
    raise AssertionError("unreachable")


def _set_criteria(item, criteria) -> None:
    EvidenceCriterion.objects.filter(item=item).delete()
    EvidenceCriterion.objects.bulk_create(
        [EvidenceCriterion(item=item, criterion=c, order=i) for i, c in enumerate(criteria)]
    )


def item_create(
    *, school, school_year, regulation, criteria, fields: ItemFields, actor, code=None
) -> EvidenceItem:
    """A new item; its code is made from its first criterion unless `code` is given (import, copy)."""
    fields.name = _clean_name(fields.name)
    criteria = _check_criteria(regulation, criteria)
    with transaction.atomic():
        item = _create_with_code(
            school=school,
            school_year=school_year,
            regulation=regulation,
            first_criterion=criteria[0] if criteria else None,
            fields=fields,
            actor=actor,
            code=code,
        )
        _set_criteria(item, criteria)
        audit_record(actor=actor, action="evidence.create", obj=item, summary=f"Thêm minh chứng {item.code}")
    return item


def item_update(*, item: EvidenceItem, criteria, fields: ItemFields, actor) -> EvidenceItem:
    """Edits an item. Its code stays (it is cited in documents) even when its criteria change."""
    fields.name = _clean_name(fields.name)
    criteria = _check_criteria(item.regulation, criteria)
    with transaction.atomic():
        for attr in ("name", "number_date", "issued_on", "issuer", "location", "notes", "public"):
            setattr(item, attr, getattr(fields, attr))
        item.save()
        _set_criteria(item, criteria)
        audit_record(actor=actor, action="evidence.update", obj=item, summary=f"Sửa minh chứng {item.code}")
    return item


def item_delete(*, item: EvidenceItem, actor) -> None:
    stored = [f.file.name for f in item.files.all()] + [
        f.thumbnail.name for f in item.files.all() if f.thumbnail
    ]
    with transaction.atomic():
        audit_record(actor=actor, action="evidence.delete", obj=item, summary=f"Xóa minh chứng {item.code}")
        item.delete()
        transaction.on_commit(lambda: _delete_stored(stored))


def _delete_stored(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)


def file_add(*, item: EvidenceItem, uploaded_file, actor) -> EvidenceFile:
    """Checks the upload by content, size and bombs, then stores it (and a thumbnail) via storage."""
    return _store(item=item, checked=_checked(uploaded_file), actor=actor)


def _checked(uploaded_file):
    try:
        data, name = read_upload(uploaded_file)
        return check_file(data, name)
    except FileRefused as refused:
        raise EvidenceRefused(refused.message) from None


def _store(*, item: EvidenceItem, checked, actor) -> EvidenceFile:
    with transaction.atomic():
        stored = EvidenceFile(
            item=item,
            original_name=checked.original_name,
            content_type=checked.kind.content_type,
            size=checked.size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        stored.file.save(checked.original_name, ContentFile(checked.data), save=False)
        if checked.thumbnail:
            stored.thumbnail.save("thumb", ContentFile(checked.thumbnail), save=False)
        stored.save()
        audit_record(
            actor=actor,
            action="evidence.file_add",
            obj=item,
            summary=f"Thêm tệp {checked.original_name} vào {item.code}",
        )
    return stored


def file_delete(*, file: EvidenceFile, actor) -> None:
    names = [file.file.name, file.thumbnail.name if file.thumbnail else ""]
    item = file.item
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="evidence.file_delete",
            obj=item,
            summary=f"Xóa tệp {file.original_name} của {item.code}",
        )
        file.delete()
        transaction.on_commit(lambda: _delete_stored(names))


def row_link(*, item: EvidenceItem, plan, item_key, actor=None) -> EvidenceRow:
    """Links the item to a plan row (stored on the plan's lineage root, kept by revised versions)."""
    root = plan.root
    if root.school_id != item.school_id:
        raise EvidenceRefused("Minh chứng và kế hoạch phải của cùng một trường.")
    link, _ = EvidenceRow.objects.get_or_create(item=item, plan=root, item_key=item_key)
    return link


def row_unlink(*, item: EvidenceItem, plan, item_key) -> None:
    EvidenceRow.objects.filter(item=item, plan=plan.root, item_key=item_key).delete()


def evidence_from_upload(
    *, school, school_year, regulation, criterion, name, uploaded_file, actor, plan=None, item_key=None
) -> EvidenceItem:
    """One new item from one uploaded file (a photo taken on a phone, a scanned decision): checks the
    file, makes the code from the criterion (or the general number when there is none), stores the
    file and links the plan row when given. Raises EvidenceRefused with a Vietnamese message."""
    checked = _checked(uploaded_file)
    if plan is not None and plan.root.school_id != school.pk:
        raise EvidenceRefused("Minh chứng và kế hoạch phải của cùng một trường.")
    if (plan is None) != (item_key is None):
        raise EvidenceRefused("Cần cả kế hoạch và dòng kế hoạch để gắn minh chứng vào dòng.")
    with transaction.atomic():
        item = item_create(
            school=school,
            school_year=school_year,
            regulation=regulation,
            criteria=[criterion] if criterion else [],
            fields=ItemFields(name=name or checked.original_name, location="Tệp điện tử trên Cải Tiến"),
            actor=actor,
        )
        _store(item=item, checked=checked, actor=actor)
        if plan is not None:
            row_link(item=item, plan=plan, item_key=item_key, actor=actor)
    return item


def copy_year(*, school, from_year: int, to_year: int, actor) -> list[EvidenceItem]:
    """Last year's register into a new year: every item with its criteria and files under a new code
    of the new year (made in the old codes' order, so the numbering keeps its sequence); the old code
    is kept in the notes. Items already copied into that year are skipped, so copying twice adds nothing."""
    from django.core.files.storage import default_storage

    if to_year == from_year:
        raise EvidenceRefused("Hãy chọn một năm học khác để sao chép danh mục minh chứng.")
    source = list(
        EvidenceItem.objects.filter(school=school, school_year=from_year)
        .select_related("regulation")
        .prefetch_related("criterion_links__criterion", "files")
        .order_by("code", "id")
    )
    if not source:
        raise EvidenceRefused(
            f"Danh mục minh chứng năm học {from_year}-{from_year + 1} chưa có minh chứng nào để sao chép."
        )
    done = set(
        EvidenceItem.objects.filter(
            school=school, school_year=to_year, copied_from__isnull=False
        ).values_list("copied_from_id", flat=True)
    )
    created = []
    with transaction.atomic():
        taken = _year_codes(school, to_year)
        for old in source:
            if old.pk in done:
                continue
            criteria = [link.criterion for link in old.criterion_links.all()]
            spec = codes.spec_for(old.regulation)
            code = codes.next_code(spec, criteria[0].code if criteria else None, taken)
            taken.append(code)
            note = f"Chuyển từ mã {old.code} năm học {from_year}-{from_year + 1}."
            item = EvidenceItem.objects.create(
                school=school,
                school_year=to_year,
                regulation=old.regulation,
                code=code,
                name=old.name,
                number_date=old.number_date,
                issued_on=old.issued_on,
                issuer=old.issuer,
                location=old.location,
                notes=f"{old.notes}\n{note}".strip() if old.notes else note,
                public=old.public,
                created_by=actor if getattr(actor, "pk", None) else None,
                copied_from=old,
            )
            _set_criteria(item, criteria)
            for old_file in old.files.all():
                copy = EvidenceFile(
                    item=item,
                    original_name=old_file.original_name,
                    content_type=old_file.content_type,
                    size=old_file.size,
                    uploaded_by=old_file.uploaded_by,
                )
                with default_storage.open(old_file.file.name, "rb") as handle:
                    copy.file.save(old_file.original_name, ContentFile(handle.read()), save=False)
                if old_file.thumbnail:
                    with default_storage.open(old_file.thumbnail.name, "rb") as handle:
                        copy.thumbnail.save("thumb", ContentFile(handle.read()), save=False)
                copy.save()
            created.append(item)
        audit_record(
            actor=actor,
            action="evidence.copy_year",
            obj=school,
            school=school,
            summary=f"Sao chép {len(created)} minh chứng từ năm học {from_year}-{from_year + 1} sang {to_year}-{to_year + 1}",
        )
    return created
