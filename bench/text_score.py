"""Text renderings of plans: item recall and field accuracy per rendering (pdftotext -layout, -raw,
and the same without diacritics), against the reading of the Word file each was rendered from.

The fixtures are made by tests/fixtures/text_renderings/make.py (python-docx -> LibreOffice PDF ->
pdftotext)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "text_renderings"
RENDERINGS = ("layout", "raw", "layout.ascii", "raw.ascii")


def measure(names=None) -> dict[tuple[str, str], tuple[float, float, int, int]]:
    """{(plan, rendering): (item recall, field accuracy, items read, items expected)}."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from caitien.planfile import readers
    from caitien.planfile.readers.text import read_text
    from tests.readers.compare import score

    out = {}
    for docx in sorted(FIXTURES.glob("*.docx")):
        name = docx.stem
        if names and name not in names:
            continue
        truth = readers.read_path(docx)
        bare = _without_marks(truth)
        for rendering in RENDERINGS:
            path = FIXTURES / f"{name}.{rendering}.txt"
            if not path.exists():
                continue
            doc = read_text(path.read_text(encoding="utf-8"), path.name)
            # Text that lost its diacritics is scored against the plan's words without them.
            recall, fields = score(bare if rendering.endswith("ascii") else truth, doc)
            out[(name, rendering)] = (recall, fields, len(doc.items), len(truth.items))
    return out


def _without_marks(doc):
    import copy

    from tests.fixtures.text_renderings.make import strip_marks
    from tests.readers.compare import FORM_57, TEXT

    bare = copy.deepcopy(doc)
    for item in bare.items:
        for name in TEXT + FORM_57:
            value = getattr(item, name)
            if isinstance(value, str):
                setattr(item, name, strip_marks(value))
    return bare


def run() -> None:
    figures = measure()
    if not figures:
        print(f"Không có tệp mẫu trong {FIXTURES}; bỏ qua phép đo.")
        return
    print(f"{'kế hoạch':<16} {'bản chữ':<14} {'dòng':>7} {'recall':>7} {'trường':>7}")
    for (name, rendering), (recall, fields, got, want) in figures.items():
        print(f"{name:<16} {rendering:<14} {got:>3}/{want:<3} {recall:>7.2f} {fields:>7.2f}")
    for rendering in RENDERINGS:
        rows = [v for (_, r), v in figures.items() if r == rendering]
        if rows:
            want = sum(v[3] for v in rows)
            recall = sum(v[0] * v[3] for v in rows) / want if want else 1.0
            fields = sum(v[1] * v[3] for v in rows) / want if want else 1.0
            print(f"{'tổng':<16} {rendering:<14} {'':>7} {recall:>7.2f} {fields:>7.2f}")


if __name__ == "__main__":
    run()
