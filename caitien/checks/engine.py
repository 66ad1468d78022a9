"""The rule engine: resolves the regulation a plan follows, runs every check, returns findings.

A check is a function `check(subject) -> Iterable[Finding]` registered with `@check`; it reads the
plan document (caitien.planfile.model.Document) only, so an imported file and a saved plan are
judged alike. Saved-plan knowledge (self-assessment levels, weaknesses) comes in a CheckContext.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from caitien.catalog import registry
from caitien.catalog.registry import Regulation
from caitien.checks.rules import RULES
from caitien.planfile.model import Document, Item

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Finding:
    rule: str
    severity: str  # "error" (lỗi) | "warning" (cảnh báo) | "info" (gợi ý)
    message: str  # Vietnamese: what is wrong and how to fix it
    item: int | None = None  # 0-based index into doc.items
    criterion: str | None = None
    field: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class CheckContext:
    """What a saved plan knows beyond its document (filled by caitien.plans.documents.check_context_for)."""

    criterion_levels: dict[str, int] = field(
        default_factory=dict
    )  # level reached per criterion code (0 = none)
    weaknesses: dict[str, str] = field(default_factory=dict)  # criterion code -> weaknesses text
    target_level: int | None = None
    saved: bool = False
    execution: object | None = None  # caitien.execution.facts.ExecutionFacts of a published plan
    # The school's evidence register for the plan's years: code -> [(name, number and date)] (one
    # entry per item; two entries when two years use the code). None: no register known.
    evidence_register: dict[str, list[tuple[str, str]]] | None = None


@dataclass
class Subject:
    """A document prepared for the checks: the regulation it follows and how that was decided."""

    doc: Document
    regulation: Regulation | None
    assumed: str  # Vietnamese note when the regulation was inferred, "" when the plan names it
    context: CheckContext | None

    def finding(
        self,
        rule: str,
        message: str,
        *,
        item: int | None = None,
        criterion: str | None = None,
        field: str | None = None,
    ) -> Finding:
        if criterion is None and item is not None:
            criterion = self.doc.items[item].criterion
        return Finding(
            rule=rule,
            severity=RULES[rule].severity,
            message=message,
            item=item,
            criterion=criterion,
            field=field,
        )

    @property
    def is_2026(self) -> bool:
        return bool(self.regulation and self.regulation.generation == "2026")

    def row_label(self, index: int) -> str:
        item = self.doc.items[index]
        if item.criterion:
            return f"Dòng {index + 1} (tiêu chí {item.criterion})"
        if item.standard_number():
            return f"Dòng {index + 1} (tiêu chuẩn {item.standard_number()})"
        return f"Dòng {index + 1}"


Check = Callable[[Subject], Iterable[Finding]]
CHECKS: list[tuple[tuple[str, ...], Check]] = []


def check(*rule_ids: str):
    """Register a check and the rule ids it may report (each must be documented in RULES)."""

    def register(fn: Check) -> Check:
        for rule_id in rule_ids:
            if rule_id not in RULES:
                raise KeyError(f"rule {rule_id} is not documented in caitien.checks.rules")
        CHECKS.append((rule_ids, fn))
        return fn

    return register


def run_checks(doc: Document, *, context: CheckContext | None = None) -> list[Finding]:
    """All findings for the plan: document-level ones first, then row by row, errors first."""
    # The rule modules register their checks on import.
    from caitien.checks import (  # noqa: F401
        budget,
        criteria,
        document,
        evidence,
        execution,
        rows,
        saved,
        timeline,
        wording,
    )

    subject = resolve(doc, context)
    findings: list[Finding] = []
    for rule_ids, fn in CHECKS:
        for finding in fn(subject):
            if finding.rule not in rule_ids:
                raise ValueError(f"{fn.__name__} reported undeclared rule {finding.rule}")
            findings.append(finding)
    order = {rule_id: n for n, rule_id in enumerate(RULES)}
    findings.sort(key=lambda f: (f.item is not None, f.item or 0, SEVERITY_ORDER[f.severity], order[f.rule]))
    return findings


def resolve(doc: Document, context: CheckContext | None = None) -> Subject:
    regulation, assumed = resolve_regulation(doc)
    return Subject(doc=doc, regulation=regulation, assumed=assumed, context=context)


def resolve_regulation(doc: Document) -> tuple[Regulation | None, str]:
    """The regulation the plan follows and, when it had to be inferred, a note saying so."""
    level = doc.school_level
    if doc.regulation:
        try:
            return registry.get(doc.regulation), ""
        except KeyError:
            pass
    cited = registry.for_circular(normalise_circular(doc.circular), level) if doc.circular else None
    if cited and (not level or level in cited.school_levels):
        return cited, ""
    if level:
        # The plan cites nothing, or a circular of another level: judge it by its own level's
        # regulation of the same generation (2018 unless it cites a 2026 circular).
        generation = cited.generation if cited else "2018"
        found = registry.for_school_level(level, generation) or registry.for_school_level(level)
        if found:
            regulation = found[0]
            level_name = registry.SCHOOL_LEVELS.get(level, level).lower()
            if cited:
                note = (
                    f"Kế hoạch trích {cited.label} nhưng trường thuộc cấp {level_name}; "
                    f"các tiêu chí được kiểm tra theo {regulation.label}."
                )
            else:
                note = (
                    f"Kế hoạch không ghi thông tư kiểm định; các tiêu chí được kiểm tra theo "
                    f"{regulation.label} (cấp {level_name}). Hãy ghi rõ thông tư áp dụng trong phần Căn cứ."
                )
            return regulation, note
    if cited:
        return cited, ""
    return None, (
        "Không xác định được cấp học và thông tư áp dụng nên chưa kiểm tra được mã tiêu chí. "
        "Hãy ghi rõ tên trường (cấp học) và thông tư kiểm định trong phần Căn cứ."
    )


def normalise_circular(code: str | None) -> str | None:
    """ "17/2018/TT-BGDDT", "17/2018/TT-BGD&ĐT" -> "17/2018/TT-BGDĐT"."""
    if not code:
        return None
    m = re.search(r"(\d{1,3})\s*/\s*(\d{4})", code)
    return f"{m.group(1)}/{m.group(2)}/TT-BGDĐT" if m else code


def row_text(item: Item) -> str:
    """The words that say what a row is about."""
    return " ".join(x for x in (item.issue, item.expected_result, item.solutions, item.indicator) if x)


def level_number(text: str | None) -> int | None:
    """ "2", "Mức 2", "mức II" -> 2; None when it is no level."""
    if not text:
        return None
    m = re.search(r"\d+", text)
    if m:
        return int(m.group())
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    words = re.findall(r"[a-z]+", text.lower())
    return next((roman[w] for w in words if w in roman), None)
