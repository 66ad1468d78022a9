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

from caitien.planfile.model import Amount, AmountPart, clean_text

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
_SCHOOL_YEAR = re.compile(r"(?:nam\s*hoc|\bnh)\s*(?::\s*)?" + _YEAR_RANGE)
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
    ok: bool = True  # False: the text states a time this module could not read, or a wrong one
    problems: list[str] = field(default_factory=list)  # what is wrong, in Vietnamese, for the person


def _ym(year: int, month: int) -> tuple[int, int]:
    return (year, month)


def _fmt(ym: tuple[int, int] | None) -> str | None:
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else None


def _label(ym: tuple[int, int]) -> str:
    return f"{ym[1]}/{ym[0]}"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROMAN_ANY = {"v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_OPEN_ENDED = re.compile(r"(?:cac|nhung)\s*nam\s*(?:hoc\s*)?tiep\s*theo|tro\s*di|lau\s*dai")
_RANGE_WORD = re.compile(r"\b(?:den|pen|toi)\b(?:\s*het)?|->|→")


_DOCUMENT_NUMBER_BEFORE = re.compile(
    r"(?:thong\s*tu|\btt|\bso|cong\s*van|\bcv|nghi\s*dinh|\bnd|quyet\s*dinh|\bqd)\s*(?:so\s*)?:?\s*$"
)


@dataclass
class _Span:
    at: int  # where the expression starts in the piece
    stop: int  # and ends
    first: tuple[int, int]
    last: tuple[int, int]
    explicit: bool = True  # False: the year was not written, it comes from the plan's period


def _spans_in(piece: str, period: dict | None, problems: list[str], original: str = "") -> list[_Span]:
    """Every time expression in one folded piece; wrong ones (month 13, quarter V, 30/02) are said
    in `problems` and give no span."""
    found: list[_Span] = []
    taken: list[tuple[int, int]] = []

    def free(m) -> bool:
        return not any(not (m.end() <= a or m.start() >= b) for a, b in taken)

    def add(m, first, last, explicit=True):
        if not free(m):
            return
        taken.append((m.start(), m.end()))
        found.append(_Span(m.start(), m.end(), first, last, explicit))

    def refuse(m, message):
        if free(m):
            taken.append((m.start(), m.end()))
            problems.append(message)

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
        first = (year, 9) if term == 1 else (year + 1, 1)
        last = (year, 12) if term == 1 else (year + 1, 5)
        add(m, first, last, bool(m.group(2)))
    # Quarter: "Quý II/2025", "quý 3 năm 2024"; there is no fifth quarter.
    for m in re.finditer(
        r"quy\s*(viii|vii|vi|iv|v|iii|ii|ix|i|x|\d{1,2})\b\s*(?:/|nam|-)?\s*(\d{4})?", piece
    ):
        raw = m.group(1)
        q = _ROMAN.get(raw) or _ROMAN_ANY.get(raw) or (int(raw) if raw.isdigit() else 0)
        if not 1 <= q <= 4:
            refuse(m, f"Không có quý {raw.upper()}: một năm có bốn quý (I, II, III, IV).")
        elif m.group(2):
            add(m, (int(m.group(2)), 3 * q - 2), (int(m.group(2)), 3 * q))
    # Summer: "hè 2026", "dịp hè", "trong hè" (June to August; without a year, the summer after the
    # plan's school year). Only "hè" with its accent: "hệ thống" folds to the same letters.
    for m in re.finditer(r"\bhe\b(?:\s*(?:nam\s*)?(\d{4}))?", piece):
        word = original[m.start() : m.start() + 2].lower() if original else "hè"
        if word != "hè":
            continue
        year = int(m.group(1)) if m.group(1) else (period.get("end_year") if single_year else None)
        if year:
            add(m, (year, 6), (year, 8), bool(m.group(1)))
    # School year with its position: đầu / cuối / giữa / xuyên suốt / cả năm học 2023-2024.
    for m in re.finditer(r"(?:(dau|cuoi|giua)\s*)?(?:nam\s*hoc|\bnh)\s*(?::\s*)?" + _YEAR_RANGE, piece):
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
    # Full dates: 01/9/2024 (a date that is not in the calendar is said, not read).
    for m in re.finditer(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b", piece):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            date(year, month, day)
        except ValueError:
            refuse(m, f"Ngày {day}/{month:02d}/{year} không có trong lịch. Hãy sửa lại ngày.")
            continue
        add(m, (year, month), (year, month))
    # Month ranges in one year: "tháng 6-8/2026", "tháng 9 - 12/2024", "tháng 9, 10/2024";
    # "tháng 11-2/2025" runs from November of the year before.
    for m in re.finditer(
        r"(?:thang|\bt)\s*(\d{1,2})\s*(?:-|–|,|va)\s*(\d{1,2})\s*(?:/|-|\.|\s*nam\s*)\s*(\d{4})\b", piece
    ):
        m1, m2, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        bad = [x for x in (m1, m2) if not 1 <= x <= 12]
        if bad:
            refuse(m, f"Không có tháng {bad[0]}: tháng ghi từ 1 đến 12.")
            continue
        add(m, (year if m1 <= m2 else year - 1, m1), (year, m2))
    # Months: "Tháng 01/2023", "tháng 10-2021", "tháng 7 năm 2022", "T9/2023", "9/2023".
    for m in re.finditer(r"(?:thang|\bt)?\s*(?<![\d.,])(\d{1,2})\s*(?:/|-|\.|\s*nam\s*)\s*(\d{4})\b", piece):
        month = int(m.group(1))
        if 1 <= month <= 12:
            add(m, (int(m.group(2)), month), (int(m.group(2)), month))
        elif _DOCUMENT_NUMBER_BEFORE.search(piece[max(0, m.start() - 16) : m.start()]):
            continue  # "Thông tư 17/2018": a document's number, not a month
        elif (
            piece[m.start() : m.end()].strip().startswith(("thang", "t")) or "/" in piece[m.start() : m.end()]
        ):
            written = (original or piece)[m.start() : m.end()].strip()
            refuse(m, f"Không có tháng {month} (trong “{written}”): tháng ghi từ 1 đến 12.")
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
        if not 1 <= month <= 12:
            refuse(m, f"Không có tháng {month}: tháng ghi từ 1 đến 12.")
        elif single_year:
            year = sy if month >= 9 else sy + 1
            add(m, (year, month), (year, month), False)
    # Positions in the plan's own school year: "đầu năm học", "cuối năm học", "cả năm học".
    if single_year:
        for m in re.finditer(
            r"(?:(dau|cuoi|giua|xuyen\s*suot|ca|trong|suot)\s*)?(?:nam\s*hoc|\bnh\b)", piece
        ):
            where = (m.group(1) or "").replace(" ", "")
            if where == "dau":
                add(m, (sy, 9), (sy, 9), False)
            elif where == "cuoi":
                add(m, (sy + 1, 5), (sy + 1, 5), False)
            elif where == "giua":
                add(m, (sy, 12), (sy + 1, 1), False)
            else:
                add(m, (sy, 9), (sy + 1, 5), False)
    return sorted(found, key=lambda x: x.at)


def _spans(piece: str, period: dict | None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Every time expression in one folded piece, as (first month, last month)."""
    return [(x.first, x.last) for x in _spans_in(piece, period, [])]


def parse_time(text: str | None, period: dict | None = None) -> TimeSpan:
    """A row's time as its first and last month. `period` is the plan's {"start_year", "end_year"},
    used for times that name no year and for open-ended times. A wrong time (month 13, quarter V,
    30/02, an end before the start) is never guessed: no months, `ok` False, and `problems` says why."""
    years = (period.get("start_year"), period.get("end_year")) if period else (None, None)
    span = _parse_time(text or "", years)
    return TimeSpan(span.start, span.end, span.ok, list(span.problems))


def _ordered(a: _Span, b: _Span, problems: list[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A range from `a` to `b`; a left side without a written year takes the right side's; an end
    written before the start is a problem, never swapped."""
    first, last = a.first, b.last
    if first <= last:
        return first, last
    if not a.explicit:
        # "Tháng 9 đến tháng 12/2024": the left month takes the right's year.
        return ((last[0], first[1]) if first[1] <= last[1] else (last[0] - 1, first[1])), last
    problems.append(
        f"Thời gian kết thúc ({_label(last)}) trước thời gian bắt đầu ({_label(first)}). "
        "Hãy sửa lại tháng, năm cho đúng thứ tự."
    )
    return None


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
    problems: list[str] = []
    offset = 0
    for part in re.split(r"(\n|;|(?:^|\s)-\s+(?=\D))", folded):
        start_at, offset = offset, offset + len(part)
        if re.fullmatch(r"\n|;|(?:^|\s)-\s+", part or "x"):
            continue
        source = original[start_at : start_at + len(part)]
        pieces = _RANGE_WORD.split(part, maxsplit=1)
        if len(pieces) == 2:
            cut = part.find(pieces[1], len(pieces[0]))
            left = _spans_in(pieces[0], period, problems, source[: len(pieces[0])])
            right = _spans_in(pieces[1], period, problems, source[cut:])
            if left and right:
                a = min(left, key=lambda x: x.first)
                b = max(right, key=lambda x: x.last)
                ranged = _ordered(a, b, problems)
                spans = [ranged] if ranged else []
            else:
                spans = [(x.first, x.last) for x in left + right]
        else:
            found = _spans_in(part, period, problems, source)
            dash = len(found) == 2 and re.fullmatch(r"\s*[-–—]\s*", part[found[0].stop : found[1].at])
            if dash:
                ranged = _ordered(found[0], found[1], problems)
                spans = [ranged] if ranged else []
            else:
                spans = [(x.first, x.last) for x in found]
        for s, e in spans:
            any_found = True
            first = s if first is None or s < first else first
            last = e if last is None or e > last else last
    if problems:
        return TimeSpan(None, None, False, problems)
    if not any_found:
        return TimeSpan(None, None, False)
    if _OPEN_ENDED.search(folded) and period and period.get("end_year"):
        plan_end = (int(period["end_year"]), 5)
        # A time that opens after the plan ends still lasts at least its own school year.
        last = max(plan_end, last) if last else plan_end
    return TimeSpan(_fmt(first), _fmt(last), True)


# ---------------------------------------------------------------------------------------------
# Money


# More than this for one row of a school's plan is a typing slip (zeros added), not a budget.
ABSURD_VND = 100_000_000_000


@dataclass
class Money:
    amounts: list[Amount] = field(default_factory=list)
    ok: bool = True  # False: the text states an amount this module could not read, or a wrong one
    problems: list[str] = field(default_factory=list)  # what is wrong, in Vietnamese, for the person


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


# Numbers written in words ("năm triệu đồng", "hai trăm năm mươi nghìn", "một tỷ rưỡi"), read only
# when they end in a money word, so "năm" (year) and "mỗi năm" stay what they are.
_DIGIT_WORDS = {
    "khong": 0,
    "mot": 1,
    "mots": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
# "ngân sách", "ngân hàng", "ngân quỹ" fold to the letters of "ngàn" (thousand), "từ" to "tư" (four).
_NGAN = r"ngan(?!\s*(?:sach|hang|quy))"
_WORD = rf"(?:khong|mot|hai|ba|bon|nam|lam|sau|bay|tam|chin|muoi|tram|linh|le|ruoi|nghin|{_NGAN}|trieu|ty)"
_WORDS_AMOUNT = re.compile(
    rf"\b(?:{_WORD}\s+)*{_WORD}\s+(?:dong|d)\b|\b(?:{_WORD}\s+)*(?:trieu|ty|nghin|{_NGAN})\b(?:\s+ruoi\b)?"
)
_BIG = {"nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 1_000_000_000}


def _words_value(words: list[str]) -> int | None:
    """["hai", "tram", "nam", "muoi", "nghin"] -> 250000; None when the words are not a number."""
    total, group, current, last_big = 0, 0, None, None
    seen_number = False
    for n, w in enumerate(words):
        if w in _DIGIT_WORDS:
            if current is not None:
                return None  # two digits in a row: not a number
            current = _DIGIT_WORDS[w]
            seen_number = True
        elif w == "muoi":
            if n > 0 and words[n - 1] in _DIGIT_WORDS and current is not None:
                group += current * 10  # "năm mươi"
            else:
                group += 10  # "mười"
            current = None
        elif w == "tram":
            group += (current if current is not None else 1) * 100
            current = None
        elif w in ("linh", "le"):
            continue
        elif w in _BIG:
            group += current or 0
            current = None
            if group == 0 and not seen_number:
                return None
            total += (group or 1) * _BIG[w]
            group, last_big = 0, _BIG[w]
        elif w == "ruoi":
            if last_big is None:
                return None
            total += last_big // 2
        else:
            return None
    group += current or 0
    total += group
    return total if seen_number or total else None


def _number_words(original: str, folded: str) -> list[tuple[int, int, int]]:
    """(start, end, vnd) of each amount written in words."""
    out = []
    for m in _WORDS_AMOUNT.finditer(folded):
        words = [w for w in m.group(0).split() if w not in ("dong", "d")]
        if not any(w in _DIGIT_WORDS or w in ("muoi", "tram") for w in words):
            continue  # "triệu" alone
        value = _words_value(words)
        if value and value >= 1000:
            out.append((m.start(), m.end(), value))
    return out


_TIMES = re.compile(r"\s*[x×*]\s*(\d+)\b")
_PER_UNIT = re.compile(r"\s*/\s*([a-z]+(?:\s+[a-z]+)?)\s*[x×*]\s*(\d+)\b")
_COUNT_FIRST = re.compile(r"(\d+)\s*([a-z]+(?:\s+[a-z]+)?)\s*[x×*]\s*$")
_BREAKDOWN_AFTER = re.compile(r"^\s*(?:\(|[:,;-]?\s*(?:trong\s*do|gom|bao\s*gom|cu\s*the)\b\s*:?|:)")
_TOTAL_WORD = re.compile(r"(?:tong(?:\s*(?:cong|kinh\s*phi|so))?|cong|tong\s*du\s*kien)\s*(?::\s*)?$")
_SOURCE_CUT = re.compile(r"[;,(\n]|\btrong\s*do\b|\bgom\b|\bbao\s*gom\b")


def _vnd_label(vnd: int) -> str:
    return f"{vnd:,}".replace(",", ".") + " đồng"


def _source_after(original: str, folded: str, end: int) -> str:
    """The source named right after an amount ("5 triệu từ quỹ hội")."""
    right = folded[end:]
    cut = next((m.start() for m in _SOURCE_CUT_AFTER.finditer(right)), len(right))
    text = original[end : end + cut]
    text = re.sub(r"(?i)^[\s:,\-–]*(?:đồng|đ)?[\s:,\-–]*(?:từ|do|của)?\s*(?:nguồn\s*)?", "", text)
    return clean_text(text.strip(" .:-–"))[:100]


_SOURCE_CUT_AFTER = re.compile(r"[;,)\n]|\d")


def _source_before(original: str, folded: str, start: int, floor: int) -> str:
    """The words naming the funding source just before an amount ("ngân sách xã 80 triệu")."""
    left = folded[floor:start]
    cut = max((m.end() for m in _SOURCE_CUT.finditer(left)), default=0)
    text = original[floor + cut : start]
    text = re.sub(r"^[\s:;,.)\-–]+|[\s:;,(\-–]+$", "", text)
    text = re.sub(r"(?i)^(?:từ\s+|nguồn\s*:?\s*)", "", text).strip()
    return clean_text(text)[:100]


@dataclass
class _Found:
    start: int
    end: int
    vnd: int
    per: str | None = None
    unit_vnd: int | None = None
    count: int | None = None
    negative: bool = False
    low: int | None = None  # "5-7 triệu": the range's lower end, in đồng


def _find_amounts(original: str, folded: str) -> tuple[list[_Found], bool]:
    found: list[_Found] = []
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
                tail = folded[m.end() : m.end() + 12]
                counted = re.match(r"\s*[a-z]*\s*[x×*]", tail) or re.search(r"[x×*]\s*$", folded[: m.start()])
                if len(re.sub(r"\D", "", raw)) >= 4 and not re.fullmatch(r"(19|20)\d\d", raw) and not counted:
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
        end = m.end()
        unit_vnd = count = None
        # "2 triệu đồng/lớp x 10 lớp": one amount, the product (also "1,5 triệu/tháng x 9 tháng").
        if per_word is None:
            times = _PER_UNIT.match(folded, m.end())
            times_count = times.group(2) if times else None
        else:
            times = _TIMES.match(folded, m.end())
            times_count = times.group(1) if times else None
        if times:
            count = int(times_count)
            unit_vnd, vnd, per = vnd, vnd * count, None
            end = times.end()
        else:
            before = _COUNT_FIRST.search(folded[max(0, m.start() - 30) : m.start()])
            if before:  # "10 lớp x 2 triệu"
                count = int(before.group(1))
                unit_vnd, vnd = vnd, vnd * count
        if per is None and not count:
            tail = folded[end : end + 20]
            if re.match(r"\s*(?:/|moi|mot|hang)\s*(thang)", tail):
                per = "month"
            elif re.match(r"\s*(?:/|moi|hang)\s*(nam)(?!\s*hoc\s*\d)", tail):
                per = "year"
        before_text = folded[max(0, m.start() - 8) : m.start()]
        # "âm 5 triệu", "Kinh phí: -5.000.000"; a "-" opening a line is a bullet, "5-7 triệu" a range.
        negative = bool(re.search(r"\bam\s*$|[:=(]\s*-$", before_text))
        low = None
        ranged = re.search(r"(\d+(?:[.,]\d+)?)\s*(?:-|–|den)\s*$", folded[max(0, m.start() - 12) : m.start()])
        if ranged and unit > 1 and not count:
            low = int(round(float(ranged.group(1).replace(",", ".")) * unit))
        found.append(_Found(m.start(), end, vnd, per, unit_vnd, count, negative, low))
    taken = [(f.start, f.end) for f in found]
    for start, end, vnd in _number_words(original, folded):
        if any(not (end <= a or start >= b) for a, b in taken):
            continue
        tail = folded[end : end + 20]
        per = "month" if re.match(r"\s*(?:/|moi|hang)\s*thang", tail) else None
        if re.match(r"\s*(?:/|moi|hang)\s*nam(?!\s*hoc\s*\d)", tail):
            per = "year"
        found.append(_Found(start, end, vnd, per))
    found.sort(key=lambda f: f.start)
    return found, doubtful


def _breakdown(original: str, folded: str, found: list[_Found]) -> tuple[list[Amount], list[str]]:
    """Amounts that add up to the row's total: a stated total with its parts is one amount; parts
    stated per source with no total stay separate amounts."""
    problems: list[str] = []
    once = [f for f in found if not f.per]
    if len(once) >= 2:
        head, rest = once[0], once[1:]
        tail_total = _TOTAL_WORD.search(folded[max(0, once[-1].start - 30) : once[-1].start])
        if _BREAKDOWN_AFTER.match(folded[head.end :]) or re.search(
            r"(?:tong|cong)(?:\s*(?:cong|kinh\s*phi|du\s*kien))?\s*(?::\s*)?$",
            folded[max(0, head.start - 25) : head.start],
        ):
            parts_sum = sum(f.vnd for f in rest)
            floors = [head.end] + [r.end for r in rest[:-1]]
            parts = [
                AmountPart(
                    vnd=f.vnd,
                    source=_source_before(original, folded, f.start, floor)
                    or _source_after(original, folded, f.end),
                )
                for f, floor in zip(rest, floors, strict=True)
            ]
            if parts_sum > head.vnd or (len(rest) >= 2 and parts_sum != head.vnd):
                problems.append(
                    f"Các khoản thành phần cộng lại {_vnd_label(parts_sum)}, khác tổng {_vnd_label(head.vnd)} "
                    "đã ghi. Hãy kiểm tra lại tổng hoặc từng khoản."
                )
            recurring = [Amount(vnd=f.vnd, per=f.per) for f in found if f.per]
            return [Amount(vnd=head.vnd, parts=parts), *recurring], problems
        if tail_total and sum(f.vnd for f in once[:-1]) == once[-1].vnd:
            total = once[-1]
            floors = [0] + [f.end for f in once[:-2]]
            parts = [
                AmountPart(vnd=f.vnd, source=_source_before(original, folded, f.start, floor))
                for f, floor in zip(once[:-1], floors, strict=True)
            ]
            recurring = [Amount(vnd=f.vnd, per=f.per) for f in found if f.per]
            return [Amount(vnd=total.vnd, parts=parts), *recurring], problems
    return [Amount(vnd=f.vnd, per=f.per, unit_vnd=f.unit_vnd, count=f.count) for f in found], problems


def parse_money(text: str | None) -> Money:
    """Amounts a budget cell states, in đồng: "3.000.000 đồng", "7 triệu", "1,5 tỷ", "25 triéu dong",
    "15 triệu/tháng" (per month), "năm triệu đồng"; "Không có" or a funding source alone gives no
    amount. A stated total with its breakdown ("120 triệu (ngân sách xã 80 triệu; xã hội hóa 40
    triệu)") is one amount with its parts; "2 triệu/lớp x 10 lớp" is one amount of 20 triệu.
    Negative and absurd amounts are left out and said in `problems`."""
    original = nfc(text)
    folded = fold_same_length(original)
    found, doubtful = _find_amounts(original, folded)
    problems: list[str] = []
    kept = []
    for f in found:
        if f.low is not None:
            problems.append(
                f"Số tiền ghi một khoảng ({_vnd_label(f.low)} – {_vnd_label(f.vnd)}). Hãy ghi một số tiền "
                "dự kiến cụ thể."
            )
        elif f.negative:
            problems.append(f"Số tiền không thể âm (“-{_vnd_label(f.vnd)}”). Hãy ghi số tiền dương.")
        elif f.vnd > ABSURD_VND:
            problems.append(
                f"Số tiền {_vnd_label(f.vnd)} lớn bất thường cho một dòng kế hoạch; có thể thừa chữ số 0. "
                "Hãy kiểm tra lại."
            )
        else:
            kept.append(f)
    amounts, breakdown_problems = _breakdown(original, folded, kept)
    problems += breakdown_problems
    if (
        not found
        and re.search(r"\d", folded)
        and re.search(r"kinh\s*phi|dong|trieu|\bty\b", folded)
        and doubtful
    ):
        return Money([], False, ["Có ghi số nhưng không đọc được số tiền."])
    return Money(amounts, (not doubtful or bool(found)) and not problems, problems)
