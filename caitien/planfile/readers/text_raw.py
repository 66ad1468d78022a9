"""`pdftotext -raw` text: a table printed cell after cell, in the order the PDF draws it.

Each cell's visual lines come in turn, row after row, with no blank line and no border. Text on
one baseline that the PDF draws in a row is printed as one line, so a cell of a single line is
glued to the first line of the next cell ("Không Sự hướng dẫn", "Tiêu chí 1.1 Phương hướng,");
a cell of several lines ends at a line end, and the next cell starts on a line of its own.
Empty cells leave nothing.

A row's lines are split into cells by dynamic programming over where cells start (at a line start,
or inside a line before a word that can open a cell) and which column each takes, in order:

- what a cell says fits its column: a number in TT, a criterion label, a month or year in the
  time columns, an amount or "Không" in the budget, a role in the lead column;
- a cell opens with a capital, a digit or a bullet;
- every column wraps at its width: measured from a first reading, a cell's line is no longer
  than its column is wide, and a line ends where the next word would not have fitted.
"""

from __future__ import annotations

import re

from caitien.planfile import vietnamese as vn
from caitien.planfile.readers import header, table
from caitien.planfile.readers.text_lines import _ROLE, _STD_LINE, ends_table

MAX_ROW_WORDS = 400  # a row this long is cut; it bounds the work per row
MAX_SKIP = 5  # empty columns between two cells of a row
SKIP = 0.5  # an empty cell between two cells of a row
INNER_CAPITAL = 0.8  # a cell's line opens with a capital after a line that ends no sentence
MAX_LINES = 20  # lines of one cell
MAX_WORK = 1_500_000  # cells weighed over the whole table, at most
MAX_ROW_LINES = 60  # a row's lines read one by one; the rest goes on in its last cell

_LABEL_STARTS = {
    "tt", "stt", "tieu", "muc", "ket", "cong", "chu", "phoi", "thoi", "du", "kinh", "dieu", "ghi",
    "noi", "hoat", "chi", "don", "nguon", "thong", "minh", "bat", "nguoi", "giai", "trach", "hoan",
    "ngan", "ho",
}  # fmt: skip
_ROW_START = re.compile(
    r"^t[il1]eu\s*ch[il1]\s*\d|^\d{1,3}\.?\s+t[il1]eu\s*ch[il1](?!\s*tieu)\b|^\d{1,3}\.?\s+t[il1]eu\s*chu[a-z]n\s*\d"
)
_TIME = re.compile(
    r"thang\s*\d|nam\s*(?:hoc\s*)?20\d\d|\b20\d\d\b|hoc\s*ky|\bhk\s*[i12]|quy\s*[iv1-4]|xuyen\s*suot|ca\s*nam|"
    r"\d{1,2}\s*/\s*20\d\d"
)
_MONEY = re.compile(
    r"\d[\d.,]*\s*(?:dong|d\b|trieu|ty|nghin)|^khong\b|kinh\s*phi|ngan\s*sach|xa\s*hoi\s*hoa|nguon|von\b|quy\b"
)
# Matched on the written words (folded, "tử" would read as "từ").
_OPEN_END = re.compile(
    r"(?:[-–,;(/]|(?:^|\s)(?:và|của|với|cho|các|để|trong|từ|đến|theo|về|ở|tại|những|tháng))$"
)


def _opens(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit() or word[0] in "-–+•(*")


def _can_open(ws: list[str], k: int) -> bool:
    """Whether a cell can start at word k of a line (k > 0): a capital, a digit or a bullet that
    is no criterion code after its label, no lone dash at the line's end."""
    word = ws[k]
    if k == 1 and re.fullmatch(r"\d{1,2}\.\d{1,2}:?", ws[0]):
        return True  # a criterion code that went on past a page end, then the next cell's line
    if not _opens(word):
        return False
    if word in ("-", "–", "+", "•") and k == len(ws) - 1:
        return False
    before = vn.fold_same_length(ws[k - 1]).lower()
    if before[-1:] in (",", ";", ":", "-", "–", "/", "(") or before in ("va", "cua", "voi", "cho"):
        return False  # a cell does not end mid-phrase
    if word[:1].isdigit() and before in ("chi", "chi:", "chuan", "muc", "thang", "hoc", "nam", "-", "–"):
        return False
    return True


def read_raw(lines: list[str], pages: list[int] | None = None) -> tuple[list[list[str]], list[str]] | None:
    """(rows for table.build_items, running text), or None when no header names the columns."""
    folded = [vn.fold_same_length(ln).strip() for ln in lines]
    first_row = next((i for i, f in enumerate(folded) if _ROW_START.match(f) or _STD_LINE.match(f)), None)
    if first_row is None:
        return None
    head_start = _header_start(lines, first_row)
    if head_start is None:
        return None
    labels = _labels(" ".join(ln.strip() for ln in lines[head_start:first_row]))
    keys = [table.classify(lab) for lab in labels]
    if len(set(keys) - {None}) < 4 or not ({"criterion", "issue"} & set(keys)):
        return None
    end = next(
        (i for i in range(first_row, len(lines)) if ends_table(folded[i])),
        len(lines),
    )
    running = lines[:head_start] + lines[end:]
    form57 = "issue" in keys
    numbered = keys[0] == "order"
    entries: list[str | list[str]] = []  # a standard heading, or a row's lines
    for i in range(first_row, end):
        ln, fl = lines[i].strip(), folded[i]
        if not ln:
            continue
        if (
            _STD_LINE.match(fl)
            and not re.match(r"^\d", fl)
            and not vn.find_criterion(fl.split(":")[0])
            and not form57
        ):
            entries.append(re.sub(r"^\s*\d{1,2}\s*[.)]?\s*", "", ln))
            continue
        if _starts_row(fl, numbered, form57):
            entries.append([ln])
        elif entries and isinstance(entries[-1], list):
            if pages and pages[i] != pages[i - 1]:
                entries[-1].append(PAGE)  # the row goes on on the next page
            entries[-1].append(ln)
        elif entries and isinstance(entries[-1], str) and ln[:1].islower():
            entries[-1] += " " + ln
    blocks = [e for e in entries if isinstance(e, list)]
    if not blocks:
        return None
    work = sum(_work(b, len(keys)) for b in blocks)
    if work > MAX_WORK:
        return None  # too long a table for this reading; the cell-by-cell reader takes it
    widths = [0.0] * len(keys)
    readings = [_read_block(b, keys, widths) for b in blocks]
    widths = _measure(readings, len(keys))
    readings = [_read_block(b, keys, widths) for b in blocks]
    rows: list[list[str]] = [labels]
    cells = iter(readings)
    for e in entries:
        if isinstance(e, str):
            rows.append([e] * len(keys))
        else:
            rows.append(["\n".join(c) for c in next(cells)])
    return rows, running


PAGE = "\f"
_BULLETS = ("-", "–", "+", "•", "*")


def _read_block(lines: list[str], keys: list, widths: list[float]) -> list[list[str]]:
    """A row's cells; a row cut by a page end is read in parts (the first lines of all its cells on
    one page, the rest of each on the next) and each cell joined back."""
    parts: list[list[str]] = [[]]
    for ln in lines:
        if ln == PAGE:
            parts.append([])
        else:
            parts[-1].append(ln)
    cells = _split_row(parts[0], keys, widths)
    for part in parts[1:]:
        if not part:
            continue
        last = max((c for c, cell in enumerate(cells) if cell), default=0)
        first = min((c for c, cell in enumerate(cells) if cell), default=0)
        more = _split_row(part, keys, widths, continuation=True, first=first)
        for c, cell in enumerate(more):
            cells[c].extend(cell)
        del last
    return cells


def _work(lines: list[str], ncols: int) -> int:
    """How many cells the reading of a row weighs, roughly: starts x columns x ends."""
    lines = lines[:MAX_ROW_LINES]
    starts = sum(1 + sum(1 for w in ln.split()[1:] if _opens(w)) for ln in lines)
    widest = max((len(ln.split()) for ln in lines), default=0)
    return starts * ncols * (MAX_SKIP + 1) * (min(len(lines), MAX_LINES) + widest)


def _starts_row(fl: str, numbered: bool, form57: bool) -> bool:
    """A row starts at its TT number (when the table has a TT column) before the criterion label,
    else at the label itself; a 57/2026 row may name only a standard."""
    if numbered:
        return bool(re.match(r"^\d{1,3}\.?\s+t[il1]eu\s*ch", fl))
    return bool(_ROW_START.match(fl) or (form57 and _STD_LINE.match(fl)))


def _header_start(lines: list[str], first_row: int) -> int | None:
    """The header's first line: going up from the first row, the header's lines are short and end at
    the table's heading (or at running text); the topmost one that opens with a column name."""
    found = None
    for i in range(first_row - 1, max(-1, first_row - 30), -1):
        fl = vn.fold_same_length(lines[i]).strip()
        if not fl:
            continue
        if header._HEADING.match(fl) and header._section_key(fl):
            break
        words = fl.split()
        if words[0].strip("(),.:;") in ("tt", "stt") or table.classify(" ".join(words[:3])):
            found = i
    return found


def _labels(text: str) -> list[str]:
    """Header words grouped into column labels: a capitalised word that opens a column name starts
    a new label once the label before it names a column."""
    cells: list[list[str]] = []
    for word in text.split():
        folded = vn.fold_same_length(word).strip("(),.:;").lower()
        if not cells or (
            word[:1].isupper() and folded in _LABEL_STARTS and table.classify(" ".join(cells[-1]))
        ):
            cells.append([word])
        else:
            cells[-1].append(word)
    return [" ".join(c) for c in cells]


def _measure(readings: list[list[list[str]]], ncols: int) -> list[float]:
    """Each column's width: the longest lines of its cells of several lines (90th percentile)."""
    out = []
    for c in range(ncols):
        lengths = sorted(len(line) for r in readings for line in r[c][:-1] if len(r[c]) >= 2)
        out.append(float(lengths[int(0.9 * (len(lengths) - 1))]) if len(lengths) >= 2 else 0.0)
    return out


def _kind_cost(key: str | None, text: str) -> float:
    folded = vn.fold_same_length(text).lower()
    if key == "order":
        return 0.0 if re.fullmatch(r"\d{1,3}\.?", text) else 12.0
    if key == "level":
        return -0.5 if re.fullmatch(r"(?:muc\s*)?[1-4]", folded) else 8.0
    if key == "criterion":
        if re.match(r"^\W*t[il1]eu\s*ch[il1]|^\d{1,2}\.\d{1,2}\b", folded):
            return -2.0
        return 4.0
    if key == "issue":
        return -1.0 if re.match(r"^\W*t[il1]eu\s*chu", folded) else 0.5
    if key in ("time_text", "start", "end"):
        return -1.5 if _TIME.search(folded) else 3.0
    if key == "budget_text":
        return -1.0 if _MONEY.search(folded) else 1.0
    if key in ("lead", "coordinators"):
        return -0.5 if _ROLE.match(folded) else 1.5
    if key == "status":
        return -1.0 if re.search(r"thuc\s*hien|hoan\s*thanh|dat\b", folded) else 1.0
    if key in ("expected_result", "solutions", "indicator", "expected_evidence", "support", "notes"):
        return 1.5 if _TIME.match(folded) and len(folded) < 20 else 0.0
    return 0.5


def _split_row(
    lines: list[str], keys: list, widths: list[float], continuation: bool = False, first: int = 0
) -> list[list[str]]:
    """A row's lines split into the columns' cells (each cell a list of lines)."""
    words = [ln.split() for ln in lines]
    # A row this long is no plan row: its first lines are read, the rest goes on in its last cell.
    rest: list[str] = []
    n = 0
    for j, ws in enumerate(words):
        n += len(ws)
        if j >= MAX_ROW_LINES or n > MAX_ROW_WORDS:
            rest = [" ".join(w) for w in words[j:]]
            words = words[:j]
            break
    nlines, ncols = len(words), len(keys)
    # Positions: (line, word); a cell starts at a position where a cell can open.
    opens = {(j, k) for j, ws in enumerate(words) for k in range(len(ws)) if k == 0 or _can_open(ws, k)}

    kinds: dict[tuple, float] = {}
    full = [" ".join(ws) for ws in words]
    bullet_prefix = [0]
    for text in full:
        bullet_prefix.append(bullet_prefix[-1] + (text[:1] in _BULLETS))
    # Per column, the cost of each whole line and of each pair of whole lines, summed from the top,
    # so that a cell's cost is read off in constant time.
    sums: dict[int, tuple[list[float], list[float]]] = {}

    def line_cost(c: int, p: str) -> float:
        w = widths[c]
        return 0.8 * (len(p) - w - 2) if w and len(p) > w + 2 else 0.0

    def pair_cost(c: int, p: str, nxt_line: str) -> float:
        w = widths[c]
        nxt = nxt_line.split()[0] if nxt_line else ""
        ends = p.endswith((".", ";", ":"))
        last_word = p.split()[-1] if p.split() else ""
        cost = 0.0
        if nxt[:1].isupper() and not ends and not last_word[:1].isupper():
            cost += INNER_CAPITAL  # (after a capitalised word it is a name going on: "Phòng / GDĐT")
        room = w - len(p) - 1 - len(nxt)
        if w and room >= 2 and nxt[:1] not in _BULLETS and not ends:
            cost += min(3.0, 0.5 * room)  # the next word would have fitted on this line
        return cost

    def column_sums(c: int) -> tuple[list[float], list[float]]:
        if c not in sums:
            lines_sum, pairs_sum = [0.0], [0.0]
            for j in range(nlines):
                lines_sum.append(lines_sum[-1] + line_cost(c, full[j]))
                pair = pair_cost(c, full[j], full[j + 1]) if j + 1 < nlines else 0.0
                pairs_sum.append(pairs_sum[-1] + pair)
            sums[c] = (lines_sum, pairs_sum)
        return sums[c]

    def cell_cost(c: int, j0: int, k0: int, j1: int, k1: int | None) -> float:
        # Lines j0..j1; the first from word k0; the last up to word k1 (exclusive; None = line end).
        first_piece = " ".join(words[j0][k0 : (k1 if j1 == j0 and k1 is not None else None)])
        last_piece = first_piece if j1 == j0 else full[j1]
        key = (c, j0, k0, j1 if j1 < j0 + 3 else -1, k1 if j1 < j0 + 3 else -1)
        kind = kinds.get(key)
        if kind is None:
            # What a cell says is judged on its first lines.
            head = [first_piece] + full[j0 + 1 : min(j1, j0 + 2) + 1]
            kind = kinds[key] = _kind_cost(keys[c], " ".join(head))
        # A cell's rest past a page end: only the evidence for its column counts, and TT and Mức
        # take nothing that is not theirs.
        cost = min(0.0, kind) if continuation and keys[c] not in ("order", "level") else kind
        if not continuation and not _opens(first_piece.split()[0]):
            cost += 2.5
        if _OPEN_END.search(last_piece.lower()):
            cost += 3.0  # the cell's last line ends mid-phrase
        if (
            not continuation
            and first_piece[:1] not in _BULLETS
            and bullet_prefix[j1 + 1] - bullet_prefix[j0 + 1] > 0
        ):
            cost += 2.5  # bullets after a first line without one: the bullets are the next cell's
        cost += line_cost(c, first_piece)
        if j1 > j0:
            lines_sum, pairs_sum = column_sums(c)
            cost += pair_cost(c, first_piece, full[j0 + 1])
            cost += lines_sum[j1 + 1] - lines_sum[j0 + 1]
            cost += pairs_sum[j1] - pairs_sum[j0 + 1]
        return cost

    memo: dict[tuple[int, int, int], tuple[float, tuple | None]] = {}

    def best(j: int, k: int, c: int) -> float:
        """Cheapest reading of everything from (line j, word k), the next cell in column >= c;
        memo holds it with the first cell of that reading."""
        if j >= nlines:
            return 0.0
        if c >= ncols:
            return 1e9
        key = (j, k, c)
        if key in memo:
            return memo[key][0]
        out, cell = 1e9, None
        glue_ends = [k1 for k1 in range(k + 1, len(words[j])) if (j, k1) in opens]
        for col in range(c, min(ncols, c + MAX_SKIP + 1)):
            skip = SKIP * (col - c)
            # A cell of part of this line, glued to the next cell.
            for k1 in glue_ends:
                total = skip + cell_cost(col, j, k, j, k1) + best(j, k1, col + 1)
                if total < out:
                    out, cell = total, (col, j, k, j, k1)
            # A cell to the end of this line or of a later one.
            for j1 in range(j, min(nlines, j + MAX_LINES)):
                total = skip + cell_cost(col, j, k, j1, None) + best(j1 + 1, 0, col + 1)
                if total < out:
                    out, cell = total, (col, j, k, j1, None)
        memo[key] = (out, cell)
        return out

    plan = []
    state = (0, 0, first)
    best(*state)
    while state in memo and memo[state][1] is not None:
        col, j0, k0, j1, k1 = memo[state][1]
        plan.append((col, j0, k0, j1, k1))
        state = (j0, k1, col + 1) if k1 is not None else (j1 + 1, 0, col + 1)
    cells: list[list[str]] = [[] for _ in keys]
    for col, j0, k0, j1, k1 in plan:
        for j in range(j0, j1 + 1):
            ws = words[j][(k0 if j == j0 else 0) : (k1 if j == j1 and k1 is not None else None)]
            cells[col].append(" ".join(ws))
    if rest:
        cells[plan[-1][0] if plan else min(first, len(keys) - 1)].extend(rest)
    return cells
