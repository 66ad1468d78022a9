"""A plan written to DOCX, XLSX or PDF and read back by the importer is the same plan, field by field."""

import pytest

from caitien.planfile import readers
from caitien.planfile.model import clean_text
from caitien.planfile.writers import write
from tests.writers.plans import plan_57, plan_2018

HEADER = [
    "governing_body",
    "school",
    "school_level",
    "circular",
    "document_number",
    "place",
    "date",
    "title",
    "period",
]
ITEM_2018 = [
    "criterion",
    "level",
    "expected_result",
    "solutions",
    "lead",
    "time_text",
    "start",
    "end",
    "budget_text",
    "budget_amounts",
    "support",
    "notes",
]
ITEM_57 = [
    "criterion",
    "standard",
    "issue",
    "expected_result",
    "solutions",
    "indicator",
    "lead",
    "time_text",
    "start",
    "end",
    "budget_text",
    "budget_amounts",
    "expected_evidence",
    "status",
]


def _norm(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _differences(want, got, item_fields, *, full: bool):
    a, b = want.to_dict(), got.to_dict()
    keys = HEADER + ["signer", "recipients"]
    if full:  # the documents (DOCX, PDF) also carry the running text and the 57/2026 tables
        keys += ["sections", "closing_text", "priority_issues", "monitoring"]
    diffs = [f"{k}: {a[k]!r} ≠ {b[k]!r}" for k in keys if _norm(a[k]) != _norm(b[k])]
    wanted = {x["criterion"] for x in a["items"]}
    if len(a["items"]) != len(b["items"]):
        diffs.append(f"items: {len(a['items'])} dòng ≠ {len(b['items'])} dòng")
        extra = [y for y in b["items"] if y["criterion"] not in wanted or not y["criterion"]]
        diffs += [f"  dòng thừa: {y['criterion']!r} {y['expected_result'][:60]!r}" for y in extra]
        b["items"] = [y for y in b["items"] if y not in extra]
    for n, (x, y) in enumerate(zip(a["items"], b["items"], strict=False)):
        diffs += [f"items[{n}].{k}: {x[k]!r} ≠ {y[k]!r}" for k in item_fields if _norm(x[k]) != _norm(y[k])]
    return diffs


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
@pytest.mark.parametrize(
    ("plan", "item_fields"), [(plan_2018, ITEM_2018), (plan_57, ITEM_57)], ids=["mau-2018", "mau-57-2026"]
)
def test_a_written_plan_reads_back_the_same(tmp_path, fmt, plan, item_fields):
    want = plan()
    path = tmp_path / f"ke-hoach.{fmt}"
    write(want, path, fmt)
    got = readers.read_path(path)
    diffs = _differences(want, got, item_fields, full=fmt != "xlsx")
    assert not diffs, "\n".join(diffs)
