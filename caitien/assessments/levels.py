"""The level rules of each regulation, as pure functions over plain data.

The rules are data (`regulation.level_rules` in caitien/catalog/data/*.json); this module reads the
`kind` and applies it, so a new regulation with an existing kind needs no code. Nothing here touches
the database: the criterion is a `caitien.catalog.registry.Criterion`, the regulation a
`registry.Regulation` (a database Regulation is accepted too, through its `.registry`).

Two kinds exist:
- "cumulative" (the 2018 circulars): a criterion is at Mức n when every indicator of Mức 1..n is met;
  the school is at Mức n when every criterion that has a Mức n requirement is met at Mức n (and so
  below). Criteria without Mức 3 indicators do not block Mức 3. Mức 4 is a set of whole-school
  requirements outside the per-criterion data, so the school level computed here stops at 3.
- "mandatory_plus" (57/2026): Mức 1 when every mandatory criterion and at least `min_other` of the
  others reach Mức 1; Mức 2 when every mandatory criterion and at least `min_other` others reach
  Mức 2 and none of the others is below Mức 1; otherwise 0 ("Chưa đạt Mức 1").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class LevelRulesError(ValueError):
    """The regulation's level rules cannot be applied (an unknown kind, missing settings)."""


def _registry(regulation):
    return getattr(regulation, "registry", regulation)


def level_met(results: Sequence[bool] | None, expected_count: int) -> bool:
    """All `expected_count` indicators of one level are met (a missing answer counts as not met)."""
    results = list(results or [])
    return expected_count > 0 and len(results) >= expected_count and all(results[:expected_count])


def criterion_level(indicator_results_by_level: Mapping[int, Sequence[bool]], criterion) -> int:
    """The level a criterion reaches: the highest n such that every indicator of Mức 1..n is met.

    `indicator_results_by_level` maps a level to the answers for that level's indicators, in the
    catalog's order ({1: [True, True, True], 2: [False]}). The same rule serves both kinds: under
    57/2026 too, Mức 2 of a criterion presupposes its Mức 1.
    """
    reached = 0
    for level in criterion.levels:
        expected = len(criterion.indicators_at(level))
        if not level_met(indicator_results_by_level.get(level), expected):
            break
        reached = level
    return reached


def school_level(criterion_levels: Mapping[str, int], regulation) -> int:
    """The level the school reaches from its criteria's levels ({"1.1": 2, ...}); 0 = not Mức 1.

    A criterion missing from `criterion_levels` counts as level 0.
    """
    reg = _registry(regulation)
    rules = reg.level_rules or {}
    kind = rules.get("kind")
    if kind == "cumulative":
        return _cumulative(criterion_levels, reg, rules)
    if kind == "mandatory_plus":
        return _mandatory_plus(criterion_levels, reg, rules)
    raise LevelRulesError(
        f"Văn bản {reg.label} có quy tắc xác định mức loại “{kind}” mà phần mềm chưa biết cách tính. "
        "Hãy kiểm tra mục level_rules.kind trong tệp danh mục (cumulative hoặc mandatory_plus)."
    )


def _cumulative(levels: Mapping[str, int], reg, rules: dict) -> int:
    reached = 0
    for n in sorted(rules.get("criterion_levels") or (1, 2, 3)):
        required = [c for c in reg.criteria if n in c.levels]
        if not required or any(levels.get(c.code, 0) < n for c in required):
            break
        reached = n
    return reached


def _mandatory_plus(levels: Mapping[str, int], reg, rules: dict) -> int:
    if "min_other" not in rules:
        raise LevelRulesError(
            f"Văn bản {reg.label} dùng quy tắc mandatory_plus nhưng thiếu min_other "
            "(số tiêu chí không bắt buộc tối thiểu phải đạt). Hãy bổ sung vào tệp danh mục."
        )
    min_other = int(rules["min_other"])
    mandatory = [levels.get(c.code, 0) for c in reg.criteria if c.mandatory]
    others = [levels.get(c.code, 0) for c in reg.criteria if not c.mandatory]

    def reaches(n: int) -> bool:
        return all(x >= n for x in mandatory) and sum(1 for x in others if x >= n) >= min_other

    if reaches(2) and all(x >= 1 for x in others):
        return 2
    if reaches(1):
        return 1
    return 0


def level_label(level: int) -> str:
    """How a page names a level: "Mức 2", or "Chưa đạt Mức 1"."""
    return f"Mức {level}" if level > 0 else "Chưa đạt Mức 1"


def max_criterion_level(regulation) -> int:
    """The highest level a single criterion can reach under this regulation (3 or 2)."""
    reg = _registry(regulation)
    return max(reg.level_rules.get("criterion_levels") or [c for crit in reg.criteria for c in crit.levels])
