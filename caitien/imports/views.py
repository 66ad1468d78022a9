"""Import a plan file: upload, watch it being read, correct what was understood, save a draft."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from caitien.imports import services
from caitien.imports.forms import HeaderForm, ItemFormSet, UploadForm
from caitien.imports.models import PendingImport
from caitien.planfile.model import Document
from caitien.schools import permissions
from caitien.schools.models import School


def _importable_schools(user):
    ids = [s.pk for s in permissions.schools_of(user) if permissions.can_import_plan(user, s)]
    return School.objects.filter(pk__in=ids).order_by("name")


def _pending(request, pk) -> PendingImport:
    pending = services.pending_import_get(pk)
    if pending is None:
        raise Http404("Không có tệp đang nhập này (đã lưu, đã hủy hoặc đã quá hạn).")
    permissions.require(
        permissions.can_use_pending_import(request.user, pending),
        "Tệp đang nhập này là của người khác hoặc bạn không còn quyền nhập kế hoạch cho trường.",
    )
    return pending


@login_required
def upload(request):
    schools = _importable_schools(request.user)
    permissions.require(
        schools.exists(),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá "
        "của trường mới được nhập kế hoạch từ tệp.",
    )
    form = UploadForm(request.POST or None, request.FILES or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        permissions.require(
            permissions.can_import_plan(request.user, school),
            "Bạn không có quyền nhập kế hoạch cho trường này.",
        )
        upload_file = form.cleaned_data["file"]
        try:
            pending = services.pending_import_start(
                school=school, user=request.user, filename=upload_file.name, data=upload_file.read()
            )
        except services.ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("imports:pending", pk=pending.pk)
    return render(request, "imports/upload.html", {"form": form})


@login_required
def pending(request, pk):
    item = services.pending_import_refresh(pending=_pending(request, pk))
    if item.status == PendingImport.Status.READING:
        return render(request, "imports/reading.html", {"pending": item})
    if item.status == PendingImport.Status.FAILED:
        # Shown once, then forgotten: a failed import leaves nothing behind.
        error, filename = item.error, item.filename
        services.pending_import_discard(pending=item)
        form = UploadForm(schools=_importable_schools(request.user), initial={"school": item.school_id})
        return render(
            request,
            "imports/upload.html",
            {"form": form, "failed": error, "failed_file": filename},
            status=422,
        )
    document = Document.from_dict(item.document)
    header_form = HeaderForm(prefix="header", initial=_header_initial(document))
    formset = ItemFormSet(
        prefix="items", initial=[_row_initial(i, it) for i, it in enumerate(document.items)]
    )
    return render(request, "imports/preview.html", _preview_context(item, document, header_form, formset))


@login_required
def status(request, pk):
    """The polled fragment: the progress message while reading; when done, the page reloads itself."""
    item = services.pending_import_refresh(pending=_pending(request, pk))
    if item.status != PendingImport.Status.READING:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("imports:pending", args=[item.pk])
        return response
    return render(request, "imports/_progress.html", {"pending": item})


@login_required
@require_POST
def save(request, pk):
    item = _pending(request, pk)
    if item.status != PendingImport.Status.READY:
        return redirect("imports:pending", pk=item.pk)
    document = Document.from_dict(item.document)
    header_form = HeaderForm(request.POST, prefix="header")
    formset = ItemFormSet(request.POST, prefix="items")
    if not (header_form.is_valid() and formset.is_valid()):
        messages.error(request, "Một số ô chưa đúng; hãy sửa các ô được đánh dấu rồi lưu lại.")
        return render(
            request,
            "imports/preview.html",
            _preview_context(item, document, header_form, formset),
            status=422,
        )
    rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("keep")]
    if any(not 0 <= r["index"] < len(document.items) for r in rows):
        messages.error(request, "Biểu mẫu đã cũ so với tệp đang nhập; hãy tải lại trang.")
        return redirect("imports:pending", pk=item.pk)
    header = {k: v for k, v in header_form.cleaned_data.items() if v not in (None, "")}
    if header_form.cleaned_data.get("date"):
        header["date"] = header_form.cleaned_data["date"].isoformat()
    for name in services.HEADER_FIELDS:
        header.setdefault(name, "")
    corrected = services.document_corrected(document, header=header, rows=rows)
    try:
        plan = services.pending_import_save(pending=item, document=corrected, actor=request.user)
    except services.ImportRefused as exc:
        messages.error(request, str(exc))
        if services.pending_import_get(item.pk) is None:
            return redirect("imports:upload")
        return render(
            request,
            "imports/preview.html",
            _preview_context(item, document, header_form, formset),
            status=422,
        )
    messages.success(request, f"Đã lưu dự thảo kế hoạch mới từ tệp “{plan.source_file}” ({len(rows)} dòng).")
    try:
        return redirect(reverse("plans:detail", kwargs={"pk": plan.pk}))
    except NoReverseMatch:
        return redirect("home")


@login_required
@require_POST
def cancel(request, pk):
    item = _pending(request, pk)
    services.pending_import_discard(pending=item)
    messages.info(request, f"Đã hủy nhập tệp “{item.filename}”; không có gì được lưu.")
    return redirect("imports:upload")


def _header_initial(document: Document) -> dict:
    period = document.period or {}
    return {
        "title": document.title or "",
        "school": document.school or "",
        "governing_body": document.governing_body or "",
        "document_number": document.document_number or "",
        "place": document.place or "",
        "date": _date(document.date),
        "start_year": period.get("start_year"),
        "end_year": period.get("end_year"),
    }


def _date(iso: str | None):
    try:
        return datetime.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _row_initial(index: int, item) -> dict:
    return {"index": index, "keep": True, **services.item_initial(item)}


def _preview_context(pending, document, header_form, formset) -> dict:
    form57 = any(i.issue or i.indicator or i.expected_evidence or i.status for i in document.items) or (
        (document.regulation or "").startswith("tt57")
    )
    shown = [
        "criterion",
        "level",
        "expected_result",
        "solutions",
        "lead",
        "coordinators",
        "time_text",
        "start",
        "end",
        "budget_text",
        "support",
        "notes",
    ]
    if form57:
        shown = [
            "criterion",
            "issue",
            "expected_result",
            "solutions",
            "indicator",
            "time_text",
            "start",
            "end",
            "lead",
            "coordinators",
            "budget_text",
            "expected_evidence",
            "status",
        ]
    rows = []
    for form in formset.forms:
        index = form.initial.get("index") if form.initial else None
        if index is None:
            try:
                index = int(form.data.get(f"{form.prefix}-index", -1))
            except ValueError:
                index = -1
        item = document.items[index] if 0 <= index < len(document.items) else None
        doubtful = set(item.doubtful if item else [])
        if "budget_amounts" in doubtful:
            doubtful.add("budget_text")
        fields = [(form[name], name in doubtful) for name in shown]
        rows.append(
            {
                "form": form,
                "item": item,
                "fields": fields,
                "doubtful": bool(doubtful),
                "number": len(rows) + 1,
            }
        )
    return {
        "pending": pending,
        "document": document,
        "header_form": header_form,
        "formset": formset,
        "rows": rows,
        "warnings": document.warnings,
        "text": pending.text,
        "form57": form57,
        # A file with no plan table (a meeting invitation, a report) is not a plan: nothing to save.
        "no_plan": "" if document.items else services.no_plan_table(pending.filename),
    }
