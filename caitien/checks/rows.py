"""Rules on the cells of each row: something to do, someone responsible, evidence, status."""

from __future__ import annotations

import re

from caitien.checks.engine import Subject, check
from caitien.text import fold


def missing_field(s: Subject, rule: str, field: str, name: str, fix: str):
    """A finding per row where `field` is empty; one for the whole table when every row lacks it
    (the column is missing, or the reader could not place it), so the user reads it once."""
    items = s.doc.items
    empty = [n for n, item in enumerate(items) if not str(getattr(item, field) or "").strip()]
    if not empty:
        return
    if len(items) >= 3 and len(empty) == len(items):
        yield s.finding(
            rule, f"Không dòng nào của bảng có {name}; có thể bảng thiếu cột này. {fix}", field=field
        )
        return
    for n in empty:
        yield s.finding(rule, f"{s.row_label(n)} chưa có {name}. {fix}", item=n, field=field)


@check("missing-expected-result", "missing-solutions", "missing-lead", "missing-indicator")
def required_cells(s: Subject):
    if not s.doc.items:
        return
    result_name = "mục tiêu cải tiến" if s.is_2026 else "kết quả cần đạt"
    yield from missing_field(
        s,
        "missing-expected-result",
        "expected_result",
        result_name,
        "Hãy ghi kết quả đo được so với hiện trạng (ví dụ “100% giáo viên đạt chuẩn trình độ đào tạo”).",
    )
    yield from missing_field(
        s, "missing-solutions", "solutions", "công việc, giải pháp", "Hãy ghi các việc cụ thể cần làm."
    )
    yield from missing_field(
        s, "missing-lead", "lead", "người chủ trì", "Hãy ghi người (bộ phận) chủ trì và phối hợp."
    )
    if s.is_2026:
        yield from missing_field(
            s,
            "missing-indicator",
            "indicator",
            "chỉ số đánh giá kết quả",
            "Mẫu số 2 yêu cầu chỉ số đo được (tỷ lệ, số lượng, sản phẩm).",
        )


# Phrases that name everybody and therefore nobody (folded).
_COLLECTIVE = (
    "toan the",
    "toan truong",
    "tap the",
    "su pham",
    "nha truong",
    "can bo",
    "giao vien",
    "nhan vien",
    "cbgvnv",
    "cb-gv-nv",
    "cb, gv, nv",
    "cb",
    "gv",
    "nv",
    "tat ca",
    "cac bo phan",
    "doi ngu",
    "vien chuc",
    "nguoi lao dong",
    "cac",
    "va",
    "cua",
    "trong",
    "toan",
    "thanh vien",
)


def _everybody(lead: str) -> bool:
    rest = fold(lead)
    for phrase in sorted(_COLLECTIVE, key=len, reverse=True):
        rest = re.sub(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", " ", rest)
    return not re.sub(r"[^a-z0-9]", "", rest)


@check("lead-not-accountable")
def lead_accountable(s: Subject):
    for n, item in enumerate(s.doc.items):
        if item.lead.strip() and _everybody(item.lead):
            yield s.finding(
                "lead-not-accountable",
                f"{s.row_label(n)}: chủ trì ghi “{item.lead}”, không có người chịu trách nhiệm chính. Hãy "
                "ghi một người hoặc bộ phận chủ trì (Hiệu trưởng, Phó Hiệu trưởng, Tổ trưởng…), các bộ "
                "phận khác phối hợp.",
                item=n,
                field="lead",
            )


# Anything that looks like an evidence code of either generation.
_CODE_LIKE = re.compile(
    r"\[?\s*H\s*\d+\s*-\s*\d+\s*\.\s*\d+\s*-\s*\d+\s*\]?|\bMC\s*\.?\s*\d+(?:\s*\.\s*\d+)+"
)


@check("evidence-code-format")
def evidence_codes(s: Subject):
    reg = s.regulation
    if reg is None:
        return
    pattern = re.compile(reg.evidence_code["pattern"])
    for n, item in enumerate(s.doc.items):
        for code in _CODE_LIKE.findall(item.expected_evidence or ""):
            compact = re.sub(r"\s+", "", code)
            if not pattern.match(compact):
                yield s.finding(
                    "evidence-code-format",
                    f"{s.row_label(n)}: mã minh chứng “{code.strip()}” không đúng dạng "
                    f"{reg.evidence_code['format']} của {reg.label} (ví dụ {reg.evidence_code['example']}). "
                    "Hãy ghi lại mã minh chứng.",
                    item=n,
                    field="expected_evidence",
                )
                break


@check("status-value")
def status_values(s: Subject):
    reg = s.regulation
    allowed = (reg.plan_form.get("status_values") or []) if reg else []
    if not allowed:
        return
    folded = {fold(v): v for v in allowed}
    for n, item in enumerate(s.doc.items):
        status = (item.status or "").strip()
        if status and fold(status).rstrip(".") not in folded:
            yield s.finding(
                "status-value",
                f"{s.row_label(n)}: mức độ thực hiện ghi “{status}”; mẫu dùng một trong các giá trị "
                f"{', '.join('“' + v + '”' for v in allowed)}. Hãy chọn một giá trị.",
                item=n,
                field="status",
            )
