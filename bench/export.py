"""Export speed: a 30-row plan written to DOCX, XLSX and PDF (LibreOffice and WeasyPrint)."""

import tempfile
import time
from pathlib import Path

from caitien.planfile.writers.docx import write_docx
from caitien.planfile.writers.pdf import write_pdf
from caitien.planfile.writers.xlsx import write_xlsx
from tests.writers.plans import plan_rows

ROWS = 30


def _time(fn, *args, repeat=3, **kwargs):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args, **kwargs)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return best


def run():
    plan = plan_rows(ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        figures = [
            ("DOCX", _time(write_docx, plan, out / "kh.docx")),
            ("XLSX", _time(write_xlsx, plan, out / "kh.xlsx")),
            ("PDF (LibreOffice)", _time(write_pdf, plan, out / "kh.pdf", engine="libreoffice", repeat=2)),
            ("PDF (WeasyPrint)", _time(write_pdf, plan, out / "kh-w.pdf", engine="weasyprint", repeat=2)),
        ]
        for name, seconds in figures:
            print(f"{name:<18} {ROWS} dòng: {seconds:.3f} s")


if __name__ == "__main__":
    run()
