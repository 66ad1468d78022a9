"""“Tách thành việc”: suggested tasks from a row's solutions text (công việc, giải pháp).

Schools write the solutions as bullets (•, -, –, +, *), numbered lines ("1.", "2)", "a)"),
semicolon-separated clauses or plain lines. Each becomes one suggested task title; the principal
confirms or edits them before anything is saved.
"""

from __future__ import annotations

import re

from caitien.text import nfc

MAX_TITLE = 500
_MARKER = re.compile(r"^\s*(?:[-–—•·+*▪●○◦]+|\(?\d{1,2}[.)]|\(?[a-zđ][.)]|[ivx]{1,4}[.)])\s*", re.IGNORECASE)
_INLINE_MARKER = re.compile(r"\s(?=(?:[-–•+]\s|\d{1,2}[.)]\s))")


def _clean(part: str) -> str:
    text = _MARKER.sub("", part).strip()
    text = text.strip(" ;,.")
    text = re.sub(r"\s+", " ", text)
    return text[:1].upper() + text[1:] if text else ""


def suggest_tasks(solutions: str) -> list[str]:
    """The task titles found in the text, in order, without duplicates or empty parts."""
    text = nfc(solutions or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) == 1:
        # One line holding several bullets ("- A - B") or numbered parts ("1. A 2. B").
        lines = [p for p in _INLINE_MARKER.split(lines[0]) if p.strip()]
    parts: list[str] = []
    for line in lines:
        pieces = [p for p in line.split(";") if p.strip()]
        if len(pieces) == 1 and parts and not _MARKER.match(line) and line.strip()[:1].islower():
            # A continuation of the previous bullet wrapped onto a new line.
            parts[-1] = f"{parts[-1]} {line.strip()}"
            continue
        parts.extend(pieces)
    seen, titles = set(), []
    for part in parts:
        title = _clean(part)[:MAX_TITLE]
        if len(title) < 3 or title.casefold() in seen:
            continue
        seen.add(title.casefold())
        titles.append(title)
    return titles
