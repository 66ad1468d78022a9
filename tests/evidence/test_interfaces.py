"""`caitien evidence` and GET /api/schools/{code}/evidence: the same register, the API only what the
caller may read; the DOCX and XLSX exports read back with python-docx and openpyxl."""

import io
import json

import docx
import openpyxl
import pytest
from django.core.management import call_command

from caitien.catalog.models import Criterion
from caitien.cli import main
from caitien.evidence.services import ItemFields, file_add, item_create
from tests.evidence.conftest import png_bytes, upload


def _criterion(regulation, code):
    return Criterion.objects.get(standard__regulation=regulation, code=code)


@pytest.fixture
def register(cast, media):
    reg = cast.primary.regulation

    def add(code, name, **fields):
        return item_create(
            school=cast.primary,
            school_year=2025,
            regulation=reg,
            criteria=[_criterion(reg, c) for c in code],
            fields=ItemFields(name=name, **fields),
            actor=cast.principal,
        )

    decision = add(
        ["1.1", "2.1"],
        "Quyết định thành lập Hội đồng tự đánh giá",
        number_date="Số 05/QĐ-THHB, 05/9/2025",
        issuer="Trường Tiểu học Hoà Bình",
    )
    photo = add(["1.2"], "Ảnh lễ khai giảng", public=True, location="Tệp điện tử")
    formula = add(["3.1"], '=HYPERLINK("http://x","bấm")', notes="+cộng", issuer="-trừ", number_date="@at")
    file_add(item=photo, uploaded_file=upload("khai-giang.png", png_bytes()), actor=cast.principal)
    return {"decision": decision, "photo": photo, "formula": formula}


def test_the_command_prints_the_register_as_json(register, cast, capsys):
    main(["evidence", "--school", "thhb", "--year", "2025", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["school"] == "THHB" and data["school_year"] == 2025 and data["code_format"] == "[Hn-a.b-cc]"
    by_code = {i["code"]: i for i in data["items"]}
    assert by_code["[H1-1.1-01]"]["criteria"] == ["1.1", "2.1"]
    assert by_code["[H1-1.2-01]"]["files"][0]["content_type"] == "image/png"
    assert len(data["items"]) == 3


def test_the_command_refuses_an_unknown_school(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có trường mã"):
        call_command("evidence", school="KHONGCO", json=True)


def test_the_xlsx_export_has_the_regulations_columns_and_no_formulas(register, cast, tmp_path):
    out = tmp_path / "dm.xlsx"
    main(["evidence", "--school", "THHB", "--year", "2025", "--to", "xlsx", "-o", str(out)])
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "TT")
    assert rows[header_at][:6] == ["TT", "Mã", "Tên", "Số/ngày ban hành", "Nơi ban hành", "Ghi chú"]
    body = rows[header_at + 1 :]
    assert [r[1] for r in body] == ["[H1-1.1-01]", "[H1-1.2-01]", "[H3-3.1-01]"]
    formula_row = sheet[header_at + 4]
    assert [c.data_type for c in formula_row[1:6]] == ["s"] * 5
    assert formula_row[2].value.startswith("=HYPERLINK")
    assert (
        formula_row[3].value == "@at" and formula_row[4].value == "-trừ" and formula_row[5].value == "+cộng"
    )


def test_the_xlsx_export_of_57_2026_has_its_columns(cast, catalog, media):
    from caitien.evidence import exports, selectors

    reg = catalog["tt57-2026-pl2"]
    item_create(
        school=cast.secondary,
        school_year=2026,
        regulation=reg,
        criteria=[_criterion(reg, "2.3")],
        fields=ItemFields(name="Kế hoạch bồi dưỡng", location="https://truong.edu.vn/kh"),
        actor=None,
    )
    doc = exports.register_document(
        cast.secondary, 2026, reg, list(selectors.register_items(cast.secondary, 2026))
    )
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(doc))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "TT")
    assert rows[header_at][:5] == [
        "TT",
        "Mã minh chứng",
        "Tên minh chứng",
        "Định dạng/vị trí lưu trữ hoặc đường dẫn điện tử",
        "Ghi chú",
    ]
    assert rows[header_at + 1][:4] == [1, "MC.2.3.01", "Kế hoạch bồi dưỡng", "https://truong.edu.vn/kh"]


def test_the_docx_export_in_the_decree_30_layout(register, cast, tmp_path):
    out = tmp_path / "dm.docx"
    call_command("evidence", school="THHB", year=2025, to="docx", output=str(out))
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs]
    assert "DANH MỤC MÃ MINH CHỨNG" in texts
    header = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    assert "TRƯỜNG TIỂU HỌC HOÀ BÌNH" in header.rows[0].cells[0].text
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "TT",
        "Mã",
        "Tên",
        "Số/ngày ban hành",
        "Nơi ban hành",
        "Ghi chú",
    ]
    cells = [[c.text for c in row.cells] for row in table.rows]
    flat = "\n".join("|".join(r) for r in cells)
    assert "Tiêu chuẩn 1:" in flat and "Tiêu chí 2.1" in flat
    decision_lines = [r for r in cells if r[1] == "[H1-1.1-01]"]
    assert len(decision_lines) == 2  # under 1.1, and again as shared under 2.1
    assert decision_lines[1][5] == "Minh chứng dùng chung"
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) in (30, 35)
    signature = document.tables[-1].rows[0].cells[1].text
    assert "HIỆU TRƯỞNG" in signature and "Nguyễn Văn An" in signature
    run_fonts = {r.font.name for p in document.paragraphs for r in p.runs if r.text.strip()}
    assert run_fonts <= {"Times New Roman", None}


def test_the_api_gives_the_public_only_public_items(register, cast, client):
    anonymous = client.get("/api/schools/THHB/evidence", {"year": 2025}).json()
    assert [i["code"] for i in anonymous["items"]] == ["[H1-1.2-01]"]
    client.force_login(cast.other_teacher)
    assert len(client.get("/api/schools/THHB/evidence?year=2025").json()["items"]) == 1
    for user in (cast.staff, cast.specialist):
        client.force_login(user)
        assert len(client.get("/api/schools/thhb/evidence?year=2025").json()["items"]) == 3


def test_the_api_answers_in_vietnamese(db, client, cast):
    response = client.get("/api/schools/KHONGCO/evidence")
    assert response.status_code == 404 and "Không có trường" in response.json()["detail"]
    response = client.get("/api/schools/THHB/evidence?year=1")
    assert response.status_code == 422 and "không hợp lệ" in response.json()["detail"]
    response = client.get("/api/schools/THHB/evidence?year=abc")
    assert response.status_code == 422
