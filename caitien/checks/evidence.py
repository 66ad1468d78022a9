"""Evidence codes cited by the rows, against the school's evidence register (a saved plan's
CheckContext.evidence_register; a file checked on its own, or a school whose register for the
plan's years is empty, has none, and nothing is reported).

evidence-code-duplicate reports, for the codes the rows cite: a code that names two different items
(a multi-year plan whose years both use it), and a cited item whose name and number/date are those
of another item under another code (the same document entered twice).
"""

from __future__ import annotations

from caitien.checks.engine import Subject, check
from caitien.evidence.codes import find_any_codes, find_codes
from caitien.text import fold

CITING_FIELDS = (("expected_evidence", "minh chứng dự kiến"), ("notes", "ghi chú"))


def _codes_in(s: Subject, text: str) -> list[str]:
    spec = s.regulation.evidence_code if s.regulation is not None else None
    found = find_codes(spec, text) if spec and spec.get("search") else find_any_codes(text)
    return [code for _start, _end, code in found]


def _cited(s: Subject):
    """(row index, field, label, code), each code once per row and field."""
    for n, item in enumerate(s.doc.items):
        for field, label in CITING_FIELDS:
            seen = set()
            for code in _codes_in(s, getattr(item, field, "") or ""):
                if code not in seen:
                    seen.add(code)
                    yield n, field, label, code


def _document_key(name: str, number: str) -> tuple[str, str] | None:
    name, number = " ".join(fold(name).split()), " ".join(fold(number).split())
    return (name, number) if name and number else None


@check("evidence-code-unknown", "evidence-code-duplicate")
def evidence_codes(s: Subject):
    register = s.context.evidence_register if s.context is not None else None
    if not register:
        # No register for the plan's years: the school keeps its evidence list elsewhere.
        return
    by_document: dict[tuple[str, str], set[str]] = {}
    for code, entries in register.items():
        for name, number in entries:
            key = _document_key(name, number)
            if key:
                by_document.setdefault(key, set()).add(code)
    reported: set[tuple[int, str]] = set()
    for n, field, label, code in _cited(s):
        entries = register.get(code)
        if not entries:
            yield s.finding(
                "evidence-code-unknown",
                f"{s.row_label(n)} ghi mã minh chứng {code} ở cột {label}, nhưng danh mục minh chứng của trường "
                "chưa có mã này. Hãy thêm minh chứng vào danh mục hoặc sửa lại mã.",
                item=n,
                field=field,
            )
            continue
        if (n, code) in reported:
            continue
        distinct = {(fold(name).strip(), fold(number).strip()) for name, number in entries}
        if len(distinct) > 1:
            reported.add((n, code))
            names = "; ".join(f"“{name[:60]}”" for name, _number in entries[:3])
            yield s.finding(
                "evidence-code-duplicate",
                f"{s.row_label(n)} ghi mã minh chứng {code}, nhưng trong danh mục mã này chỉ {len(entries)} minh "
                f"chứng khác nhau ({names}) ở các năm học của kế hoạch. Hãy ghi rõ năm học hoặc dùng mã khác.",
                item=n,
                field=field,
            )
            continue
        for name, number in entries:
            key = _document_key(name, number)
            others = sorted(by_document.get(key, set()) - {code}) if key else []
            if others:
                reported.add((n, code))
                yield s.finding(
                    "evidence-code-duplicate",
                    f"{s.row_label(n)} ghi mã minh chứng {code}; minh chứng này (“{name[:60]}”, {number}) còn có "
                    f"trong danh mục dưới mã {', '.join(others)}. Hãy giữ một mã cho mỗi văn bản.",
                    item=n,
                    field=field,
                )
                break
