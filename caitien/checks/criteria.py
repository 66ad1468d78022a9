"""Rules on the criterion and level of each row, judged against the regulation's catalog."""

from __future__ import annotations

import re

from caitien.checks import matching
from caitien.checks.engine import Subject, check, level_number, row_text
from caitien.text import fold


def _code(text: str | None) -> str | None:
    """ "Tiêu chí 1.3", "TC 1.3", "1.3." -> "1.3"."""
    if not text:
        return None
    m = re.search(r"(\d+)\s*\.\s*(\d+)", text)
    return f"{int(m.group(1))}.{int(m.group(2))}" if m else text.strip()


@check("unknown-criterion", "missing-criterion")
def criterion_exists(s: Subject):
    reg = s.regulation
    if reg is None:
        return
    for n, item in enumerate(s.doc.items):
        code = _code(item.criterion)
        if code is None:
            if reg.plan_form.get("requires_criterion"):
                where = f"chỉ ghi tiêu chuẩn {item.standard_number()}, " if item.standard_number() else ""
                yield s.finding(
                    "missing-criterion",
                    f"Dòng {n + 1} {where}không ghi tiêu chí. Theo mẫu kế hoạch của {reg.label}, "
                    "mỗi dòng cải tiến một tiêu chí; hãy ghi tiêu chí cụ thể (ví dụ “Tiêu chí 3.2”).",
                    item=n,
                    field="criterion",
                )
            continue
        if reg.criterion(code) is None:
            head = code.split(".")[0]
            standard = (
                reg.standard(int(head)) if head.isascii() and head.isdigit() and len(head) < 4 else None
            )
            if standard:
                hint = (
                    f"Tiêu chuẩn {standard.number} chỉ có các tiêu chí "
                    f"{standard.criteria[0].code}–{standard.criteria[-1].code}."
                )
            else:
                hint = f"{reg.label} có Tiêu chuẩn 1–{reg.standards[-1].number}."
            yield s.finding(
                "unknown-criterion",
                f"Dòng {n + 1} ghi tiêu chí {item.criterion}, nhưng {reg.label} không có tiêu chí này. "
                f"{hint} Hãy sửa mã tiêu chí.",
                item=n,
                field="criterion",
            )


@check("duplicate-criterion")
def duplicates(s: Subject):
    first: dict[str, int] = {}
    for n, item in enumerate(s.doc.items):
        code = _code(item.criterion)
        if not code:
            continue
        if code in first:
            yield s.finding(
                "duplicate-criterion",
                f"Dòng {n + 1} ghi tiêu chí {code}, trùng với dòng {first[code] + 1}. Hãy kiểm tra lại mã "
                "tiêu chí; nếu đúng là cùng một tiêu chí thì nên gộp hai dòng.",
                item=n,
                field="criterion",
            )
        else:
            first[code] = n


@check("criterion-content-mismatch")
def content_fits(s: Subject):
    reg = s.regulation
    if reg is None:
        return
    for n, item in enumerate(s.doc.items):
        code = _code(item.criterion)
        if not code or reg.criterion(code) is None:
            continue
        fit = matching.misfiled(reg.slug, code, row_text(item))
        if fit is None:
            continue
        best = reg.criterion(fit.best)
        filed = reg.criterion(code)
        why = "lặp lại gần nguyên văn một chỉ báo của" if fit.reason == "indicator" else "thuộc về"
        yield s.finding(
            "criterion-content-mismatch",
            f"Dòng {n + 1} ghi tiêu chí {code} ({filed.name}) nhưng nội dung {why} tiêu chí {best.code} "
            f"({best.name}). Hãy sửa mã tiêu chí hoặc viết lại nội dung cho đúng tiêu chí {code}.",
            item=n,
            field="criterion",
        )


_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?)\s*m(?:2|²)")


def _quantities(text: str) -> set[str]:
    return {m.group(1).replace(",", ".") + "m2" for m in _QUANTITY.finditer(fold(text).replace("m²", "m2"))}


@check("level-invalid", "level-not-in-criterion", "level-content-mismatch")
def levels(s: Subject):
    reg = s.regulation
    if reg is None:
        return
    max_level = int(reg.level_rules.get("max_level") or 0)
    for n, item in enumerate(s.doc.items):
        if not (item.level or "").strip():
            continue
        level = level_number(item.level)
        if level is None or level < 1 or (max_level and level > max_level):
            yield s.finding(
                "level-invalid",
                f"Dòng {n + 1} ghi mức “{item.level}”, nhưng {reg.label} chỉ có "
                + (f"Mức 1 đến Mức {max_level}. " if max_level > 2 else "Mức 1 và Mức 2. ")
                + "Hãy sửa mức hướng tới.",
                item=n,
                field="level",
            )
            continue
        criterion = reg.criterion(_code(item.criterion) or "")
        if criterion is None:
            continue
        if level not in criterion.levels and level <= max(
            reg.level_rules.get("criterion_levels") or [max_level]
        ):
            yield s.finding(
                "level-not-in-criterion",
                f"Dòng {n + 1} hướng tới Mức {level}, nhưng tiêu chí {criterion.code} không có yêu cầu ở "
                f"Mức {level} (chỉ có Mức {', '.join(map(str, criterion.levels))}). Hãy chọn mức có trong "
                "tiêu chí.",
                item=n,
                field="level",
            )
            continue
        if level > max(criterion.levels, default=0):
            continue  # a Mức 4 row of a 2018 plan: judged by the school-level requirements, not here
        wanted = _quantities(row_text(item))
        if not wanted:
            continue
        at_or_below = set().union(*(_quantities(i.text) for i in criterion.indicators if i.level <= level))
        for indicator in criterion.indicators:
            if indicator.level > level and (wanted & _quantities(indicator.text)) - at_or_below:
                shown = ", ".join(sorted(wanted & _quantities(indicator.text))).replace("m2", " m²")
                yield s.finding(
                    "level-content-mismatch",
                    f"Dòng {n + 1} ghi Mức {level} nhưng hướng tới diện tích {shown}, là chỉ báo Mức "
                    f"{indicator.level} của tiêu chí {criterion.code}. Hãy sửa mức hướng tới cho khớp, "
                    "hoặc tách thành hai dòng.",
                    item=n,
                    field="level",
                )
                break
