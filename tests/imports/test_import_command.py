"""`caitien import FILE --school CODE`: a new draft from a file, its id printed; exit 2 on unreadable input."""

import io

import pytest
from django.core.management import CommandError, call_command

from caitien.audit.models import AuditEvent
from caitien.plans.models import Plan
from tests.readers import builders


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("plan_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_word_file_and_prints_the_plan_id(cast, tmp_path):
    path = builders.build_plan_docx(tmp_path / "ke-hoach.docx")
    out, err = _run(str(path), "--school", "thhb", "--user", "principal")
    plan = Plan.objects.get()
    assert out.strip() == str(plan.pk)
    assert "Đã nhập 6 dòng kế hoạch" in err
    assert plan.school == cast.primary and plan.status == "draft" and plan.source_file == "ke-hoach.docx"
    assert plan.regulation.slug == "tt17-2018"
    assert (plan.document_number, plan.place, str(plan.date)) == ("45/KH-THSB", "Phú Giáo", "2024-09-12")
    assert (plan.signer_title, plan.signer_name) == ("HIỆU TRƯỞNG", "Lê Minh Khoa")
    first = plan.items.order_by("order").first()
    assert (first.criterion_code, first.criterion.code, first.level) == ("1.2", "1.2", "2")
    assert (first.lead_text, first.coordinators_text) == ("Hiệu trưởng", "Thư ký Hội đồng trường")
    assert (first.start_month, first.end_month) == ("2024-09", "2025-05")
    event = AuditEvent.objects.get(action="plan.import")
    assert event.actor == cast.principal


def test_it_imports_a_57_2026_plan_from_excel_and_pdf(cast, tmp_path):
    pdf = builders.soffice_pdf(builders.build_plan_57_docx(tmp_path / "tt57.docx"), tmp_path)
    out, _ = _run(str(pdf), "--school", "THCSLL")
    plan = Plan.objects.get(pk=int(out))
    assert plan.regulation.slug == "tt57-2026-pl2"
    items = list(plan.items.order_by("order"))
    assert [(i.criterion_code, i.standard_number) for i in items] == [("2.1", 2), ("3.3", 3), ("", 5)]
    assert items[0].indicator.startswith("Tỷ lệ tiết tin học")
    assert items[0].status == "Đang thực hiện"

    xlsx = builders.build_plan_xlsx(tmp_path / "ke-hoach.xlsx")
    out, _ = _run(str(xlsx), "--school", "THHB")
    assert Plan.objects.get(pk=int(out)).items.count() == 6


def test_unreadable_input_exits_2_and_saves_nothing(cast, tmp_path, capsys):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"rac" * 200)
    with pytest.raises(SystemExit) as caught:
        call_command("plan_import", str(path), "--school", "THHB")
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Tệp PDF “hong.pdf” bị hỏng") and err.count("\n") == 1
    assert Plan.objects.count() == 0


def test_a_file_without_a_plan_table_is_not_imported(cast, tmp_path, capsys):
    path = builders.build_invitation_docx(tmp_path / "giay-moi.docx")
    with pytest.raises(SystemExit) as caught:
        call_command("plan_import", str(path), "--school", "THHB")
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Tệp “giay-moi.docx” không có bảng kế hoạch cải tiến") and err.count("\n") == 1
    assert Plan.objects.count() == 0


def test_an_unknown_school_is_refused(cast, tmp_path):
    path = builders.build_plan_docx(tmp_path / "ke-hoach.docx")
    with pytest.raises(CommandError, match="Không có trường nào có ký hiệu “XYZ”"):
        _run(str(path), "--school", "XYZ")
