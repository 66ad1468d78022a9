"""Item recall and field accuracy of a reading against a reference reading, counted the way the
ground-truth scorer counts them (items aligned by criterion in order; a text field is right at a
normalised similarity of 0.85, months, levels and amounts must be equal)."""

from __future__ import annotations

import difflib
import unicodedata

TEXT = ["expected_result", "solutions", "lead", "time_text", "budget_text", "support", "notes"]
EXACT = ["level", "start", "end"]
FORM_57 = ["issue", "indicator", "expected_evidence", "status"]


def _norm(value) -> str:
    text = unicodedata.normalize("NFC", str(value or "")).casefold()
    return " ".join(text.replace("\u00a0", " ").split())


def _similar(a, b, ratio=0.85) -> bool:
    a, b = _norm(a), _norm(b)
    if a == b:
        return True
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= ratio


def _amounts(item) -> list:
    return sorted(((a.vnd, a.per) for a in item.budget_amounts), key=repr)


def score(truth, read) -> tuple[float, float]:
    """(item recall, field accuracy) of Document `read` against Document `truth`."""
    t = [_norm(i.criterion) for i in truth.items]
    p = [_norm(i.criterion) for i in read.items]
    matcher = difflib.SequenceMatcher(None, t, p, autojunk=False)
    pairs = {b.a + k: b.b + k for b in matcher.get_matching_blocks() for k in range(b.size)}
    right = total = 0
    for index, expected in enumerate(truth.items):
        got = read.items[pairs[index]] if index in pairs else None
        names = TEXT + EXACT + ["budget_amounts"] + [f for f in FORM_57 if getattr(expected, f)]
        for name in names:
            if name == "level" and not expected.level:
                continue
            total += 1
            if got is None:
                continue
            if name in TEXT or name in FORM_57:
                right += _similar(getattr(expected, name), getattr(got, name))
            elif name == "budget_amounts":
                right += _amounts(expected) == _amounts(got)
            else:
                right += _norm(getattr(expected, name)) == _norm(getattr(got, name))
    recall = len(pairs) / len(truth.items) if truth.items else 1.0
    return recall, (right / total if total else 1.0)
