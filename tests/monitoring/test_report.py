"""The results report: drafted from the review, sent to the office, received with a comment."""

import datetime

import pytest

from caitien.monitoring import documents, services
from caitien.monitoring.models import ItemClosure, ResultsReport
from caitien.notifications.models import Notification


def test_the_draft_takes_its_texts_from_the_review(recorded, cast):
    report = services.report_create(point=recorded, actor=cast.principal)
    assert (
        report.title == "Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục học kỳ I năm học 2025-2026"
    )
    s = report.sections
    assert s["intro"].startswith(
        "Thực hiện Kế hoạch số 45/KH-THHB ngày 20/09/2025 của Trường Tiểu học Hoà Bình"
    )
    assert (
        "Kế hoạch có 3 nội dung cải tiến. Đến thời điểm giám sát: 2 nội dung đang thực hiện, 1 nội dung hoàn thành."
        in s["overview"]
    )
    assert s["recommendations"].splitlines() == [
        "- Đối với Hiệu trưởng: Đẩy nhanh huy động kinh phí sửa mái che.",
        "- Đối với Phòng GDĐT huyện Dầu Tiếng: Hỗ trợ kinh phí sửa mái che sân chơi.",
    ]
    assert report.recipients[0] == "Phòng GDĐT huyện Dầu Tiếng (để báo cáo)"
    assert services.report_create(point=recorded, actor=cast.principal) == report  # one per point
    doc = documents.point_to_document(recorded, report=report)
    assert [r.status for r in doc.rows] == ["Hoàn thành", "Chậm tiến độ", "Đang thực hiện"]
    assert doc.rows[1].cause == "Kinh phí xã hội hóa chưa huy động đủ."
    assert doc.rows[2].result.endswith("Chỉ số đạt: 60% (cần đạt ít nhất 95%)")
    assert (
        doc.rows[0].content
        == "Tiêu chí 1.3: " + recorded.plan.items.order_by("order").first().expected_result
    )


def test_send_receive_and_comment_tell_the_other_side(recorded, cast):
    report = services.report_create(point=recorded, actor=cast.principal)
    with pytest.raises(services.MonitoringError, match="ký hiệu BC"):
        services.report_send(
            report=report,
            actor=cast.principal,
            number="12/KH-THHB",
            date=datetime.date(2026, 2, 2),
            signer="Nguyễn Văn An",
        )
    services.report_send(
        report=report,
        actor=cast.principal,
        number="12/BC-THHB",
        date=datetime.date(2026, 2, 2),
        signer="Nguyễn Văn An",
    )
    report.refresh_from_db()
    assert report.status == "sent" and report.document_number == "12/BC-THHB"
    told = Notification.objects.get(kind="report_submitted")
    assert (
        told.user == cast.specialist and "12/BC-THHB" in told.subject and told.url == f"/bao-cao/{report.pk}/"
    )
    with pytest.raises(services.MonitoringError, match="đã gửi"):
        services.report_update(
            report=report, actor=cast.principal, sections={"intro": "x"}, header={}, revision=None
        )
    services.report_receive(
        report=report, actor=cast.specialist, comment="Đề nghị bổ sung minh chứng dòng 2."
    )
    report.refresh_from_db()
    assert report.status == "received" and report.comments.get().text == "Đề nghị bổ sung minh chứng dòng 2."
    heard = Notification.objects.filter(kind="report_received").order_by("user__username")
    assert {n.user for n in heard} == {cast.principal, cast.vice}
    assert heard[0].body == "Đề nghị bổ sung minh chứng dòng 2."
    services.report_comment_add(report=report, actor=cast.specialist, text="Đã xem minh chứng bổ sung.")
    assert Notification.objects.filter(kind="report_received").count() == 4


def test_the_year_end_report_shows_the_closing_of_each_row(recorded, cast):
    from caitien.monitoring.models import ReviewPoint

    year_end = ReviewPoint.objects.get(plan=recorded.plan, kind="year_end")
    item = recorded.plan.items.order_by("order")[1]
    ItemClosure.objects.create(
        item=item,
        label="Chưa đạt",
        achieved=False,
        result="Mới sửa được một nửa mái che.",
        cause="Thiếu kinh phí.",
    )
    doc = documents.point_to_document(year_end)
    row = doc.rows[1]
    assert (row.status, row.result, row.cause) == (
        "Chưa đạt",
        "Mới sửa được một nửa mái che.",
        "Thiếu kinh phí.",
    )
    assert (
        doc.title.endswith("năm học 2025-2026")
        and doc.sections[-1].title == "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2026-2027"
    )
    assert doc.rows[0].status == "Chưa đánh giá"


def test_report_pages_for_each_side(client, recorded, cast):
    report = services.report_create(point=recorded, actor=cast.principal)
    client.force_login(cast.specialist)
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 403  # a draft stays in the school
    client.force_login(cast.principal)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert 'id="send-form"' in page and 'id="report-form"' in page
    bad = client.post(
        f"/bao-cao/{report.pk}/gui/", {"number": "12/BC-THHB", "date": "2/30/2026", "signer": "Nguyễn Văn An"}
    )
    assert bad.status_code == 400 and "không có trong lịch" in bad.content.decode()
    client.post(
        f"/bao-cao/{report.pk}/gui/",
        {"number": "12/BC-THHB", "date": "02/02/2026", "signer": "Nguyễn Văn An"},
    )
    client.force_login(cast.specialist)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert 'id="receive-form"' in page and 'id="report-form"' not in page
    client.post(f"/bao-cao/{report.pk}/tiep-nhan/", {"comment": "Đã nhận."})
    assert ResultsReport.objects.get().status == "received"
    docx_file = client.get(f"/bao-cao/{report.pk}/tai-ve/docx/")
    assert docx_file.status_code == 200 and docx_file.content[:2] == b"PK"
    client.force_login(cast.other_principal)
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 404  # another school's: not known
