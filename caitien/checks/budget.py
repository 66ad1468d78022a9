"""Budget rules, and the totals the exports print (`budget_totals`)."""

from __future__ import annotations

import re

from caitien.checks.engine import Subject, check
from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document
from caitien.text import fold

NO_SOURCE = "Chưa ghi nguồn"


def budget_totals(doc: Document) -> dict:
    """One-off amounts summed per standard and per funding source; recurring amounts (per month,
    per year) kept apart because adding them to one-off sums would mislead.

    {"total": 27000000, "by_standard": {"3": 20000000, ...}, "by_source": {"Ngân sách": ...},
     "recurring": [{"item": 6, "criterion": "3.4", "vnd": 15000000, "per": "month"}], "rows": 3}
    """
    total, by_standard, by_source, recurring, rows = 0, {}, {}, [], 0
    for n, item in enumerate(doc.items):
        once = sum(a.vnd for a in item.budget_amounts if not a.per and a.vnd)
        for a in item.budget_amounts:
            if a.per and a.vnd:
                recurring.append({"item": n, "criterion": item.criterion, "vnd": a.vnd, "per": a.per})
        if not once:
            continue
        rows += 1
        total += once
        standard = str(item.standard_number() or "?")
        by_standard[standard] = by_standard.get(standard, 0) + once
        source = (item.funding_source or "").strip() or NO_SOURCE
        by_source[source] = by_source.get(source, 0) + once
    by_standard = dict(
        sorted(
            by_standard.items(),
            key=lambda kv: (not kv[0].isdecimal(), int(kv[0]) if kv[0].isdecimal() else 0),
        )
    )
    return {
        "total": total,
        "by_standard": by_standard,
        "by_source": by_source,
        "recurring": recurring,
        "rows": rows,
    }


def vnd(amount: int) -> str:
    """12500000 -> "12.500.000 đồng"."""
    return f"{amount:,}".replace(",", ".") + " đồng"


@check("budget-total")
def totals(s: Subject):
    result = budget_totals(s.doc)
    if not result["total"] and not result["recurring"]:
        return
    parts = [f"Tổng kinh phí dự kiến: {vnd(result['total'])} ({result['rows']} dòng có số tiền)"]
    if result["by_standard"]:
        parts.append(
            "Theo tiêu chuẩn: "
            + "; ".join(
                f"{'Tiêu chuẩn ' + k if k.isdigit() else 'không rõ tiêu chuẩn'}: {vnd(v)}"
                for k, v in result["by_standard"].items()
            )
        )
    if set(result["by_source"]) != {NO_SOURCE}:
        parts.append("Theo nguồn: " + "; ".join(f"{k}: {vnd(v)}" for k, v in result["by_source"].items()))
    per = {"month": "tháng", "year": "năm"}
    if result["recurring"]:
        parts.append(
            "Khoản định kỳ (chưa cộng vào tổng): "
            + "; ".join(
                f"tiêu chí {r['criterion'] or '?'}: {vnd(r['vnd'])}/{per.get(r['per'], r['per'])}"
                for r in result["recurring"]
            )
        )
    yield s.finding(
        "budget-total", ". ".join(parts) + ". Hãy đối chiếu với dự toán của trường.", field="budget"
    )


# An amount that is written (digits with a money word, or a grouped number) but was not read.
_MONEY_WORDS = r"(?:dong|d|vnd|trieu|tr|ty|nghin|ngan)"
_WRITTEN_AMOUNT = re.compile(rf"\d[\d.,]*\s*{_MONEY_WORDS}\b|\b\d{{1,3}}(?:[.,]\d{{3}})+\b")

# Work that cannot cost less than a million đồng: a smaller amount has lost its zeros.
# ("xây dựng" and "trang bị" are left out: "xây dựng kế hoạch", "trang bị kiến thức" cost little.)
_WORKS = (
    "xay moi",
    "xay them",
    "sua chua",
    "cai tao",
    "nang cap",
    "mua sam",
    "hang rao",
    "tuong rao",
    "phong hoc",
    "nha ve sinh",
    "khu ve sinh",
    "san choi",
    "may tinh",
    "may chieu",
    "mai che",
    "san truong",
)
SUSPICIOUS_BELOW = 1_000_000


@check("budget-unparsed", "budget-invalid", "budget-suspicious")
def amounts(s: Subject):
    for n, item in enumerate(s.doc.items):
        text = item.budget_text or ""
        problems = vn.parse_money(text).problems if text.strip() else []
        if problems:
            yield s.finding(
                "budget-invalid",
                f"{s.row_label(n)}: kinh phí “{text[:80]}” ghi chưa đúng. {' '.join(problems)}",
                item=n,
                field="budget_text",
            )
        elif text.strip() and not item.budget_amounts and _WRITTEN_AMOUNT.search(fold(text)):
            yield s.finding(
                "budget-unparsed",
                f"{s.row_label(n)}: không đọc được số tiền trong “{text}”. Hãy ghi số tiền dạng "
                "“3.000.000 đồng” hoặc “7 triệu đồng”.",
                item=n,
                field="budget_text",
            )
        work = fold(" ".join((item.expected_result, item.solutions, item.issue)))
        for amount in item.budget_amounts:
            if amount.per or not amount.vnd:
                continue
            if amount.vnd < SUSPICIOUS_BELOW and any(w in work for w in _WORKS):
                yield s.finding(
                    "budget-suspicious",
                    f"{s.row_label(n)}: kinh phí {vnd(amount.vnd)} quá nhỏ cho việc “"
                    f"{(item.expected_result or item.solutions)[:80]}”; có thể thiếu chữ số. "
                    "Hãy kiểm tra lại số tiền.",
                    item=n,
                    field="budget_text",
                )
                break
