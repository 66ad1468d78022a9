"""What the DOCX, PDF and XLSX writers share: the plan's regulation and form, the table's columns and
cell texts, and the Vietnamese wording of the header, dates, sections and money.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from caitien.catalog import registry
from caitien.planfile.defaults import default_sections
from caitien.planfile.model import Document, Item, Signer
from caitien.text import fold as fold_text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    number: int | None  # the "(1) (2) …" numbering row of the 57/2026 form
    weight: float  # relative width in the table


# Relative widths: the long texts (results, solutions) get the room.
_WEIGHTS = {
    "order": 0.7,
    "criterion": 1.35,
    "level": 0.65,
    "issue": 1.6,
    "expected_result": 2.2,
    "solutions": 2.9,
    "indicator": 1.7,
    "lead": 1.6,
    "time_text": 1.3,
    "budget_text": 1.75,
    "support": 1.5,
    "notes": 1.2,
    "expected_evidence": 1.7,
    "status": 1.1,
}


def regulation_for(doc: Document) -> registry.Regulation:
    """The regulation a document follows: its slug, else its circular and level, else the 2018
    circular of its level (the form every plan written so far uses)."""
    if doc.regulation:
        try:
            return registry.get(doc.regulation)
        except KeyError:
            pass
    found = registry.for_circular(doc.circular, doc.school_level)
    if found is None and doc.circular:
        matches = [r for r in registry.regulations() if r.code == doc.circular]
        # An ambiguous 57/2026 citation without a level: the general-education appendix.
        found = next((r for r in matches if "tieu_hoc" in r.school_levels), matches[0] if matches else None)
    if found is None:
        level = doc.school_level or "thcs"
        found = next(iter(registry.for_school_level(level, generation="2018")), None) or registry.get(
            "tt18-2018"
        )
    return found


def is_new_form(reg: registry.Regulation) -> bool:
    return reg.plan_form.get("code") == "57-mau-2"


def columns(doc: Document, reg: registry.Regulation) -> list[Column]:
    """The plan table's columns, from the regulation's plan form (data, not code). The 2018 form's
    optional Mức column appears only when a row names a level."""
    has_level = any(i.level for i in doc.items)
    out = []
    for c in reg.plan_form["columns"]:
        if c["key"] == "level" and not has_level:
            continue
        out.append(Column(c["key"], c["label"], c.get("number"), _WEIGHTS.get(c["key"], 1.2)))
    return out


def cell_text(item: Item, key: str, order: int, new_form: bool) -> str:
    """The text of one cell; paragraphs separated by "\n"."""
    if key == "order":
        return str(order)
    if key == "criterion":
        return f"Tiêu chí {item.criterion}" if item.criterion else ""
    if key == "issue":
        if item.issue:
            return item.issue
        if item.criterion:
            return f"Tiêu chí {item.criterion}"
        return f"Tiêu chuẩn {item.standard}" if item.standard else ""
    if key == "lead":
        # Chủ trì and phối hợp share one column of the form: labelled, so readers tell them apart.
        lead, coordinators = item.lead, item.coordinators
        if coordinators and lead.endswith(f"; {coordinators}"):
            lead = lead[: -len(coordinators) - 2]
        if coordinators and coordinators not in lead:
            return f"Chủ trì: {lead}\nPhối hợp: {coordinators}" if lead else f"Phối hợp: {coordinators}"
        return lead
    if key == "time_text":
        return item.time_text or time_from_months(item.start, item.end)
    if key == "budget_text":
        budget = item.budget_text or money_text(item)
        if item.funding_source and fold_text(item.funding_source) not in fold_text(budget):
            budget = "\n".join(t for t in (budget, f"Nguồn: {item.funding_source}") if t)
        if new_form:  # one column, "Nguồn lực bảo đảm", holds money and other support
            # The support on its own line after "Hỗ trợ khác:", which the readers take back as Item.support.
            support = f"Hỗ trợ khác: {item.support}" if item.support else ""
            return "\n".join(t for t in (budget, support) if t)
        return budget
    if key == "level":
        return item.level or ""
    return getattr(item, key, "") or ""


def time_from_months(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    first = _month(start)
    if not end or end == start:
        return f"Tháng {first}"
    return f"Từ tháng {first} đến tháng {_month(end)}"


def _month(value: str) -> str:
    year, month = value.split("-")[:2]
    return f"{int(month):02d}/{year}"


def vnd(amount: int) -> str:
    """45000000 -> '45.000.000'."""
    return f"{amount:,}".replace(",", ".")


def money_text(item: Item) -> str:
    parts = []
    for a in item.budget_amounts:
        per = {"month": "/tháng", "year": "/năm"}.get(a.per or "", "")
        parts.append(f"{vnd(a.vnd)} đồng{per}")
    return "; ".join(parts)


def one_off_total(item: Item) -> int:
    return sum(a.vnd for a in item.budget_amounts if not a.per)


def budget_total(doc: Document) -> tuple[int, bool]:
    """The plan's estimated one-off spending and whether some rows also state recurring amounts
    (per month or year), which a single total cannot honestly include."""
    total = sum(one_off_total(i) for i in doc.items)
    recurring = any(a.per for i in doc.items for a in i.budget_amounts)
    return total, recurring


def standard_groups(doc: Document) -> list[tuple[int | None, list[tuple[int, Item]]]]:
    """Items grouped by standard in document order, each with its 1-based row number; a new group
    starts whenever the standard changes, so rows are never reordered."""
    groups: list[tuple[int | None, list[tuple[int, Item]]]] = []
    for n, item in enumerate(doc.items, start=1):
        std = item.standard_number()
        if not groups or groups[-1][0] != std:
            groups.append((std, []))
        groups[-1][1].append((n, item))
    return groups


def standard_heading(doc: Document, reg: registry.Regulation, number: int) -> str:
    name = doc.standard_headings.get(str(number))
    if not name:
        std = reg.standard(number)
        name = std.name if std else ""
    return f"Tiêu chuẩn {number}: {name}" if name else f"Tiêu chuẩn {number}"


def number_line(doc: Document, symbol: str = "KH") -> str:
    """`symbol` is the kind of document in the number: KH for a plan, BC for a report."""
    # An unnumbered draft leaves room for the clerk to write the number when it is registered.
    return f"Số: {doc.document_number}" if doc.document_number else f"Số:        /{symbol}-"


def date_line(doc: Document) -> str:
    """'Định Hiệp, ngày 29 tháng 11 năm 2022': days below 10 and months 1 and 2 take a leading zero
    (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4)."""
    place = doc.place or ""
    try:
        day = dt.date.fromisoformat(doc.date) if doc.date else None
    except ValueError:
        day = None
    if day is None:
        when = "ngày      tháng      năm 20"
    else:
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        when = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {when}" if place else when.capitalize()


def period_years(doc: Document) -> tuple[int | None, int | None]:
    p = doc.period or {}
    return p.get("start_year"), p.get("end_year")


def title_text(doc: Document) -> str:
    if doc.title:
        return doc.title
    from caitien.planfile.defaults import period_phrase

    return "Cải tiến chất lượng giáo dục " + period_phrase(*period_years(doc))


def signer(doc: Document) -> Signer:
    s = doc.signer or Signer()
    return Signer(title=s.title or "HIỆU TRƯỞNG", name=s.name)


def recipient_lines(doc: Document) -> list[str]:
    """'- Phòng GDĐT (để báo cáo);' … the last one ending with a full stop."""
    names = list(doc.recipients) or ["Như trên", "Lưu: VT"]
    return [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]


@dataclass
class Section:
    key: str
    number: str
    title: str
    text: str  # paragraphs joined with "\n"; "" for the table sections


def sections(doc: Document, reg: registry.Regulation) -> list[Section]:
    """The form's sections in order, each with the document's text or, when it has none, the default."""
    start, end = period_years(doc)
    defaults = default_sections(
        reg, doc.school_level, school_name=doc.school or "", start_year=start, end_year=end
    )
    out = []
    for s in reg.plan_form["sections"]:
        key = s["key"]
        text = (doc.sections or {}).get(key) or defaults.get(key, "")
        out.append(Section(key=key, number=s["number"], title=s["title"], text=text))
    return out


def section_spec(reg: registry.Regulation, key: str) -> dict:
    return next((s for s in reg.plan_form["sections"] if s["key"] == key), {})


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def is_subheading(paragraph: str) -> bool:
    """'1. Mục đích' — a short numbered line without a final full stop or colon."""
    head, _, rest = paragraph.partition(". ")
    return head.isdigit() and bool(rest) and len(paragraph) <= 90 and not paragraph.endswith((".", ";", ":"))


# Times New Roman is not on Debian; Liberation Serif has the same metrics, so widths measured with
# it are the widths Word will draw. Only Liberation 2 (Debian: fonts-liberation2) has the Vietnamese
# letters; 1.07 (fonts-liberation) has the same Latin metrics. Without either, an average glyph
# width is close enough.
_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """The printed width of `text` in points at `size` pt in Times New Roman."""
    try:
        return _font(round(size * 10), bold).getlength(text) / 10
    except (ImportError, OSError):
        return len(text) * size * (0.52 if bold else 0.48)


@functools.cache
def _font(tenths: int, bold: bool):
    # Pillow measures in whole pixels: load at ten times the size and scale back for precision.
    from PIL import ImageFont

    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in _FONT_DIRS:
        try:
            return ImageFont.truetype(f"{folder}/{name}", size=tenths)
        except OSError:
            continue
    raise OSError(name)


@dataclass
class PriorityRow:
    standard_text: str
    criteria: str
    current_state: str
    limitation: str
    cause: str


def priority_rows(doc: Document, reg: registry.Regulation) -> list[PriorityRow]:
    """Section IV of the 57/2026 form: the document's priority issues, or, when it lists none, one
    row per standard its plan rows touch, with the criteria named and the assessment left to write."""
    if doc.priority_issues:
        return [
            PriorityRow(
                f"Tiêu chuẩn {p.standard}" if p.standard else "",
                p.criteria,
                p.current_state,
                p.limitation,
                p.cause,
            )
            for p in doc.priority_issues
        ]
    by_standard: dict[int, list[str]] = {}
    for item in doc.items:
        std = item.standard_number()
        if std is None:
            continue
        codes = by_standard.setdefault(std, [])
        if item.criterion and item.criterion not in codes:
            codes.append(item.criterion)
    return [PriorityRow(f"Tiêu chuẩn {s}", ", ".join(c), "", "", "") for s, c in sorted(by_standard.items())]


def monitoring_rows(doc: Document, reg: registry.Regulation):
    """Section VI of the 57/2026 form: the document's entries, else the form's moments (end of
    semester I, end of year) ready to fill in."""
    from caitien.planfile.model import MonitoringEntry

    if doc.monitoring:
        return list(doc.monitoring)
    moments = section_spec(reg, "monitoring").get("rows") or ["Cuối học kỳ I", "Cuối năm học"]
    return [MonitoringEntry(moment=m) for m in moments]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """Text without the control characters XML cannot hold (a stray vertical tab pasted from Word
    would otherwise make the DOCX or XLSX unwritable)."""
    return _CONTROL.sub(" ", text) if text else text


_BULLET_BREAK = re.compile(r"(?<=[;.:])\s+(?=[-+•] )")


def cell_paragraphs(text: str) -> list[str]:
    """A cell's paragraphs: its own line breaks, and a one-line bulleted text ("- A; - B.") broken
    before each bullet, as it was typed. Only a dash after ";", "." or ":" starts a bullet, so
    "2025 - 2026" stays whole; joining the paragraphs with spaces gives the text back."""
    out = []
    for line in printable(text or "").split("\n"):
        line = line.strip()
        if not line:
            continue
        out.extend(_BULLET_BREAK.split(line) if line[:2] in ("- ", "+ ", "• ") else [line])
    return out
