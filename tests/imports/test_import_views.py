"""The web import: upload, background reading with progress, preview, corrections, a new draft."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caitien.audit.models import AuditEvent
from caitien.imports.models import PendingImport
from caitien.jobs.testing import run_jobs
from caitien.plans.models import Plan
from tests.readers import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_docx(tmp_path):
    return builders.build_plan_docx(tmp_path / "ke-hoach-song-be.docx")


def _login(client, user, cast):
    assert client.login(username=user.username, password=cast.password)


def _upload(client, school, name, data):
    return client.post(
        reverse("imports:upload"), {"school": school.pk, "file": SimpleUploadedFile(name, data)}
    )


def _wait(client, pending_id, timeout=60):
    """Poll like the page does while the job waits, let a worker run it, poll until the page is told
    to move on (the redirect signal). Returns the progress fragments seen."""
    url = reverse("imports:status", args=[pending_id])
    seen = []
    waiting = client.get(url, HTTP_HX_REQUEST="true")
    assert waiting.status_code == 200
    seen.append(waiting.content.decode())
    assert run_jobs() == 1
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(url, HTTP_HX_REQUEST="true")
        if response.status_code == 204:
            assert response["HX-Redirect"] == reverse("imports:pending", args=[pending_id])
            return seen
        assert response.status_code == 200
        seen.append(response.content.decode())
        time.sleep(0.1)
    raise AssertionError("the import did not finish")


def _save_data(page_context, **changes):
    """The preview form as a browser would post it, with some fields changed."""
    data = {}
    for form in [page_context["header_form"], *page_context["formset"].forms]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "keep":
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else value
    management = page_context["formset"].management_form
    for name in management.fields:
        data[management.add_prefix(name)] = management.initial.get(name, 0)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def test_it_imports_a_word_plan_after_the_user_confirms(client, cast, plan_docx):
    _login(client, cast.principal, cast)
    response = _upload(client, cast.primary, plan_docx.name, plan_docx.read_bytes())
    pending = PendingImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "imports:pending", args=[pending.pk]
    )
    assert Plan.objects.count() == 0
    _wait(client, pending.pk)

    page = client.get(reverse("imports:pending", args=[pending.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nội dung tệp" in html and "Hội đồng trường họp đủ các kỳ theo quy chế" in html
    assert "6 dòng kế hoạch" in html
    assert (
        ">\n- Rà soát quy chế hoạt động của Hội đồng trường\n- Lập lịch họp định kỳ mỗi học kỳ</textarea>"
        in html
    )
    assert Plan.objects.count() == 0  # nothing saved before the confirmation

    data = _save_data(
        page.context,
        **{
            "items-0-expected_result": "Hội đồng trường họp đủ bốn kỳ trong năm học",
            "items-1-budget_text": "3 triệu đồng",
            "items-2-time_text": "Tháng 10/2024",
            "header-document_number": "46/KH-THSB",
        },
    )
    data.pop("items-5-keep")  # the person drops the last row
    response = client.post(reverse("imports:save", args=[pending.pk]), data)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.school == cast.primary and plan.status == "draft"
    assert plan.source_file == "ke-hoach-song-be.docx"
    assert plan.document_number == "46/KH-THSB"
    assert str(plan.date) == "2024-09-12"
    assert (plan.start_year, plan.end_year) == (2024, 2025)
    items = list(plan.items.order_by("order"))
    assert [i.criterion_code for i in items] == ["1.2", "1.5", "2.3", "2.4", "3.1"]
    assert items[0].expected_result == "Hội đồng trường họp đủ bốn kỳ trong năm học"
    # The cell's two bullet paragraphs stay two lines, in the preview and in the saved row.
    assert items[0].solutions == (
        "- Rà soát quy chế hoạt động của Hội đồng trường\n- Lập lịch họp định kỳ mỗi học kỳ"
    )
    assert (items[0].lead_text, items[0].coordinators_text) == ("Hiệu trưởng", "Thư ký Hội đồng trường")
    assert items[1].budget_text == "3 triệu đồng" and items[1].budget_amounts == [
        {"vnd": 3_000_000, "per": None}
    ]
    assert (items[2].time_text, items[2].start_month, items[2].end_month) == (
        "Tháng 10/2024",
        "2024-10",
        "2024-10",
    )
    assert (items[4].start_month, items[4].end_month) == ("2025-06", "2025-08")
    assert not PendingImport.objects.exists()
    assert AuditEvent.objects.filter(action="plan.import", object_id=str(plan.pk)).count() == 1


def test_progress_is_shown_while_reading(client, cast, tmp_path):
    pdf = builders.soffice_pdf(builders.build_plan_docx(tmp_path / "dai.docx", split_after=3), tmp_path)
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, pdf.name, pdf.read_bytes())
    pending = PendingImport.objects.get()
    reading = client.get(reverse("imports:pending", args=[pending.pk]))
    html = reading.content.decode()
    assert PendingImport.objects.get().status == "reading"  # until a worker takes the job
    assert 'hx-trigger="every 1s"' in html and "Đang đọc tệp" in html
    fragments = _wait(client, pending.pk)
    assert "Đang chờ đến lượt đọc tệp" in fragments[0]
    for fragment in fragments:
        assert "import-progress" in fragment
    assert PendingImport.objects.get().progress == "Đã đọc xong: 6 dòng kế hoạch."


def test_a_failed_import_shows_why_and_leaves_no_trace(client, cast, plan_docx):
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, "hong.docx", plan_docx.read_bytes()[:2000])
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    page = client.get(reverse("imports:pending", args=[pending.pk]))
    assert page.status_code == 422
    html = page.content.decode()
    assert "Không nhập được tệp “hong.docx”" in html
    assert "bị hỏng hoặc chưa tải về hết" in html
    assert not PendingImport.objects.exists()
    assert Plan.objects.count() == 0
    assert client.get(reverse("imports:pending", args=[pending.pk])).status_code == 404


def test_a_blank_scan_is_refused_with_the_ocr_message(client, cast, tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path, "PDF")
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, path.name, path.read_bytes())
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    html = client.get(reverse("imports:pending", args=[pending.pk])).content.decode()
    assert "Không nhận dạng được chữ nào trong “scan.pdf”" in html  # read by OCR, nothing found
    assert not PendingImport.objects.exists()


def test_a_file_without_a_plan_table_cannot_be_saved_as_a_plan(client, cast, tmp_path):
    path = builders.build_invitation_docx(tmp_path / "giay-moi.docx")
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, path.name, path.read_bytes())
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    page = client.get(reverse("imports:pending", args=[pending.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "GIẤY MỜI" in html  # the file's text is shown
    assert "Tệp “giay-moi.docx” không có bảng kế hoạch cải tiến" in html
    assert "Lưu thành dự thảo mới" not in html

    data = _save_data(page.context)
    response = client.post(reverse("imports:save", args=[pending.pk]), data)
    assert response.status_code == 422
    assert "không có bảng kế hoạch cải tiến" in response.content.decode()
    assert Plan.objects.count() == 0 and PendingImport.objects.count() == 1


def test_a_plan_with_every_row_dropped_is_not_saved(client, cast, plan_docx):
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, plan_docx.name, plan_docx.read_bytes())
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    page = client.get(reverse("imports:pending", args=[pending.pk]))
    data = {k: v for k, v in _save_data(page.context).items() if not k.endswith("-keep")}
    response = client.post(reverse("imports:save", args=[pending.pk]), data)
    assert response.status_code == 422
    assert "Bạn đã bỏ chọn mọi dòng kế hoạch" in response.content.decode()
    assert Plan.objects.count() == 0


def test_cancelling_forgets_the_file(client, cast, plan_docx):
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, plan_docx.name, plan_docx.read_bytes())
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    response = client.post(reverse("imports:cancel", args=[pending.pk]))
    assert response.status_code == 302
    assert not PendingImport.objects.exists() and Plan.objects.count() == 0


def test_doubtful_fields_are_marked_and_wrong_corrections_refused(client, cast, tmp_path):
    rows = [
        builders.Row(
            "1.2",
            "Hồ sơ được lưu trữ đầy đủ",
            ["Sắp xếp lại tủ hồ sơ"],
            "Văn thư",
            "",
            "Khi nào xong thì thôi",
            "một ít kinh phí",
        )
    ]
    path = builders.build_plan_docx(tmp_path / "mo-ho.docx", rows=rows, vertical_merge=False)
    _login(client, cast.vice, cast)
    _upload(client, cast.primary, path.name, path.read_bytes())
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    page = client.get(reverse("imports:pending", args=[pending.pk]))
    html = page.content.decode()
    assert "Có ô cần xem lại" in html and "chưa chắc" in html
    assert "Không hiểu thời gian “Khi nào xong thì thôi”" in html
    row = page.context["rows"][0]
    assert {name for (field, doubtful) in row["fields"] if doubtful for name in [field.name]} >= {"time_text"}

    data = _save_data(page.context, **{"items-0-start": "2024-13"})
    response = client.post(reverse("imports:save", args=[pending.pk]), data)
    assert response.status_code == 422
    assert "Ghi tháng dạng năm-tháng" in response.content.decode()
    assert Plan.objects.count() == 0 and PendingImport.objects.count() == 1

    data = _save_data(page.context, **{"items-0-start": "2024-10", "items-0-end": "2024-12"})
    assert client.post(reverse("imports:save", args=[pending.pk]), data).status_code == 302
    item = Plan.objects.get().items.get()
    assert (item.start_month, item.end_month, item.time_text) == (
        "2024-10",
        "2024-12",
        "Khi nào xong thì thôi",
    )


def test_only_authors_of_the_school_may_import(client, cast, plan_docx):
    _login(client, cast.staff, cast)
    assert client.get(reverse("imports:upload")).status_code == 403
    client.logout()
    _login(client, cast.principal, cast)
    response = _upload(client, cast.other, plan_docx.name, plan_docx.read_bytes())
    assert response.status_code == 200  # the other school is not a choice
    assert "Bạn chỉ nhập được kế hoạch cho trường của mình." in response.content.decode()
    assert not PendingImport.objects.exists()


def test_someone_elses_pending_import_is_refused(client, cast, plan_docx):
    _login(client, cast.principal, cast)
    _upload(client, cast.primary, plan_docx.name, plan_docx.read_bytes())
    pending = PendingImport.objects.get()
    _wait(client, pending.pk)
    client.logout()
    _login(client, cast.vice, cast)
    # An import is its uploader's: to anyone else it is a missing number.
    assert client.get(reverse("imports:pending", args=[pending.pk])).status_code == 404
    assert client.post(reverse("imports:save", args=[pending.pk]), {}).status_code == 404
    assert PendingImport.objects.count() == 1
