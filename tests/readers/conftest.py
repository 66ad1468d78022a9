"""Plan files built once per test session with the real tools (python-docx, openpyxl, LibreOffice)."""

import pytest

from tests.readers import builders


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Paths of the built plan files; the PDFs are LibreOffice conversions of the DOCX files."""
    root = tmp_path_factory.mktemp("plans")
    files = {
        "docx": builders.build_plan_docx(root / "ke-hoach.docx"),
        "docx_split": builders.build_plan_docx(
            root / "ke-hoach-hai-bang.docx", split_after=3, repeat_header=False
        ),
        "docx_split_header": builders.build_plan_docx(
            root / "ke-hoach-lap-tieu-de.docx", split_after=2, repeat_header=True, numbered_row=False
        ),
        "docx57": builders.build_plan_57_docx(root / "ke-hoach-57.docx"),
        "xlsx": builders.build_plan_xlsx(root / "ke-hoach.xlsx"),
        "docx_unruled": builders.build_plan_docx(
            root / "khong-ke.docx", ruled=False, numbered_row=False, vertical_merge=False
        ),
    }
    files["pdf_unruled"] = builders.soffice_pdf(files["docx_unruled"], root)
    files["pdf"] = builders.soffice_pdf(files["docx_split"], root)
    files["pdf57"] = builders.soffice_pdf(files["docx57"], root)
    return files
