"""How long each text of a plan may be, enforced by the services with a clear message and shown by
the pages as a counter (data-limit). Nothing typed is cut: a text past its limit is refused and
stays on the page for the person to shorten."""

from __future__ import annotations

# Row cells. Short fields follow their database column; long texts get room for a real plan's cell
# (the longest cells of the plans we have seen are under 2,500 characters).
ITEM_LIMITS = {
    "criterion_code": 20,
    "level": 10,
    "issue": 4000,
    "expected_result": 4000,
    "solutions": 6000,
    "indicator": 4000,
    "lead_text": 1000,
    "coordinators_text": 1000,
    "time_text": 300,
    "budget_text": 2000,
    "funding_source": 300,
    "support": 4000,
    "expected_evidence": 4000,
    "status": 100,
    "notes": 4000,
}
# Rows of one plan in a posted form (an import's preview): real plans have 5 to 60; a posted count
# above this is refused before any row form is built.
MAX_ROWS = 300
COMMENT_LIMIT = 4000
ANSWER_LIMIT = 4000
REASON_LIMIT = 2000
SECTION_LIMIT = 20000
SMALL_TABLE_CELL_LIMIT = 4000
HEADER_LIMITS = {
    "title": 300,
    "governing_body": 200,
    "school_name": 200,
    "place": 100,
    "closing_text": 2000,
    "signer_title": 100,
    "signer_name": 150,
    "recipients": 2000,
}


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def too_long(label: str, text: str, limit: int) -> str | None:
    """The Vietnamese refusal for a text past its limit, or None when it fits."""
    if len(text) <= limit:
        return None
    return (
        f"{label} dài {number(len(text))} ký tự, quá giới hạn {number(limit)} ký tự. "
        f"Hãy rút gọn bớt {number(len(text) - limit)} ký tự; nội dung bạn đã gõ vẫn còn nguyên."
    )
