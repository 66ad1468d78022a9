"""Scans, photos and old office files read against their DOCX: the ground-truth scorer's figures.

The plans are the test plans (tests/readers/builders.py, invented texts in the layouts schools use):
the 2018 form with TT, Mức, split Chủ trì/Phối hợp and start/end columns, the same without rules,
the 10-column 57/2026 form, and a 30-row plan. Each DOCX is printed by LibreOffice and rasterised
by pdftoppm, then made a scan (0.8° turn, blur, speckle, JPEG) saved as an image-only PDF, or a
phone photo (3° turn, uneven light, colour, JPEG) of a one-page plan; and converted by LibreOffice to
.doc / .xls. The truth for each file is what the DOCX (or XLSX) reader makes of the original.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.parse_files import plan_rows
from caitien.planfile import readers
from tests.readers import builders, scans

REPO = Path(__file__).resolve().parents[1]
# shared/ lies beside the clone (CI) or beside the folder of work trees.
SCORER = next(
    (
        p / "shared" / "eval" / "score_import.py"
        for p in (REPO.parent, REPO.parent.parent)
        if (p / "shared").is_dir()
    ),
    REPO.parent / "shared" / "eval" / "score_import.py",
)


def build(root: Path) -> Path:
    """The scored files and their NAME.truth.json in root/score; returns that folder."""
    out = root / "score"
    out.mkdir()
    work = root / "work"
    work.mkdir()

    def truth(original: Path, name: str) -> None:
        doc = readers.read_path(original).to_dict()
        doc["source"] = name
        Path(out, Path(name).stem + ".truth.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")

    plans = {
        "ke-hoach-2018": builders.build_plan_docx(work / "ke-hoach-2018.docx"),
        "khong-ke": builders.build_plan_docx(
            work / "khong-ke.docx", ruled=False, numbered_row=False, vertical_merge=False
        ),
        "mau-57": builders.build_plan_57_docx(work / "mau-57.docx"),
        "ba-muoi-dong": builders.build_plan_docx(work / "ba-muoi-dong.docx", rows=plan_rows()),
    }
    for stem, docx in plans.items():
        pdf = builders.soffice_pdf(docx, work)
        pages = scans.rasterise(pdf, 300)
        name = f"{stem}-ban-quet.pdf"
        scans.image_pdf([scans.scanned(p, angle=0.8, seed=i) for i, p in enumerate(pages)], out / name)
        truth(docx, name)
        doc = builders.soffice_convert(docx, out, "doc", "doc")
        truth(docx, doc.name)
    short = builders.build_plan_docx(work / "anh-chup.docx", rows=builders.ROWS[:2])
    page = scans.rasterise(builders.soffice_pdf(short, work), 200, first=1, last=1)[0]
    for angle in (2.0, -3.0, 4.0):
        name = f"anh-chup-{angle:+.0f}.jpg".replace("+", "")
        scans.jpeg(scans.phone_photo(page, angle=angle), out / name)
        truth(short, name)
    xlsx = builders.build_plan_xlsx(work / "bang-tinh.xlsx")
    xls = builders.soffice_convert(xlsx, out, "xls", "xls")
    truth(xlsx, xls.name)
    return out


def run() -> None:
    if not SCORER.is_file():
        print(f"Không có bộ chấm {SCORER}; bỏ qua phép đo.")
        return
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as tmp:
        folder = build(Path(tmp))
        exe = REPO / ".venv" / "bin" / "caitien"
        cmd = (
            f"{exe} parse --json {{}}"
            if exe.exists()
            else f"{sys.executable} -m caitien.cli parse --json {{}}"
        )
        result = subprocess.run(
            [sys.executable, str(SCORER), "--truth", str(folder), "--cmd", cmd, "--timeout", "900"],
            capture_output=True,
            text=True,
            timeout=1800,
            cwd=REPO,
        )
        print(result.stdout.rstrip())
        if result.stderr.strip():
            print(result.stderr.rstrip())


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    run()
