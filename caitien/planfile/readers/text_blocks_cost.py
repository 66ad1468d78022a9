"""The cost model of the cell-by-cell reader: a row's lines split into its columns' cells by dynamic
programming over what each line says (roles, times, amounts, capitals, punctuation, blank lines)."""

from __future__ import annotations

import re
from functools import lru_cache

from caitien.planfile import vietnamese as vn
from caitien.planfile.readers.text_lines import (
    _LEAD_START,
    _LEVEL,
    _LOOSE_NUMBER,
    _MONEY_START,
    _PROPER,
    _ROLE,
    _ROW_START,
    _STRONG_TIME,
    _TIME_LINE,
    _TIME_START,
    MAX_CELL_LINES,
    Line,
)


def _dp(
    seg: list[Line],
    keys: list[str],
    *,
    start_col,
    continuation: bool,
    counts,
    open_ends: list[bool] | None = None,
    widths: list[float | None] | None = None,
    last_lines: list[str | None] | None = None,
    rare: list[bool] | None = None,
):
    """Best split of one segment's lines into cells of increasing columns (dynamic programming over
    (line where a cell starts, its column)); costs say how well a run of lines fits a column."""
    texts = [ln for ln in seg if not ln.blank]
    if not texts:
        return []
    ends_before_blank = set()
    pos = -1
    for ln in seg:
        if ln.blank:
            if pos >= 0:
                ends_before_blank.add(pos)
        else:
            pos += 1
    n = len(texts)
    ncol = len(keys)
    forced = [k > 0 and ln.spaces > 0 and not ln.tight and not continuation for k, ln in enumerate(texts)]
    interior = {
        kind: _prefix(
            [_pair_cost(texts[k - 1], texts[k], kind, continuation) if k else 0.0 for k in range(n)]
        )
        for kind in ("lead", "time_text", "other")
    }
    # A line is wrapped because its next word did not fit: a line whose next one starts with a word
    # that would have fitted well within the column's width is where the column's cell ends.
    fits = None
    if widths:
        fits = [
            _prefix([_fits_cost(texts[k - 1], texts[k], widths[c] or 0.0) if k else 0.0 for k in range(n)])
            for c in range(len(keys))
        ]
        fits = [f if widths[c] else None for c, f in enumerate(fits)]
    boundary = [_boundary_cost(texts[k], k in ends_before_blank) for k in range(n)]
    for k in range(n - 1):
        if texts[k + 1].tight and texts[k + 1].spaces == 0 and not continuation:
            boundary[k] += 3.0  # a new paragraph printed straight after the line above: same cell
        last, nxt = texts[k].text.split(), texts[k + 1].text.split()
        if (
            last
            and nxt
            and len(nxt) == 1
            and last[-1][:1].isupper()
            and nxt[0][:1].isupper()
            and not forced[k + 1]
            and not _TIME_START.match(texts[k + 1].folded)
            and not _ROLE.match(texts[k + 1].folded)
            # "Thường" / "xuyên …": a capital going on in lower case starts a sentence, not a name's half
            and not (k + 2 < n and texts[k + 2].text[:1].islower() and not forced[k + 2])
        ):
            boundary[k] += 1.0  # "Bình" / "Thạnh": a name wrapped in two
    max_count = max(counts) if counts else None
    best: dict[tuple[int, int], tuple[float, list]] = {}
    head_cache: dict[tuple[int, int], float] = {}

    def head(c: int, i: int) -> float:
        value = head_cache.get((c, i))
        if value is None:
            value = _head_cost(keys[c], texts, i, continuation, counts[c] if counts else None, max_count)
            value -= 1.5 if open_ends and open_ends[c] else 0.0  # the cell the page cut mid-phrase goes on
            if rare and rare[c]:
                value += RARE_COLUMN  # a column the other rows leave empty
            above = last_lines[c] if last_lines else None
            if above and widths and widths[c] and _fits(above, texts[i].text, widths[c]):
                value += FITS_ABOVE  # the page did not cut this cell: its last line had room for this word
            head_cache[(c, i)] = value
        return value

    tails = [[_tail_cost(keys[c], texts[k]) for k in range(n)] for c in range(ncol)]
    amount_end = _prefix(
        [
            1.0
            if re.search(r"(dong|trieu|vnd|d)\.?$", t.folded)
            and not (
                k + 1 < n
                and re.search(
                    r"\d\s*(trieu|dong|ty|nghin)|^(dong|d|vnd)\b",
                    " ".join(x.folded for x in texts[k + 1 : k + 3]),
                )
            )
            else 0.0
            for k, t in enumerate(texts)
        ]
    )
    budget_cols = {c for c in range(ncol) if keys[c] == "budget_text"}

    def cell(c: int, i: int, j: int) -> float:
        cost = head(c, i) + tails[c][j - 1]
        if j > i + 1 and keys[c] == "level":
            cost += 6.0  # a level is one short line
        if j == i + 1 and keys[c] == "criterion" and texts[i].text.rstrip().endswith(":"):
            cost += 3.0  # "Tiêu chí 1.1:" announces the criterion's name on the next lines
        if j > i + 1:
            pre = interior[keys[c] if keys[c] in ("lead", "time_text") else "other"]
            cost += pre[j] - pre[i + 1]
            if fits is not None and fits[c] is not None:
                cost += fits[c][j] - fits[c][i + 1]
            if c in budget_cols and amount_end[j - 1] - amount_end[i] > 0:
                cost += 1.5  # an amount ends its cell
        return cost

    # Where a cell may start: a first row line starts with a capital, a digit or a bullet, or
    # follows a blank line or a full stop. (Others would cost more than any split; skipping them
    # keeps the search small.)
    can_start = [True] * (n + 1)
    if not continuation:
        for k in range(1, n):
            ch = texts[k].text[:1]
            starts_well = ch.isupper() or (not ch.isalpha() and not _LOOSE_NUMBER.match(texts[k].folded))
            can_start[k] = (
                starts_well
                or forced[k]
                or (k - 1) in ends_before_blank
                or texts[k - 1].text.endswith((".", ";", ":"))
            )

    def solve(i: int, c: int) -> tuple[float, list]:
        key = (i, c)
        if key in best:
            return best[key]
        result = (float("inf"), [])
        for j in range(i + 1, min(n, i + MAX_CELL_LINES) + 1):
            if j - 1 > i and forced[j - 1]:
                break  # a line after an empty cell's space always starts a cell
            if not can_start[j]:
                continue
            cost = cell(c, i, j)
            part = (c, i, j)
            if j == n:
                total = (cost, [part])
            else:
                cost += boundary[j - 1]
                nxt = texts[j]
                if continuation:
                    options = range(c + 1, ncol)
                else:
                    target = c + 1 + (nxt.spaces if nxt.spaces and not nxt.tight else 0)
                    # More spaces than columns left: the last column (never the same one twice).
                    options = [min(ncol - 1, target)] if c + 1 < ncol else []
                total = (float("inf"), [])
                for c2 in options:
                    if c2 >= ncol:
                        continue
                    sub = solve(j, c2)
                    extra = cost + sub[0] + (0.3 * (c2 - c - 1) if continuation else 0.0)
                    if extra < total[0]:
                        total = (extra, [part] + sub[1])
            if total[0] < result[0]:
                result = total
        best[key] = result
        return result

    if start_col is not None:
        found = solve(0, start_col)
    else:
        found = min((solve(0, c) for c in range(ncol)), key=lambda r: r[0])
    parts = found[1]
    if found[0] == float("inf"):
        # No split fits (cells longer than any plan cell): keep the text, in one cell.
        parts = [(start_col or 0, 0, n)]
    return [(c, [t.text for t in texts[i:j]]) for c, i, j in parts]


RARE_COLUMN = 1.5
MIN_MEASURED = 8  # lines a column needs to have its width measured
FITS_SHARE = 0.8  # characters only roughly measure a proportional font: "fits" means well within
FITS_ABOVE = 0.8  # a cell's line goes on with a word that would have fitted on it


def _fits_cost(a: Line, b: Line, width: float) -> float:
    """Cost of line b going on the cell that holds line a, when b's first word would have fitted on
    a's line in this column. New paragraphs (bullets, after a stop) start a line of their own."""
    if _ROW_START.match(a.folded):
        return 0.0  # "Tiêu chí" and its code were two lines, printed as one here
    return FITS_ABOVE if _fits(a.text, b.text, width) else 0.0


def _fits(above: str, line: str, width: float) -> bool:
    words = line.split()
    if not words or above.endswith((".", ";", ":")) or line.startswith(("-", "+", "•", "*")):
        return False
    return len(above) + 1 + len(words[0]) <= FITS_SHARE * width


def column_widths(cells_by_row: list[list[list[str]]], ncol: int) -> list[float | None] | None:
    """Each column's line width: a high share of the longest lines its cells hold (a few lines read
    into the wrong column should not widen it); None for a column with too few lines to tell."""
    out: list[float | None] = []
    for c in range(ncol):
        lengths = sorted(
            len(ln)
            for row in cells_by_row
            for ln in row[c]
            if ln and not _ROW_START.match(vn.fold_same_length(ln))
        )
        out.append(float(lengths[int(0.9 * (len(lengths) - 1))]) if len(lengths) >= MIN_MEASURED else None)
    return out if any(w is not None for w in out) else None


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


@lru_cache(maxsize=4096)
def _has_amount(text: str) -> bool:
    return bool(vn.parse_money(text).amounts)


def _pair_cost(a: Line, b: Line, kind: str, continuation: bool) -> float:
    """Cost of line b going on the cell that holds line a. Within a cell, a line starting with a
    capital is most often a new cell, unless it is a bullet, a name, or follows a full stop."""
    lead = kind == "lead"
    if kind == "time_text":
        if re.search(r"\d{4}\s*\.?$", a.folded) and not re.match(r"^[-–\s]*(den|va|toi|\d{4}\b)", b.folded):
            return 2.5  # a time ends with its year
    elif _TIME_LINE.match(b.folded) and not a.folded.endswith(("den", "tu", "-")):
        # A time line inside a cell is where the time's cell begins; a lead, cut mid-list by the
        # page ("Tổng phụ trách Đội,"), never goes on with one.
        return 3.0 if lead else 1.5
    ch = next((x for x in b.text if x.isalpha()), "")
    if not (ch and ch.isupper()) or b.text.startswith(("-", "+", "•")):
        return 0.0
    if (
        not lead
        and _LEAD_START.match(b.folded)
        and not re.search(r"(,|va|cua|voi|cho|pho|chi\s*dao)$", a.folded)
    ):
        return 2.0  # "Hiệu trưởng …" inside a cell is where the lead's cell begins
    if a.text.endswith((";", ".", ":")):
        return 0.1  # several sentences in one cell
    word = b.text.split()[0].strip(",.;:()") if b.text.split() else ""
    if _PROPER.match(b.folded) or (len(word) >= 2 and word.isupper()):
        return 0.15
    return 0.3 if continuation else 0.8


_NAME_HEADS = {
    "phong",
    "ban",
    "doi",
    "hoi",
    "uy",
    "so",
    "to",
    "chi",
    "cong",
    "nha",
    "trung",
    "tong",
    "ho",
    "tien",
}


_PLACE_UNITS = {"ấp", "thôn", "xã", "phường", "quận", "huyện", "tỉnh", "trấn", "phố"}


def _boundary_cost(last: Line, before_blank: bool) -> float:
    """Cost of a cell ending on this line."""
    tail = last.text
    cost = -1.0 if before_blank else 0.0
    if tail.endswith(("-", "–", ",")) or re.search(r"\b(và|của|với|cho|các|để|trong)$", tail):
        cost += 2.5
    elif tail.endswith((".", ";")):
        cost -= 0.3
    words = tail.split()
    if words and words[-1].lower() in _PLACE_UNITS:
        cost += 2.0  # "ấp" / "Định Phước": a place's name follows its unit
    elif words and words[-1][:1].isupper() and vn.fold_same_length(words[-1].lower()) in _NAME_HEADS:
        cost += 1.5  # "Phòng" / "Giáo dục Đào tạo": a body's name goes on
    elif len(words) >= 2 and words[-1][:1].isupper():
        cost += 0.5  # "… Hội" / "Khuyến học": a name goes on
    return cost


def _tail_cost(key: str, last: Line) -> float:
    if key == "time_text" and re.search(r"(nam\s*hoc|thang|den|het|tu|nh|nam|-|–)$", last.folded):
        return 3.0  # a time does not end on "năm học" or "đến"
    return 0.0


@lru_cache(maxsize=8192)
def _flags(folded: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """What a line's start says: (role, time, strong time, money, loose number, level)."""
    return (
        bool(_ROLE.match(folded)),
        bool(_TIME_START.match(folded)),
        bool(_STRONG_TIME.match(folded)),
        bool(_MONEY_START.match(folded)),
        bool(_LOOSE_NUMBER.match(folded)),
        bool(_LEVEL.match(folded.strip())),
    )


_AMOUNT_OPEN = re.compile(r"^[-+•\s]*\d[\d.,]*\s*(trieu|dong|ty|nghin|d)\b")


def _head_cost(key: str, texts: list[Line], i: int, continuation: bool, count, max_count) -> float:
    """Cost of a cell of column `key` starting at line i, from what its first lines say."""
    head = texts[i]
    role, timeish, strong_time, money, loose, level = _flags(head.folded)
    cost = 0.0
    first_char = next((ch for ch in head.text if ch.isalpha()), "")
    if not continuation:
        if first_char and first_char.islower() and key != "criterion" or loose:
            cost += 4.0
    else:
        cost += 0.0 if (first_char and first_char.islower()) else 0.5
        if count is not None and max_count:
            cost += 0.6 * max(0, max_count - count - 1)
    if key == "level":
        cost += -3.0 if level else 6.0
    elif key == "time_text":
        if timeish:
            cost -= 3.0
        elif not continuation:
            cost += 3.0 if not vn.parse_time(" ".join(ln.text for ln in texts[i : i + 6])).start else -0.5
        elif not re.search(
            r"\d|thang|nam|hoc\s*ky|hk|tiep\s*theo|xuyen|den", " ".join(x.folded for x in texts[i : i + 2])
        ):
            cost += 1.0  # the rest of a time names a month, a year or "tiếp theo"
    elif key == "lead":
        if not continuation:
            cost += -2.0 if role else 3.5
        elif role:
            cost -= 0.5  # a role goes on the lead the page cut ("…, " / "Tổng phụ trách Đội")
    elif key == "budget_text":
        if not continuation:
            cost += -2.0 if (money or _has_amount(" ".join(ln.text for ln in texts[i : i + 3]))) else 2.0
    elif key == "criterion" and continuation:
        cost += 0.5
    if key != "time_text" and strong_time and not continuation:
        cost += 2.5
    if key != "budget_text" and _AMOUNT_OPEN.match(" ".join(x.folded for x in texts[i : i + 2])):
        cost += 2.0  # an amount opens a budget cell
    if key not in ("lead", "support", "notes", "criterion") and role and not continuation:
        cost += 0.4
    return cost
