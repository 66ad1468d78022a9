"""`caitien parse` reads every format a school may hold, as the command other tools call.

One short plan (two rows, written by python-docx and openpyxl) is saved by LibreOffice as Word 97,
RTF, OpenDocument text, Excel 97 and OpenDocument spreadsheet, printed to PDF, rendered to text by
`pdftotext -layout` and `-raw`, scanned into an image-only PDF and photographed as a JPEG and a PNG
(scans.py). Each file goes through the installed command, and each JSON answer names the plan's
rows and school as the DOCX does.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readers import builders, scans

ROWS = builders.ROWS[:2]
CRITERIA = [r.criterion for r in ROWS]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("every-format")
    docx = builders.build_plan_docx(root / "ke-hoach.docx", rows=ROWS)
    xlsx = builders.build_plan_xlsx(root / "ke-hoach.xlsx", rows=ROWS)
    pdf = builders.soffice_pdf(docx, root)
    made = {"docx": docx, "xlsx": xlsx, "pdf": pdf}
    for kind in ("doc", "rtf", "odt"):
        made[kind] = builders.soffice_convert(docx, root / kind, kind, kind)
    for kind in ("xls", "ods"):
        made[kind] = builders.soffice_convert(xlsx, root / kind, kind, kind)
    for mode in ("layout", "raw"):
        target = root / f"ke-hoach-{mode}.txt"
        subprocess.run(["pdftotext", f"-{mode}", str(pdf), str(target)], check=True, timeout=60)
        made[f"txt-{mode}"] = target
    pages = scans.rasterise(pdf, 300)
    made["scan"] = scans.image_pdf(
        [scans.scanned(p, angle=0.7, seed=n) for n, p in enumerate(pages)], root / "ban-quet.pdf"
    )
    first = scans.rasterise(pdf, 200, first=1, last=1)[0]
    made["jpeg"] = scans.jpeg(scans.phone_photo(first, angle=2.5), root / "anh-chup.jpg")
    png = root / "anh-chup.png"
    scans.phone_photo(first, angle=-2.0, seed=5).save(png, "PNG")
    made["png"] = png
    return made


def _parse(path: Path) -> dict:
    caitien = shutil.which("caitien", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [caitien, "parse", "--json", str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "kind",
    [
        "docx",
        "doc",
        "rtf",
        "odt",
        "xlsx",
        "xls",
        "ods",
        "pdf",
        "txt-layout",
        "txt-raw",
        "scan",
        "jpeg",
        "png",
    ],
)
def test_the_parse_command_reads_every_format(files, kind):
    payload = _parse(files[kind])
    items = payload["items"]
    if kind in ("jpeg", "png"):
        # A photo is of the first page only: the rows that page holds, in order.
        assert items, payload.get("warnings")
        assert [i["criterion"] for i in items] == CRITERIA[: len(items)]
    else:
        assert [i["criterion"] for i in items] == CRITERIA
    assert payload["school"] == builders.SCHOOL
    first = items[0]
    assert first["lead"].startswith(ROWS[0].lead.split(";")[0][:12])
    assert first["expected_result"].split()[:4] == ROWS[0].result.split()[:4]
    if kind in ("scan", "jpeg", "png"):
        assert "ocr" in [w["code"] for w in payload["warnings"]]
