"""Escalation pages: the school sends from a suggested row, the office answers, the Sở sees what the
Phòng forwarded, the queue downloads as XLSX; query counts do not grow with the queue."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from caitien.escalations.models import Escalation
from caitien.escalations.services import escalation_answer, escalation_create


def test_the_school_page_suggests_rows_and_the_form_starts_from_the_row(client, cast, published):
    _plan, rows = published
    client.force_login(cast.principal)
    body = client.get(reverse("escalations:school")).content.decode()
    assert (
        f"?dong={rows[0].pk}" in body and f"?dong={rows[1].pk}" in body and f"?dong={rows[2].pk}" not in body
    )
    page = client.get(reverse("escalations:create") + f"?dong={rows[0].pk}")
    form = page.context["form"]
    assert form.initial["kind"] == "equipment" and form.initial["addressee"] == "ubnd"
    assert (
        form.initial["title"] == "Sửa chữa 04 phòng học thấm dột" and form.initial["amount"] == "350.000.000"
    )
    assert "novalidate" in page.content.decode()


def test_sending_with_a_wrong_amount_explains_and_keeps_what_was_typed(client, cast, published):
    _plan, rows = published
    client.force_login(cast.principal)
    url = reverse("escalations:create") + f"?dong={rows[0].pk}"
    data = {
        "kind": "equipment",
        "addressee": "ubnd",
        "title": "Sửa phòng học",
        "amount": "khoảng vài trăm",
        "reason": "Thấm dột",
        "steps_taken": "Che tạm",
    }
    r = client.post(url, data)
    body = r.content.decode()
    assert r.status_code == 400 and "Không hiểu số tiền “khoảng vài trăm”" in body and "Che tạm" in body
    r = client.post(url, {**data, "title": "", "kind": "xyz"})
    body = r.content.decode()
    assert "Hãy ghi ngắn gọn nội dung đề xuất" in body and "Lựa chọn không có trong danh sách" in body
    assert Escalation.objects.count() == 0
    r = client.post(url, {**data, "amount": "1,2 tỷ"})
    e = Escalation.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("escalations:detail", args=[e.pk])
    assert (e.amount_vnd, e.item, e.steps_taken) == (1_200_000_000, rows[0], "Che tạm")


def test_a_request_written_from_scratch_starts_with_no_type_and_asks_for_one(client, cast, published):
    client.force_login(cast.principal)
    url = reverse("escalations:create")
    page = client.get(url)
    assert page.context["form"]["kind"].value() in (None, "")
    assert "— Chọn loại đề xuất —" in page.content.decode()
    data = {"addressee": "phong", "title": "Bổ sung 02 giáo viên tiếng Anh", "reason": "Thiếu định biên"}
    r = client.post(url, {**data, "kind": ""})
    assert r.status_code == 400 and "Hãy chọn loại đề xuất" in r.content.decode()
    assert Escalation.objects.count() == 0


def test_staff_cannot_send_and_another_school_cannot_see(client, cast, published):
    _plan, rows = published
    client.force_login(cast.staff)
    r = client.get(reverse("escalations:create") + f"?dong={rows[0].pk}")
    assert r.status_code == 403 and "Chỉ Hiệu trưởng, Phó Hiệu trưởng" in r.content.decode()
    e = escalation_create(actor=cast.principal, item=rows[0], kind="land", title="Đất", reason="Thiếu")
    assert client.get(reverse("escalations:detail", args=[e.pk])).status_code == 200  # staff reads
    client.force_login(cast.other_principal)
    r = client.get(reverse("escalations:detail", args=[e.pk]))
    assert r.status_code == 404  # another school's request: answered as a missing number


def test_the_office_answers_and_the_school_sees_the_answer(client, cast, published):
    _plan, rows = published
    e = escalation_create(
        actor=cast.principal, item=rows[1], kind="staffing", title="Thêm giáo viên", reason="Thiếu"
    )
    client.force_login(cast.specialist)
    queue = client.get(reverse("escalations:queue")).content.decode()
    assert "Thêm giáo viên" in queue and 'id="open-count">1<' in queue
    r = client.post(reverse("escalations:answer", args=[e.pk]), {"state": "resolved", "text": ""})
    assert r.status_code == 400 and "Hãy ghi nội dung trả lời" in r.content.decode()
    r = client.post(
        reverse("escalations:answer", args=[e.pk]),
        {"state": "resolved", "text": "Phòng điều động 01 giáo viên từ tháng 1/2026."},
    )
    assert r.status_code == 302
    client.force_login(cast.principal)
    body = client.get(reverse("escalations:detail", args=[e.pk])).content.decode()
    assert "Phòng điều động 01 giáo viên từ tháng 1/2026." in body and "Đã giải quyết" in body
    assert 'id="answer-form"' not in body
    r = client.post(reverse("escalations:answer", args=[e.pk]), {"state": "received", "text": "x"})
    assert r.status_code == 403


def test_the_so_sees_what_the_phong_forwarded_with_its_note(client, cast, published, so_specialist):
    _plan, rows = published
    e = escalation_create(actor=cast.principal, item=rows[0], kind="equipment", title="Sửa mái", reason="Dột")
    kept = escalation_create(
        actor=cast.principal, item=rows[1], kind="staffing", title="Giáo viên", reason="Thiếu"
    )
    client.force_login(so_specialist)
    assert "Sửa mái" not in client.get(reverse("escalations:queue")).content.decode()
    escalation_answer(escalation=e, actor=cast.specialist, state="forwarded", text="Vượt khả năng của huyện.")
    body = client.get(reverse("escalations:queue")).content.decode()
    assert "Sửa mái" in body and "Vượt khả năng của huyện." in body and kept.title not in body
    below = client.get(reverse("escalations:queue") + "?pham_vi=duoi").content.decode()
    assert kept.title in below and "chỉ xem" in below
    detail = client.get(reverse("escalations:detail", args=[e.pk])).content.decode()
    assert 'id="answer-form"' in detail and "Vượt khả năng của huyện." in detail
    client.force_login(cast.specialist)
    body = client.get(reverse("escalations:queue")).content.decode()
    assert "Sửa mái" in body  # the Phòng still follows what it forwarded
    assert 'id="answer-form"' not in client.get(reverse("escalations:detail", args=[e.pk])).content.decode()


def test_the_queue_downloads_as_xlsx_with_formulas_kept_as_text(client, cast, published):
    _plan, rows = published
    escalation_create(
        actor=cast.principal,
        item=rows[0],
        kind="funding",
        title='=HYPERLINK("x")',
        reason="r",
        amount_vnd=7_000_000,
    )
    client.force_login(cast.specialist)
    r = client.get(reverse("escalations:queue") + "?tai=xlsx")
    assert (
        r.status_code == 200
        and r["Content-Disposition"] == 'attachment; filename="de-xuat-PGD-DAUTIENG.xlsx"'
    )
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Ngày gửi", "Trường", "Ký hiệu"]
    row = [c for c in ws[2]]
    assert row[1].value == "Trường Tiểu học Hoà Bình" and row[6].value == 7_000_000
    assert row[5].value == '=HYPERLINK("x")' and row[5].data_type == "s"


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_queue_and_school_pages_do_not_grow_with_the_escalations(client, cast, published):
    _plan, rows = published

    def add(n):
        for i in range(n):
            escalation_create(
                actor=cast.principal, item=rows[i % 2], kind="land", title=f"Đề xuất {i}", reason="r"
            )

    add(3)
    client.force_login(cast.specialist)
    queue_small = _queries(client, reverse("escalations:queue"))
    client.force_login(cast.principal)
    school_small = _queries(client, reverse("escalations:school"))
    add(27)
    client.force_login(cast.specialist)
    assert _queries(client, reverse("escalations:queue")) == queue_small
    client.force_login(cast.principal)
    assert _queries(client, reverse("escalations:school")) == school_small
