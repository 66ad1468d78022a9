"""Parse speed: a 30-row plan read from each format (DOCX, XLSX, PDF and .doc/.xls made by LibreOffice,
`pdftotext -layout` text, .odt/.rtf/.ods made by LibreOffice, the 57/2026 XLSX form, a scan of the PDF and a
phone photo (JPEG) of its first page read by OCR), and a 5-page scan."""

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from caitien.planfile import readers
from tests.readers import builders

ROWS = 30
RUNS = 5
CODES = [f"{s}.{c}" for s, n in ((1, 10), (2, 4), (3, 6), (4, 2), (5, 5)) for c in range(1, n + 1)]


def plan_rows(count: int = ROWS) -> list:
    rows = []
    for index in range(count):
        base = builders.ROWS[index % len(builders.ROWS)]
        rows.append(
            builders.Row(
                CODES[index % len(CODES)],
                f"{base.result} (nội dung {index + 1})",
                base.solutions,
                base.lead,
                base.coordinators,
                base.time,
                base.budget,
                base.support,
                base.notes,
            )
        )
    return rows


def _measure(kind: str, path: Path, runs: int) -> None:
    data = path.read_bytes()
    times, cpu = [], []
    doc = None
    for _ in range(runs + 1 if runs > 1 else 1):
        t0, c0 = time.perf_counter(), time.process_time()
        doc = readers.read_bytes(data, path.name)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    first, rest = times[0], times[1:] or times
    # CPU time beside wall time: on a busy machine the wall time says more about the neighbours. OCR and
    # LibreOffice work in child processes, whose time is in the wall time only.
    print(
        f"{kind:5} {len(data) / 1024:7.1f} KB  {len(doc.items):3d} dòng  lần đầu {first:8.1f} ms  "
        f"trung vị {statistics.median(rest):8.1f} ms  nhanh nhất {min(rest):8.1f} ms  "
        f"CPU trung vị {statistics.median(cpu[1:] or cpu):8.1f} ms"
    )


def run() -> None:
    from tests.readers import scans

    with tempfile.TemporaryDirectory(prefix="bench-parse-") as tmp:
        root = Path(tmp)
        rows = plan_rows()
        files = {
            "docx": builders.build_plan_docx(root / "plan.docx", rows=rows),
            "xlsx": builders.build_plan_xlsx(root / "plan.xlsx", rows=rows),
        }
        files["pdf"] = builders.soffice_pdf(files["docx"], root)
        files["doc"] = builders.soffice_convert(files["docx"], root, "doc", "doc")
        files["xls"] = builders.soffice_convert(files["xlsx"], root, "xls", "xls")
        files["odt"] = builders.soffice_convert(files["docx"], root, "odt", "odt")
        files["rtf"] = builders.soffice_convert(files["docx"], root, "rtf", "rtf")
        files["ods"] = builders.soffice_convert(files["xlsx"], root, "ods", "ods")
        files["x57"] = builders.build_plan_57_xlsx(root / "plan-57.xlsx")
        text = subprocess.run(
            ["pdftotext", "-layout", str(files["pdf"]), "-"], capture_output=True, check=True, timeout=120
        ).stdout
        files["txt"] = root / "plan.txt"
        files["txt"].write_bytes(text)
        pages = scans.rasterise(files["pdf"], 300)
        scanned = [scans.scanned(p, angle=0.8, seed=i) for i, p in enumerate(pages)]
        files["scan"] = scans.image_pdf(scanned, root / "plan-quet.pdf")
        files["jpg"] = scans.jpeg(scans.phone_photo(pages[0]), root / "plan-anh.jpg")
        five = scans.image_pdf(scanned[:5], root / "nam-trang-quet.pdf")
        for kind, path in files.items():
            _measure(kind, path, 1 if kind in ("scan", "jpg", "doc", "xls", "odt", "rtf", "ods") else RUNS)
        t0 = time.perf_counter()
        readers.read_bytes(five.read_bytes(), five.name)
        print(
            f"bản quét 5 trang (kế hoạch {ROWS} dòng quét được {len(pages)} trang): "
            f"{time.perf_counter() - t0:.1f} s (mục tiêu < 60 s)"
        )
