"""Rules that need the self-assessment behind a saved plan (CheckContext)."""

from __future__ import annotations

from caitien.checks.criteria import _code
from caitien.checks.engine import Subject, check, level_number

# The rules of this module quote the self-assessment (levels reached, weaknesses written): pages
# and the API show their findings only to people who may read that self-assessment.
RULES_FROM_SELF_ASSESSMENT = frozenset(
    {"level-not-above-current", "weakness-not-covered", "mandatory-criterion-at-risk"}
)


def _planned(s: Subject) -> set[str]:
    return {c for c in (_code(i.criterion) for i in s.doc.items) if c}


@check("level-not-above-current")
def level_not_above(s: Subject):
    ctx = s.context
    if ctx is None or not ctx.criterion_levels:
        return
    for n, item in enumerate(s.doc.items):
        code, level = _code(item.criterion), level_number(item.level)
        if not code or level is None or code not in ctx.criterion_levels:
            continue
        reached = int(ctx.criterion_levels[code] or 0)
        if level <= reached:
            yield s.finding(
                "level-not-above-current",
                f"{s.row_label(n)} hướng tới Mức {level}, nhưng theo tự đánh giá tiêu chí {code} đã đạt "
                f"Mức {reached}. Hãy nâng mức hướng tới, hoặc ghi rõ đây là việc duy trì.",
                item=n,
                field="level",
            )


@check("weakness-not-covered")
def weaknesses(s: Subject):
    ctx, reg = s.context, s.regulation
    if ctx is None:
        return
    planned = _planned(s)
    reported = set()
    for code, text in sorted(ctx.weaknesses.items(), key=lambda kv: _sort_key(kv[0])):
        if code in planned or not (text or "").strip():
            continue
        reported.add(code)
        short = " ".join(text.split())
        short = short if len(short) <= 120 else short[:117] + "…"
        yield s.finding(
            "weakness-not-covered",
            f"Tự đánh giá ghi điểm yếu của tiêu chí {code} (“{short}”) nhưng kế hoạch chưa có dòng "
            "cải tiến nào cho tiêu chí này. Hãy thêm dòng cải tiến.",
            criterion=code,
            field="items",
        )
    if reg is None or not ctx.target_level or not ctx.criterion_levels:
        return
    for criterion in reg.criteria:
        code = criterion.code
        if code in planned or code in reported or code not in ctx.criterion_levels:
            continue
        reached = int(ctx.criterion_levels[code] or 0)
        target = min(ctx.target_level, max(criterion.levels, default=ctx.target_level))
        if reached < target:
            if s.is_2026 and criterion.mandatory and reached < 1:
                continue  # reported as mandatory-criterion-at-risk
            yield s.finding(
                "weakness-not-covered",
                f"Tiêu chí {code} ({criterion.name}) {_level_text(reached)} trong khi trường hướng tới "
                f"Mức {target}, nhưng kế hoạch chưa có dòng cải tiến cho tiêu chí này. "
                "Hãy thêm dòng cải tiến.",
                criterion=code,
                field="items",
            )


@check("mandatory-criterion-at-risk")
def mandatory(s: Subject):
    ctx, reg = s.context, s.regulation
    if ctx is None or reg is None or not s.is_2026:
        return
    planned = _planned(s)
    for criterion in reg.criteria:
        code = criterion.code
        if (
            criterion.mandatory
            and code in ctx.criterion_levels
            and int(ctx.criterion_levels[code] or 0) < 1
            and code not in planned
        ):
            yield s.finding(
                "mandatory-criterion-at-risk",
                f"Tiêu chí bắt buộc {code} ({criterion.name}) chưa đạt Mức 1 mà kế hoạch không có dòng "
                "cải tiến; chỉ cần một tiêu chí bắt buộc chưa đạt là trường không đạt Mức 1. Hãy ưu tiên "
                "thêm dòng cải tiến cho tiêu chí này.",
                criterion=code,
                field="items",
            )


def _level_text(level: int) -> str:
    return f"mới đạt Mức {level}" if level else "chưa đạt Mức 1"


def _sort_key(code: str):
    parts = code.split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts)
