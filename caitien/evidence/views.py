"""Evidence register pages: the register of a school year, one item, its files (served only to those
allowed, never from a public media URL), the year copy, the XLSX import and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.catalog.models import Criterion
from caitien.evidence import exports, imports, selectors, services
from caitien.evidence.forms import EvidenceFileForm, EvidenceForm, EvidenceImportForm
from caitien.evidence.models import EvidenceFile, EvidenceItem, EvidenceRow
from caitien.evidence.services import EvidenceRefused, ItemFields
from caitien.plans.calendar import current_school_year
from caitien.schools import permissions
from caitien.schools.models import School
from caitien.web.params import whole_number

_IMPORT_SALT = "caitien.evidence.import"
_NOT_READER = "Danh mục minh chứng chỉ dành cho cán bộ của trường và chuyên viên Phòng/Sở quản lý trường."


def _school(request) -> School:
    wanted = request.GET.get("truong") or request.POST.get("truong") or ""
    school_id = whole_number(wanted)
    if school_id is not None:
        school = get_object_or_404(School.objects.select_related("regulation", "office"), pk=school_id)
    else:
        schools = permissions.schools_of(request.user)
        permissions.require(
            bool(schools),
            "Danh mục minh chứng là của từng trường: hãy mở từ trang của trường (thêm ?truong=… vào địa chỉ).",
        )
        school = School.objects.select_related("regulation", "office").get(pk=schools[0].pk)
    permissions.require(permissions.can_view_evidence_register(request.user, school), _NOT_READER)
    return school


def _year(request) -> int:
    raw = (request.GET.get("nam") or request.POST.get("nam") or "").strip()
    year = whole_number(raw, low=2000, high=2100)
    if year is not None:
        return year
    if raw:
        messages.warning(request, f"Năm học “{raw[:20]}” không hợp lệ; đang hiện năm học hiện tại.")
    return current_school_year()


def _register_url(school, year) -> str:
    return f"{reverse('evidence:register')}?truong={school.pk}&nam={year}"


def _criteria(regulation) -> list:
    return list(
        Criterion.objects.filter(standard__regulation=regulation)
        .select_related("standard")
        .order_by("standard__number", "position")
    )


@login_required
def register(request):
    school = _school(request)
    year = _year(request)
    regulation = selectors.register_regulation(school, year)
    items = list(selectors.register_items(school, year))
    for item in items:
        item.school = school  # the permission checks per item read it: no query per item
    groups, general = selectors.grouped_register(items, regulation)
    years = sorted({*selectors.school_years_of(school), year, current_school_year()}, reverse=True)
    return render(
        request,
        "evidence/register.html",
        {
            "school": school,
            "year": year,
            "years": years,
            "regulation": regulation,
            "items": items,
            "groups": groups,
            "general": general,
            "spec": regulation.registry.evidence_code,
            "can_add": permissions.can_add_evidence(request.user, school),
            "can_manage_register": permissions.can_manage_evidence_register(request.user, school),
            "can_import": permissions.can_import_evidence(request.user, school),
        },
    )


def _form_for(request, school, regulation, data=None, files=None, initial=None):
    allowed = permissions.evidence_criteria_allowed(request.user, school)
    return EvidenceForm(data, files, criteria=_criteria(regulation), allowed=allowed, initial=initial)


def _fields(form) -> ItemFields:
    data = form.cleaned_data
    return ItemFields(
        name=data["name"],
        number_date=data["number_date"],
        issued_on=data["issued_on"],
        issuer=data["issuer"],
        location=data["location"],
        notes=data["notes"],
        public=data["public"],
    )


@login_required
def item_new(request):
    school = _school(request)
    year = _year(request)
    permissions.require(
        permissions.can_add_evidence(request.user, school),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá thêm được minh chứng vào danh mục.",
    )
    regulation = selectors.register_regulation(school, year)
    form = _form_for(request, school, regulation, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = _create(request, school, year, regulation, form)
        except EvidenceRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"Đã thêm minh chứng {item.code}.")
            return redirect(_register_url(school, year) + f"#mc-{item.pk}")
    return render(
        request,
        "evidence/item_form.html",
        {"form": form, "school": school, "year": year, "regulation": regulation, "item": None},
        status=400 if form.errors else 200,
    )


def _create(request, school, year, regulation, form):
    from django.db import transaction

    criteria = form.chosen_criteria()
    allowed = permissions.evidence_criteria_allowed(request.user, school)
    if allowed is not None and criteria and criteria[0].pk not in allowed:
        raise EvidenceRefused("Bạn chỉ thêm được minh chứng cho các tiêu chí được phân công.")
    with transaction.atomic():
        item = services.item_create(
            school=school,
            school_year=year,
            regulation=regulation,
            criteria=criteria,
            fields=_fields(form),
            actor=request.user,
        )
        if form.cleaned_data.get("file"):
            services.file_add(item=item, uploaded_file=form.cleaned_data["file"], actor=request.user)
    return item


def _item(pk) -> EvidenceItem:
    return get_object_or_404(
        EvidenceItem.objects.select_related("school__office", "regulation").prefetch_related(
            "criterion_links__criterion__standard", "files"
        ),
        pk=pk,
    )


def item_detail(request, pk):
    """One item: open to the public when the item is public, else to those who read the register."""
    item = _item(pk)
    permissions.require(
        permissions.can_view_evidence(request.user, item),
        "Minh chứng này không công khai. " + _NOT_READER,
    )
    rows = []
    if permissions.can_view_evidence_register(request.user, item.school):
        rows = list(EvidenceRow.objects.filter(item=item).select_related("plan").order_by("plan_id"))
    return render(
        request,
        "evidence/item.html",
        {
            "item": item,
            "school": item.school,
            "rows": rows,
            "can_manage": permissions.can_manage_evidence(request.user, item),
            "file_form": EvidenceFileForm(),
        },
    )


def _require_manage(request, item):
    permissions.require(
        permissions.can_manage_evidence(request.user, item),
        "Bạn không sửa được minh chứng này: thành viên Hội đồng tự đánh giá quản lý minh chứng của các tiêu chí "
        "được phân công; Hiệu trưởng, Phó Hiệu trưởng quản lý toàn bộ danh mục.",
    )


@login_required
def item_edit(request, pk):
    item = _item(pk)
    _require_manage(request, item)
    links = list(item.criterion_links.all())
    initial = {
        "name": item.name,
        "criterion": str(links[0].criterion_id) if links else "",
        "also": [str(link.criterion_id) for link in links[1:]],
        "number_date": item.number_date,
        "issued_on": item.issued_on,
        "issuer": item.issuer,
        "location": item.location,
        "notes": item.notes,
        "public": item.public,
    }
    form = _form_for(
        request, item.school, item.regulation, request.POST or None, request.FILES or None, initial
    )
    if links and "criterion" in form.fields:
        # The code's criterion stays choosable even when it is not one of the person's own.
        choices = dict(form.fields["criterion"].choices)
        if str(links[0].criterion_id) not in choices:
            form.fields["criterion"].choices += [
                (str(links[0].criterion_id), f"Tiêu chí {links[0].criterion.code}")
            ]
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                item=item, criteria=form.chosen_criteria(), fields=_fields(form), actor=request.user
            )
            if form.cleaned_data.get("file"):
                services.file_add(item=item, uploaded_file=form.cleaned_data["file"], actor=request.user)
        except EvidenceRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"Đã lưu minh chứng {item.code}.")
            return redirect("evidence:item", pk=item.pk)
    return render(
        request,
        "evidence/item_form.html",
        {
            "form": form,
            "school": item.school,
            "year": item.school_year,
            "regulation": item.regulation,
            "item": item,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def item_delete(request, pk):
    item = _item(pk)
    _require_manage(request, item)
    school, year, code = item.school, item.school_year, item.code
    services.item_delete(item=item, actor=request.user)
    messages.success(request, f"Đã xóa minh chứng {code}.")
    return redirect(_register_url(school, year))


@login_required
@require_POST
def file_add(request, pk):
    item = _item(pk)
    _require_manage(request, item)
    form = EvidenceFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("evidence:item", pk=item.pk)
    try:
        services.file_add(item=item, uploaded_file=form.cleaned_data["file"], actor=request.user)
    except EvidenceRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "Đã thêm tệp.")
    return redirect("evidence:item", pk=item.pk)


def _file(pk) -> EvidenceFile:
    return get_object_or_404(EvidenceFile.objects.select_related("item__school__office"), pk=pk)


@login_required
@require_POST
def file_delete(request, pk):
    stored = _file(pk)
    _require_manage(request, stored.item)
    item_pk = stored.item_id
    services.file_delete(file=stored, actor=request.user)
    messages.success(request, f"Đã xóa tệp {stored.original_name}.")
    return redirect("evidence:item", pk=item_pk)


def _serve(stored: EvidenceFile, name: str, *, thumbnail: bool):
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Không tìm thấy tệp minh chứng; hãy báo nhà trường tải lại.") from exc
    inline = thumbnail or stored.content_type in ("application/pdf", "image/jpeg", "image/png")
    content_type = (
        ("image/jpeg" if stored.content_type == "image/jpeg" else "image/png")
        if thumbnail
        else stored.content_type
    )
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=stored.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0" if not stored.item.public else "public, max-age=3600"
    return response


def file_download(request, pk):
    stored = _file(pk)
    permissions.require(
        permissions.can_view_evidence(request.user, stored.item),
        "Tệp minh chứng này không công khai. " + _NOT_READER,
    )
    return _serve(stored, stored.file.name, thumbnail=False)


def file_thumbnail(request, pk):
    stored = _file(pk)
    permissions.require(
        permissions.can_view_evidence(request.user, stored.item),
        "Tệp minh chứng này không công khai. " + _NOT_READER,
    )
    if not stored.thumbnail:
        raise Http404("Tệp này không có ảnh thu nhỏ.")
    return _serve(stored, stored.thumbnail.name, thumbnail=True)


@login_required
@require_POST
def copy_year(request):
    school = _school(request)
    year = _year(request)
    permissions.require(
        permissions.can_manage_evidence_register(request.user, school),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng sao chép được danh mục minh chứng sang năm học mới.",
    )
    try:
        created = services.copy_year(school=school, from_year=year - 1, to_year=year, actor=request.user)
    except EvidenceRefused as refused:
        messages.error(request, refused.message)
    else:
        if created:
            messages.success(request, f"Đã sao chép {len(created)} minh chứng của năm học trước, với mã mới.")
        else:
            messages.info(request, "Mọi minh chứng của năm học trước đã được sao chép sang năm học này.")
    return redirect(_register_url(school, year))


@login_required
def import_xlsx(request):
    school = _school(request)
    year = _year(request)
    permissions.require(
        permissions.can_import_evidence(request.user, school),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá nhập được danh mục minh chứng.",
    )
    regulation = selectors.register_regulation(school, year)
    context = {
        "school": school,
        "year": year,
        "regulation": regulation,
        "spec": regulation.registry.evidence_code,
    }
    if request.method == "POST" and "preview" in request.POST:
        try:
            data = signing.loads(request.POST["preview"], salt=_IMPORT_SALT, max_age=3600)
            if data.get("school") != school.pk or data.get("year") != year:
                raise signing.BadSignature
            preview = imports.ImportPreview.from_data(data["rows"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            messages.error(request, "Bản xem trước đã hết hạn hoặc không hợp lệ. Hãy tải lại tệp.")
            return redirect(f"{reverse('evidence:import')}?truong={school.pk}&nam={year}")
        try:
            created = imports.commit(
                school=school, school_year=year, regulation=regulation, rows=preview, actor=request.user
            )
        except EvidenceRefused as refused:
            messages.error(request, refused.message)
            return redirect(f"{reverse('evidence:import')}?truong={school.pk}&nam={year}")
        messages.success(request, f"Đã nhập {len(created)} minh chứng vào danh mục.")
        return redirect(_register_url(school, year))
    form = EvidenceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            from caitien.evidence.files import FileRefused, read_upload

            try:
                data, name = read_upload(upload)
            except FileRefused as refused:
                raise EvidenceRefused(refused.message) from None
            preview = imports.preview(
                school=school, school_year=year, regulation=regulation, data=data, filename=name
            )
        except EvidenceRefused as refused:
            form.add_error("file", refused.message)
        else:
            context["preview"] = preview
            context["signed"] = signing.dumps(
                {"school": school.pk, "year": year, "rows": preview.as_data()},
                salt=_IMPORT_SALT,
                compress=True,
            )
    context["form"] = form
    return render(request, "evidence/import.html", context, status=400 if form.errors else 200)


@login_required
def download(request, fmt):
    school = _school(request)
    year = _year(request)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    regulation = selectors.register_regulation(school, year)
    doc = exports.register_document(school, year, regulation, list(selectors.register_items(school, year)))
    if fmt == "docx":
        data, mime = exports.docx_bytes(doc), exports.DOCX_TYPE
    else:
        data, mime = exports.xlsx_bytes(doc), exports.XLSX_TYPE
    response = HttpResponse(data, content_type=mime)
    name = f"danh-muc-minh-chung-{school.short_code}-{year}-{year + 1}.{fmt}".lower()
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
