"""Evidence codes in the regulation's format, read from the regulation's data (`evidence_code`).

The 2018 circulars write `[Hn-a.b-cc]` (hộp n, standard a, criterion b, running number cc), the
57/2026 circular `MC.a.b.cc`. Each data file gives the `template` that writes a code, the `parse`
expression that reads one back, the `search` expression that finds codes inside a text and the `box`
rule (`"standard"`: one hộp per standard). A new regulation with another format is a data change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from caitien.catalog import registry

# An item that serves no criterion (a general document of the school) is numbered under
# standard 0, criterion 0: "[H0-0.0-01]", "MC.0.0.01".
GENERAL = (0, 0)


@dataclass(frozen=True)
class CodeParts:
    standard: int
    criterion: int
    number: int
    box: int | None = None


def spec_for(regulation) -> dict:
    """The `evidence_code` data of a regulation (a catalog model, a registry regulation or a slug)."""
    slug = regulation if isinstance(regulation, str) else regulation.slug
    return registry.get(slug).evidence_code


def criterion_numbers(criterion_code: str | None) -> tuple[int, int]:
    """ "1.10" → (1, 10); no criterion → GENERAL."""
    if not criterion_code:
        return GENERAL
    standard, _, number = criterion_code.partition(".")
    try:
        return int(standard), int(number or 0)
    except ValueError:
        return GENERAL


def box_for(spec: dict, standard: int) -> int | None:
    rule = spec.get("box")
    if rule == "standard":
        return standard
    if isinstance(rule, int):
        return rule
    return None


def format_code(spec: dict, standard: int, criterion: int, number: int, box: int | None = None) -> str:
    if box is None:
        box = box_for(spec, standard)
    return spec["template"].format(box=box, standard=standard, criterion=criterion, number=number)


def parse_code(spec: dict, code: str) -> CodeParts | None:
    match = _compiled(spec["parse"]).match((code or "").strip())
    if not match:
        return None
    groups = match.groupdict()
    return CodeParts(
        standard=int(groups["standard"]),
        criterion=int(groups["criterion"]),
        number=int(groups["number"]),
        box=int(groups["box"]) if groups.get("box") else None,
    )


def normalize(spec: dict, code: str) -> str:
    """The code as the register writes it ("H1-1.1-1" typed without brackets → "[H1-1.1-01]")."""
    parts = parse_code(spec, code)
    if parts is None:
        return (code or "").strip()
    return format_code(spec, parts.standard, parts.criterion, parts.number, parts.box)


def next_code(spec: dict, criterion_code: str | None, existing_codes, box: int | None = None) -> str:
    """The first free running number of the criterion among `existing_codes`, after the highest."""
    standard, criterion = criterion_numbers(criterion_code)
    highest = 0
    for code in existing_codes:
        parts = parse_code(spec, code)
        if parts and (parts.standard, parts.criterion) == (standard, criterion):
            highest = max(highest, parts.number)
    return format_code(spec, standard, criterion, highest + 1, box)


def find_codes(spec: dict, text: str) -> list[tuple[int, int, str]]:
    """Every code written in `text`: (start, end, normalized code)."""
    return [
        (m.start(), m.end(), normalize(spec, m.group(0)))
        for m in _compiled(spec["search"]).finditer(text or "")
    ]


def find_any_codes(text: str) -> list[tuple[int, int, str]]:
    """Codes of every known format, for texts whose regulation is not at hand."""
    found: dict[tuple[int, int], str] = {}
    for spec in _all_specs():
        for start, end, code in find_codes(spec, text):
            found.setdefault((start, end), code)
    return sorted((start, end, code) for (start, end), code in found.items())


def _all_specs() -> list[dict]:
    seen, specs = set(), []
    for regulation in registry.regulations():
        spec = regulation.evidence_code
        if spec.get("search") and spec["search"] not in seen:
            seen.add(spec["search"])
            specs.append(spec)
    return specs


@cache
def _compiled(expression: str) -> re.Pattern:
    return re.compile(expression)
