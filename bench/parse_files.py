"""Parse speed: a 30-row plan read from DOCX, XLSX and PDF (made by LibreOffice from the DOCX)."""

import statistics
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


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as tmp:
        root = Path(tmp)
        rows = plan_rows()
        files = {
            "docx": builders.build_plan_docx(root / "plan.docx", rows=rows),
            "xlsx": builders.build_plan_xlsx(root / "plan.xlsx", rows=rows),
        }
        files["pdf"] = builders.soffice_pdf(files["docx"], root)
        for kind, path in files.items():
            data = path.read_bytes()
            times, cpu = [], []
            doc = None
            for _ in range(RUNS + 1):
                t0, c0 = time.perf_counter(), time.process_time()
                doc = readers.read_bytes(data, path.name)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            first, rest = times[0], times[1:]
            # CPU time beside wall time: on a busy machine the wall time says more about the neighbours.
            print(
                f"{kind:5} {len(data) / 1024:7.1f} KB  {len(doc.items):3d} dòng  lần đầu {first:7.1f} ms  "
                f"trung vị {statistics.median(rest):7.1f} ms  nhanh nhất {min(rest):7.1f} ms  "
                f"CPU trung vị {statistics.median(cpu[1:]):7.1f} ms"
            )
