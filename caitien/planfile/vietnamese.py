"""Vietnamese parsing rules shared by every plan reader.

Plans come typed with or without diacritics, through OCR that confuses letters ("Tiéu chi",
"HQC", "S6:"), and with many ways of writing a time or an amount. Every rule here works on a
folded copy of the text that keeps one character per original character (`fold_same_length`), so
a match can always be cut back out of the original spelling.

Months follow the school year: a school year runs 09..05, HKI 09..12, HKII 01..05, a quarter its
three months, and an open-ended time ("và các năm tiếp theo") ends at the plan period's last month.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from caitien.planfile.model import Amount, clean_text

# ---------------------------------------------------------------------------------------------
# Folding


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


_FOLD_TABLE = {i: _fold_char(chr(i)) for i in range(0x41, 0x2000) if _fold_char(chr(i)) != chr(i)}


def fold_same_length(text: str) -> str:
    """Lower case without diacritics, one output character per input character (text must be NFC)."""
    return text.translate(_FOLD_TABLE)


def nfc(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    # Misplaced combining marks ("điǹh") survive NFC; drop stray marks so folding stays aligned.
    if not _COMBINING.search(text):
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


_COMBINING = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def join_lines(lines: list[str]) -> str:
    """Wrapped lines of one cell as one line: single spaces, a year range wrapped after its hyphen
    ("2023-" / "2024") joined back as "2023-2024"."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"\d-$", out) and line[:1].isdigit():
            out += line
        else:
            out += " " + line
    return out


def one_line(text: str | None) -> str:
    return clean_text(join_lines((text or "").split("\n")))


# ---------------------------------------------------------------------------------------------
# Criterion and standard references

# "tieu chi", with OCR confusions already folded away (é -> e); "tc" as the short form.
_CRITERION = re.compile(
    r"(?:t[il1]eu[\s|\\/\[(_]{0,4}ch[il1]|\btc)\s*(?:so\s*)?(\d{1,2})\s*[.,]\s*(\d{1,2})(?!\d)"
)
_BARE_CODE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})(?![\d/.])\s*[:.\-–]?(?:\s|$)")
_STANDARD = re.compile(r"t[il1]eu\s*chu[a-z]n\s*(?:so\s*)?(\d{1,2})(?!\d)\s*[:.\-–]?\s*")


def find_criterion(text: str | None) -> str | None:
    """The criterion code a cell names: "Tiêu chí 1.3", "Tieu chi 1.3", "Tiéu chi 1.3", "TC 1.3",
    or a bare "1.3:" at the start of the cell -> "1.3"."""
    folded = fold_same_length(nfc(text))
    m = _CRITERION.search(folded)
    if m:
        return f"{int(m.group(1))}.{int(m.group(2))}"
    m = _BARE_CODE.match(folded)
    if m:
        return f"{int(m.group(1))}.{int(m.group(2))}"
    return None


def find_standard(text: str | None) -> tuple[int, str] | None:
    """("Tiêu chuẩn 2: Cán bộ quản lý, ...") -> (2, "Cán bộ quản lý, ..."), the name as written."""
    original = nfc(text)
    folded = fold_same_length(original)
    m = _STANDARD.search(folded)
    if not m:
        return None
    name = clean_text(original[m.end() :])
    return int(m.group(1)), name


# ---------------------------------------------------------------------------------------------
# Document number, place and date, school year, circular, school level

_NUMBER = re.compile(r"\bs[o6]\s*:\s*(\d{1,5}\s*/\s*[a-z0-9]+(?:\s*[-–]\s*[a-z0-9&]+)*)")


def parse_document_number(text: str | None) -> str | None:
    """ "Số: 67/KH-THĐP" (also OCR "S6 : 71/KH-HH") -> "67/KH-THĐP"."""
    original = nfc(text)
    m = _NUMBER.search(fold_same_length(original))
    if not m:
        return None
    return re.sub(r"\s+", "", original[m.start(1) : m.end(1)])


_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DATE_SLASH = re.compile(r"ngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def parse_place_date(text: str | None) -> tuple[str | None, str | None]:
    """The place and date line: "Định Hiệp, ngày 29 tháng 11 năm 2022" -> ("Định Hiệp", "2022-11-29").
    The document number may share the line; it is cut off."""
    original = nfc(text)
    folded = fold_same_length(original)
    for pattern in (_DATE_WORDS, _DATE_SLASH):
        for m in pattern.finditer(folded):
            try:
                iso = date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                continue
            line_start = folded.rfind("\n", 0, m.start()) + 1
            before = original[line_start : m.start()]
            place = None
            if "," in before:
                head = before[: before.rfind(",")]
                num = _NUMBER.search(fold_same_length(head))
                if num:
                    head = head[num.end() :]
                # Columns printed side by side: the place is the last wide-spaced piece.
                head = re.split(r"\s{3,}|\t", head.strip())[-1]
                place = clean_text(head) or None
            return place, iso
    return None, None


_YEAR_RANGE = r"(\d{4})\s*[-–—/]\s*(\d{4})"
_SCHOOL_YEAR = re.compile(r"(?:nam\s*hoc|\bnh)\s*:?\s*" + _YEAR_RANGE)
_PHASE = re.compile(r"giai\s*doan\s*(?:tu\s*(?:nam\s*)?)?(\d{4})\s*(?:[-–—]|den(?:\s*nam)?)\s*(\d{4})")


def parse_school_year(text: str | None) -> tuple[int, int] | None:
    """ "năm học 2023-2024", "NH 2023 – 2024", "Năm học 2024- 2025" -> (2023, 2024)."""
    folded = fold_same_length(nfc(text))
    m = _SCHOOL_YEAR.search(folded)
    if m and int(m.group(2)) - int(m.group(1)) == 1:
        return int(m.group(1)), int(m.group(2))
    return None


def parse_period(text: str | None) -> dict | None:
    """The period a title covers: a school year or "giai đoạn 2022 - 2027"."""
    folded = fold_same_length(nfc(text))
    m = _PHASE.search(folded)
    if m and 0 < int(m.group(2)) - int(m.group(1)) <= 10:
        return {"start_year": int(m.group(1)), "end_year": int(m.group(2))}
    year = parse_school_year(text)
    if year:
        return {"start_year": year[0], "end_year": year[1]}
    m = re.search(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b", folded)
    if m and 0 < int(m.group(2)) - int(m.group(1)) <= 10:
        return {"start_year": int(m.group(1)), "end_year": int(m.group(2))}
    return None


_CIRCULAR = re.compile(r"(\d{1,3})\s*/\s*(\d{4})\s*/\s*tt\s*[-–]\s*bgd\s*&?\s*d\s*t")
ACCREDITATION_CIRCULARS = ("17/2018", "18/2018", "19/2018", "57/2026")


def find_circular(text: str | None) -> str | None:
    """The accreditation circular a text cites, as "17/2018/TT-BGDĐT" (other circulars are ignored)."""
    known = _known_circulars()
    for m in _CIRCULAR.finditer(fold_same_length(nfc(text))):
        code = f"{int(m.group(1))}/{m.group(2)}/TT-BGDĐT"
        if code in known:
            return code
    return None


def _known_circulars() -> set[str]:
    try:
        from caitien.catalog import registry

        return {r.code for r in registry.regulations()}
    except Exception:  # the catalog files are part of the package; this is only a fallback
        return {f"{c}/TT-BGDĐT" for c in ACCREDITATION_CIRCULARS}


_LEVELS = (
    ("nhieu_cap", re.compile(r"nhieu\s*cap\s*hoc")),
    ("mam_non", re.compile(r"mam\s*non|mau\s*giao|\bmn\b|nha\s*tre")),
    ("thcs", re.compile(r"trung\s*h[oq0]c\s*c[o0]\s*s[o0]|\bthcs\b")),
    ("thpt", re.compile(r"trung\s*h[oq0]c\s*ph[o0]\s*th[o0]ng|\bthpt\b")),
    ("tieu_hoc", re.compile(r"t[il1]eu\s*h[oq0]c|\bth\b")),
)


def school_level_from(text: str | None) -> str | None:
    """The school level a school name states: "Trường Tiểu học …" -> "tieu_hoc", "THCS" -> "thcs"."""
    folded = fold_same_length(nfc(text))
    for level, pattern in _LEVELS:
        if level == "nhieu_cap" and not re.search(r"truong\s*ph[o0]\s*th[o0]ng\s*co\s*nhieu", folded):
            continue
        if pattern.search(folded):
            return level
    return None


# ---------------------------------------------------------------------------------------------
# Times


@dataclass
class TimeSpan:
    start: str | None = None  # "YYYY-MM"
    end: str | None = None
    ok: bool = True  # False: the text states a time this module could not read


def _ym(year: int, month: int) -> tuple[int, int]:
    return (year, month)


def _fmt(ym: tuple[int, int] | None) -> str | None:
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_OPEN_ENDED = re.compile(r"(?:cac|nhung)\s*nam\s*(?:hoc\s*)?tiep\s*theo|tro\s*di|lau\s*dai")
_RANGE_WORD = re.compile(r"\b(?:den|pen|toi)\b(?:\s*het)?|->|→")


def _spans(piece: str, period: dict | None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Every time expression in one folded piece, as (first month, last month)."""
    found: list[tuple[int, tuple[tuple[int, int], tuple[int, int]]]] = []
    taken: list[tuple[int, int]] = []

    def add(m, first, last):
        if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        found.append((m.start(), (first, last)))

    sy = period.get("start_year") if period else None
    single_year = period and period.get("end_year") == (sy or 0) + 1

    # HKI / HKII / học kỳ I (with or without its school year).
    for m in re.finditer(
        r"(?:\bhk|hoc\s*k[yi])\s*(ii|i|1|2)\b(?:\s*(?:cua\s*)?(?:nam\s*hoc|nh)?\s*" + _YEAR_RANGE + ")?",
        piece,
    ):
        term = _ROMAN[m.group(1)]
        year = int(m.group(2)) if m.group(2) else (sy if single_year else None)
        if year is None:
            continue
        add(m, (year, 9) if term == 1 else (year + 1, 1), (year, 12) if term == 1 else (year + 1, 5))
    # Quarter: "Quý II/2025", "quý 3 năm 2024".
    for m in re.finditer(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)?\s*(\d{4})", piece):
        q = _ROMAN[m.group(1)]
        add(m, (int(m.group(2)), 3 * q - 2), (int(m.group(2)), 3 * q))
    # School year with its position: đầu / cuối / giữa / xuyên suốt / cả năm học 2023-2024.
    for m in re.finditer(r"(?:(dau|cuoi|giua)\s*)?(?:nam\s*hoc|\bnh)\s*:?\s*" + _YEAR_RANGE, piece):
        y1, y2 = int(m.group(2)), int(m.group(3))
        if y2 - y1 != 1:
            continue
        where = m.group(1)
        if where == "dau":
            add(m, (y1, 9), (y1, 9))
        elif where == "cuoi":
            add(m, (y2, 5), (y2, 5))
        elif where == "giua":
            add(m, (y1, 12), (y2, 1))
        else:
            add(m, (y1, 9), (y2, 5))
    # Full dates: 01/9/2024.
    for m in re.finditer(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b", piece):
        month = int(m.group(2))
        if 1 <= month <= 12:
            add(m, (int(m.group(3)), month), (int(m.group(3)), month))
    # Months: "Tháng 01/2023", "tháng 10-2021", "tháng 7 năm 2022", "T9/2023", "9/2023".
    for m in re.finditer(r"(?:thang|\bt)?\s*\b(\d{1,2})\s*(?:/|-|\.|\s*nam\s*)\s*(\d{4})\b", piece):
        month = int(m.group(1))
        if 1 <= month <= 12:
            add(m, (int(m.group(2)), month), (int(m.group(2)), month))
    # Month ranges in one year: "tháng 9 - 12/2024", "tháng 9, 10/2024".
    # Bare years and school-year ranges without a label: "2023-2024", "năm 2021".
    for m in re.finditer(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b", piece):
        y1, y2 = int(m.group(1)), int(m.group(2))
        if y2 - y1 == 1:
            add(m, (y1, 9), (y2, 5))
        elif 1 < y2 - y1 <= 10:
            add(m, (y1, 1), (y2, 12))
    for m in re.finditer(r"\b(?:nam\s*)?(20\d\d)\b", piece):
        y = int(m.group(1))
        add(m, (y, 1), (y, 12))
    # Months without a year: "Tháng 9", "tháng 10 hằng năm" -> the plan's school year.
    for m in re.finditer(r"thang\s*(\d{1,2})\b(?!\s*[/-]\s*\d)", piece):
        month = int(m.group(1))
        if 1 <= month <= 12 and single_year:
            year = sy if month >= 9 else sy + 1
            add(m, (year, month), (year, month))
    # Positions in the plan's own school year: "đầu năm học", "cuối năm học", "cả năm học".
    if single_year:
        for m in re.finditer(r"(dau|cuoi|giua|xuyen\s*suot|ca|trong|suot)?\s*(?:nam\s*hoc|\bnh\b)", piece):
            where = (m.group(1) or "").replace(" ", "")
            if where == "dau":
                add(m, (sy, 9), (sy, 9))
            elif where == "cuoi":
                add(m, (sy + 1, 5), (sy + 1, 5))
            elif where == "giua":
                add(m, (sy, 12), (sy + 1, 1))
            else:
                add(m, (sy, 9), (sy + 1, 5))
    return [span for _, span in sorted(found)]


def parse_time(text: str | None, period: dict | None = None) -> TimeSpan:
    """A row's time as its first and last month. `period` is the plan's {"start_year", "end_year"},
    used for times that name no year and for open-ended times."""
    years = (period.get("start_year"), period.get("end_year")) if period else (None, None)
    span = _parse_time(text or "", years)
    return TimeSpan(span.start, span.end, span.ok)


@lru_cache(maxsize=4096)
def _parse_time(text: str, years: tuple) -> TimeSpan:
    period = {"start_year": years[0], "end_year": years[1]} if years[0] else None
    original = nfc(text)
    if not original.strip():
        return TimeSpan(None, None, True)
    folded = fold_same_length(original)
    # Several parts (bullets, lines, ";") each give a span; a range word splits a part in two.
    first: tuple[int, int] | None = None
    last: tuple[int, int] | None = None
    any_found = False
    for part in re.split(r"\n|;|(?:^|\s)-\s+(?=\D)", folded):
        pieces = _RANGE_WORD.split(part, maxsplit=1)
        if len(pieces) == 2:
            left, right = _spans(pieces[0], period), _spans(pieces[1], period)
            if left and right:
                a, b = min(s for s, _ in left), max(e for _, e in right)
                # "Tháng 9 đến tháng 12/2024": the left month takes the right's year.
                if a > b:
                    a = (b[0], a[1]) if a[1] <= b[1] else (b[0] - 1, a[1])
                spans = [(a, b)]
            else:
                spans = left + right
        else:
            spans = _spans(part, period)
        for s, e in spans:
            any_found = True
            first = s if first is None or s < first else first
            last = e if last is None or e > last else last
    if not any_found:
        return TimeSpan(None, None, False)
    if _OPEN_ENDED.search(folded) and period and period.get("end_year"):
        plan_end = (int(period["end_year"]), 5)
        # A time that opens after the plan ends still lasts at least its own school year.
        last = max(plan_end, last) if last else plan_end
    return TimeSpan(_fmt(first), _fmt(last), True)


# ---------------------------------------------------------------------------------------------
# Money


@dataclass
class Money:
    amounts: list[Amount] = field(default_factory=list)
    ok: bool = True  # False: the text seems to state an amount this module could not read


_UNITS = {
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "k": 1_000,
}
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(ty|ti|trieu|tr|nghin|ngan|k|dong|d|vnd|vnđ)?(?![a-z])"
    r"(?:\s*(?:dong|d|vnd))?(?![a-z])"
    r"(?:\s*(?:/|\bmoi\b|\bmot\b|\bhang\b|\bhang\b)\s*(thang|nam))?"
)


def _number(raw: str, unit: int) -> float | None:
    raw = raw.replace(" ", "")
    if unit == 1:
        digits = re.sub(r"[.,]", "", raw)
        return float(digits) if digits.isdigit() else None
    # With a unit: "1,5 tỷ", "1.5 triệu" are decimals; "1.500 triệu" is thousands.
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))
    return float(raw.replace(",", "."))


def parse_money(text: str | None) -> Money:
    """Amounts a budget cell states, in đồng: "3.000.000 đồng", "7 triệu", "1,5 tỷ", "25 triéu dong",
    "15 triệu/tháng" (per month); "Không có" or a funding source alone gives no amount."""
    original = nfc(text)
    folded = fold_same_length(original)
    amounts: list[Amount] = []
    doubtful = False
    for m in _AMOUNT.finditer(folded):
        raw, unit_word, per_word = m.group(1), m.group(2), m.group(3)
        if unit_word in _UNITS:
            unit = _UNITS[unit_word]
        elif unit_word in ("dong", "d", "vnd", "vnđ"):
            unit = 1
        else:
            # A bare number: an amount only when it is written like one (3.000.000).
            if re.fullmatch(r"\d{1,3}([.,]\d{3}){2,}", raw):
                unit = 1
            else:
                if len(re.sub(r"\D", "", raw)) >= 4 and not re.fullmatch(r"(19|20)\d\d", raw):
                    doubtful = True
                continue
        value = _number(raw, unit)
        if value is None:
            doubtful = True
            continue
        vnd = int(round(value * unit))
        if vnd < 1000:
            continue
        per = {"thang": "month", "nam": "year"}.get(per_word or "")
        if per is None:
            tail = folded[m.end() : m.end() + 20]
            if re.match(r"\s*(?:/|moi|mot|hang)\s*(thang)", tail):
                per = "month"
            elif re.match(r"\s*(?:/|moi|hang)\s*(nam)(?!\s*hoc\s*\d)", tail):
                per = "year"
        amounts.append(Amount(vnd=vnd, per=per))
    if (
        not amounts
        and re.search(r"\d", folded)
        and re.search(r"kinh\s*phi|dong|trieu|\bty\b", folded)
        and doubtful
    ):
        return Money([], False)
    return Money(amounts, not doubtful or bool(amounts))
