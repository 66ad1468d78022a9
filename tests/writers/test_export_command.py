"""`caitien export`: a plan file or a saved plan out to DOCX, PDF or XLSX; clear errors on bad input."""

import json
import subprocess
import sys

import docx
import openpyxl
import pytest
from django.core.management import call_command

from tests.writers.plans import plan_57, plan_2018


def _export(*args):
    """Runs the real console script, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "caitien.cli", "export", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_exports_a_plan_json_to_docx_and_xlsx(tmp_path):
    src = tmp_path / "ke-hoach.json"
    src.write_text(plan_2018().to_json(), encoding="utf-8")
    out = _export(src, "--to", "docx", "-o", tmp_path / "kh.docx")
    assert out.returncode == 0, out.stderr
    assert "Đã xuất 6 dòng kế hoạch" in out.stdout
    d = docx.Document(tmp_path / "kh.docx")
    assert any(p.text == "KẾ HOẠCH" for p in d.paragraphs)
    out = _export(src, "-o", tmp_path / "kh.xlsx")  # format from the extension
    assert out.returncode == 0, out.stderr
    assert "Kế hoạch" in openpyxl.load_workbook(tmp_path / "kh.xlsx").sheetnames


def test_it_exports_a_pdf(tmp_path):
    src = tmp_path / "kh57.json"
    src.write_text(plan_57().to_json(), encoding="utf-8")
    out = _export(src, "--to", "pdf", "-o", tmp_path / "kh57.pdf")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "kh57.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "rong.json", "Tệp rỗng"),
        (b"\x00\x01\x02\x03" * 50, "rac.bin", "Không nhận ra định dạng"),
        (b'{"items": 5}', "sai.json", "JSON"),
    ],
)
def test_unreadable_input_exits_2_with_one_vietnamese_line(tmp_path, content, name, message):
    src = tmp_path / name
    src.write_bytes(content)
    out = _export(src, "--to", "docx", "-o", tmp_path / "kh.docx")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and message in lines[0]
    assert not (tmp_path / "kh.docx").exists()


def test_a_missing_file_and_a_missing_format_are_explained(tmp_path):
    out = _export(tmp_path / "khong-co.docx", "--to", "pdf")
    assert out.returncode == 2 and "không tồn tại" in out.stderr
    src = tmp_path / "kh.json"
    src.write_text(json.dumps(plan_2018().to_dict(), ensure_ascii=False), encoding="utf-8")
    out = _export(src, "-o", tmp_path / "kh.odt")
    assert out.returncode == 2 and "--to docx" in out.stderr


def test_an_unknown_saved_plan_exits_2(db, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("plan_export", "--plan", "987654", "--to", "docx")
    assert exit_info.value.code == 2
    assert "Không có kế hoạch mã số 987654" in capsys.readouterr().err


def test_it_exports_a_saved_plan_by_its_id(cast, tmp_path, capsys):
    from caitien.plans.services import plan_create_from_document

    plan = plan_create_from_document(school=cast.primary, document=plan_2018(), actor=cast.principal)
    out = tmp_path / "da-luu.docx"
    call_command("plan_export", "--plan", str(plan.pk), "--to", "docx", "-o", str(out))
    assert "Đã xuất 6 dòng kế hoạch" in capsys.readouterr().out
    d = docx.Document(out)
    table = max(d.tables, key=lambda t: len(t.rows))
    criteria = [r.cells[1].text for r in table.rows if r.cells[1].text.startswith("Tiêu chí")]
    assert criteria == [
        "Tiêu chí 1.2",
        "Tiêu chí 1.10",
        "Tiêu chí 2.2",
        "Tiêu chí 3.3",
        "Tiêu chí 4.1",
        "Tiêu chí 5.3",
    ]
    # The plan keeps the school name as its document wrote it.
    assert "TRƯỜNG TIỂU HỌC PHƯỚC HÒA" in d.tables[0].rows[0].cells[0].text
