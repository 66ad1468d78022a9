"""The regulation catalog as plain Python, read from the versioned data files.

The command line parses, checks and exports plan files without a database, so everything a rule or
a writer needs to know about a regulation (its criteria, level rules, plan form and evidence code)
comes from here. `loadcatalog` copies the same files into the database for the web pages.
A new regulation is a new file in data/; no code changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

SCHOOL_LEVELS = {
    "mam_non": "Mầm non",
    "tieu_hoc": "Tiểu học",
    "thcs": "Trung học cơ sở",
    "thpt": "Trung học phổ thông",
    "nhieu_cap": "Phổ thông có nhiều cấp học",
    "gdtx": "Giáo dục thường xuyên",
}


@dataclass(frozen=True)
class Indicator:
    level: int
    letter: str
    text: str


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    standard: int
    mandatory: bool
    indicators: tuple[Indicator, ...]
    suggested_evidence: str = ""
    quantitative_indicators: tuple[str, ...] = ()

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted({i.level for i in self.indicators}))

    def indicators_at(self, level: int) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.level == level)


@dataclass(frozen=True)
class Standard:
    number: int
    name: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Regulation:
    slug: str
    code: str
    appendix: str
    short_name: str
    name: str
    issued: str
    effective: str
    generation: str
    school_levels: tuple[str, ...]
    verified: bool
    verification_note: str
    level_rules: dict
    plan_form: dict
    evidence_code: dict
    guidance: str
    standards: tuple[Standard, ...]
    level4: tuple[dict, ...] = ()
    raw: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def label(self) -> str:
        """How a person names it: 'Thông tư 57/2026/TT-BGDĐT, Phụ lục II'."""
        base = f"Thông tư {self.code}"
        return f"{base}, {self.appendix}" if self.appendix else base

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for s in self.standards for c in s.criteria)

    def criterion(self, code: str) -> Criterion | None:
        return self._by_code().get(code)

    def standard(self, number: int) -> Standard | None:
        return next((s for s in self.standards if s.number == number), None)

    @property
    def mandatory_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria if c.mandatory)

    def _by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.criteria}

    def column(self, key: str) -> dict | None:
        return next((c for c in self.plan_form["columns"] if c["key"] == key), None)


def _regulation(data: dict) -> Regulation:
    standards = []
    for s in data["standards"]:
        criteria = []
        for c in s["criteria"]:
            indicators = tuple(
                Indicator(level=int(level), letter=i.get("letter", ""), text=i["text"])
                for level, items in sorted(c["levels"].items())
                for i in items
            )
            criteria.append(
                Criterion(
                    code=c["code"],
                    name=c["name"],
                    standard=int(s["number"]),
                    mandatory=bool(c.get("mandatory")),
                    indicators=indicators,
                    suggested_evidence=c.get("suggested_evidence", ""),
                    quantitative_indicators=tuple(c.get("quantitative_indicators", ())),
                )
            )
        standards.append(Standard(number=int(s["number"]), name=s["name"], criteria=tuple(criteria)))
    return Regulation(
        slug=data["slug"],
        code=data["code"],
        appendix=data.get("appendix", ""),
        short_name=data.get("short_name", data["code"]),
        name=data["name"],
        issued=data.get("issued", ""),
        effective=data.get("effective", ""),
        generation=data.get("generation", ""),
        school_levels=tuple(data["school_levels"]),
        verified=bool(data.get("verified")),
        verification_note=data.get("verification_note", ""),
        level_rules=data["level_rules"],
        plan_form=data["plan_form"],
        evidence_code=data["evidence_code"],
        guidance=data.get("guidance", ""),
        standards=tuple(standards),
        level4=tuple(data.get("level4", ())),
        raw=data,
    )


@cache
def regulations() -> tuple[Regulation, ...]:
    """Every regulation in data/, oldest generation first."""
    items = [_regulation(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(DATA_DIR.glob("*.json"))]
    return tuple(sorted(items, key=lambda r: (r.issued, r.slug)))


def get(slug: str) -> Regulation:
    for r in regulations():
        if r.slug == slug:
            return r
    raise KeyError(slug)


def for_circular(code: str | None, school_level: str | None = None) -> Regulation | None:
    """The regulation a plan citing `code` follows; for a circular with several appendices, the one
    serving `school_level` (or None when the level is unknown and the code is ambiguous)."""
    if not code:
        return None
    matches = [r for r in regulations() if r.code == code]
    if len(matches) == 1:
        return matches[0]
    if school_level:
        return next((r for r in matches if school_level in r.school_levels), None)
    return None


def for_school_level(school_level: str, generation: str | None = None) -> list[Regulation]:
    """Regulations serving a school level, newest first (optionally of one generation)."""
    found = [r for r in regulations() if school_level in r.school_levels]
    if generation:
        found = [r for r in found if r.generation == generation]
    return sorted(found, key=lambda r: r.issued, reverse=True)
