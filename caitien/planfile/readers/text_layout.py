"""`pdftotext -layout` text: a table printed with its columns kept by position.

Every line holds one visual line of every cell of a row, each piece at (roughly) the column's
left edge. The positions are character estimates: they are steady within a page, shift from page
to page, and where a cell's text is dense two neighbouring cells are glued by a single space
("chuẩn nghề nghiệp trình độ"). So:

- the columns' left edges are measured per page, from where the pieces of the table lines start;
- each line's words are split into cells by a small dynamic programme: a cell opens near a
  column's edge, stays within the column's width (measured from the pieces that are clearly
  alone), and a column whose cell has ended in this row does not take text again;
- a row starts where the TT column holds a number or the criterion column starts a label;
  a standard heading spans the table on a line of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from caitien.planfile import vietnamese as vn
from caitien.planfile.readers import table
from caitien.planfile.readers.text_lines import ends_table

MAX_WORDS = 48  # words of one line read one by one; the rest is one word
MAX_PIECE_WORDS = 14  # words of one cell on one line
MAX_BODY_WORDS = 16_000  # words of one table read; no plan's table is longer
MAX_COLUMNS = 16
POSITION = 0.5  # cost per character between a cell's first word and its column's edge
OVERFLOW = 1.5  # cost per character a cell's piece is longer than its column is wide
WIDE_GAP = 2.5  # two words of one cell with a wide gap between them
REOPEN = 3.0  # text in a column whose cell ended on an earlier line of the row


@dataclass
class Word:
    text: str
    x: int
    gap: int  # spaces before the word (0 for a line's first word)

    @property
    def end(self) -> int:
        return self.x + len(self.text)


def words(line: str) -> list[Word]:
    out: list[Word] = []
    last = 0
    for m in re.finditer(r"\S+", line):
        out.append(Word(m.group(0), m.start(), m.start() - last if out else 0))
        last = m.end()
    out = _bullets_on(out)
    if len(out) > MAX_WORDS:
        rest = out[MAX_WORDS - 1 :]
        out = out[: MAX_WORDS - 1] + [Word(line[rest[0].x : rest[-1].end], rest[0].x, rest[0].gap)]
    return out


def _bullets_on(ws: list[Word]) -> list[Word]:
    """A lone bullet goes with the word after it, placed where that word stands: a bullet hangs
    left of its cell's text, often past the column's edge, and must not stay in the cell before."""
    out: list[Word] = []
    k = 0
    while k < len(ws):
        w = ws[k]
        if w.text in ("-", "–", "+", "•", "*") and k + 1 < len(ws) and ws[k + 1].gap <= 3:
            nxt = ws[k + 1]
            out.append(Word(f"{w.text} {nxt.text}", nxt.x, w.gap))
            k += 2
            continue
        out.append(w)
        k += 1
    return out


def pieces(line: str) -> list[tuple[int, str]]:
    """Pieces separated by two or more spaces, with their start columns."""
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", line)]


def header_line(lines: list[str]) -> int | None:
    """The first line whose wide-spaced pieces name at least three columns."""
    for i, ln in enumerate(lines):
        ps = pieces(ln)
        if len(ps) >= 3 and len({table.classify(p) for _, p in ps} - {None}) >= 3:
            return i
    return None


def _ends_table(line: str) -> bool:
    return ends_table(vn.fold_same_length(line).strip())


def _numbered(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:\(\s*\d{1,2}\s*\)\s*){3,}", line))


_ROW_LABEL = re.compile(r"^\W*t[il1]eu\s*ch[il1]\b|^\d{1,2}\.\d{1,2}\b")
_STANDARD = re.compile(r"^\W*(?:\d{1,2}\s*[.)]?\s*)?t[il1]eu\s*chu[a-z]n\s*\d")


def _edges(lines: list[str], ncols: int | None) -> list[int]:
    """Left edges of the columns on one page: starts shared by several pieces, near ones merged."""
    starts = Counter(x for ln in lines for x, _ in pieces(ln))
    common = sorted(x for x, n in starts.items() if n >= 2)
    edges: list[int] = []
    for x in common:
        if edges and x - edges[-1] <= 2:
            if starts[x] > starts[edges[-1]]:
                edges[-1] = x
            continue
        edges.append(x)
    ncols = min(ncols or MAX_COLUMNS, MAX_COLUMNS)
    if len(edges) > ncols:
        # Keep the best supported edges.
        keep = sorted(sorted(edges, key=lambda x: -starts[x])[:ncols])
        edges = keep
    return edges


def _widths(lines: list[str], edges: list[int]) -> list[float]:
    """Each column's width: the longest pieces that start right at its edge (90th percentile)."""
    found: list[list[int]] = [[] for _ in edges]
    for ln in lines:
        for x, text in pieces(ln):
            for c, e in enumerate(edges):
                nxt = edges[c + 1] if c + 1 < len(edges) else None
                if abs(x - e) <= 1 and (nxt is None or x + len(text) < nxt):
                    found[c].append(len(text))
    out = []
    for c, lengths in enumerate(found):
        gap = (edges[c + 1] - edges[c] - 1) if c + 1 < len(edges) else 30
        if len(lengths) >= 2:
            lengths.sort()
            w = lengths[int(0.9 * (len(lengths) - 1))]
            out.append(float(max(w, min(gap, 3))))
        else:
            out.append(float(max(gap, 3)))
    return out


def split_line(ws: list[Word], edges: list[int], widths: list[float], closed: set[int]) -> list[list[Word]]:
    """The words of one line split into cells of increasing columns at the lowest cost."""
    n, m = len(ws), len(edges)
    if not ws:
        return [[] for _ in edges]
    inf = float("inf")
    # cost[i][c]: word i is the first word of column c's piece, the words before placed.
    best = [[inf] * m for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * m for _ in range(n + 1)]

    def piece_cost(i: int, j: int, c: int) -> float:
        first, last = ws[i], ws[j - 1]
        cost = POSITION * abs(first.x - edges[c])
        length = last.end - first.x
        if length > widths[c] + 1:
            cost += OVERFLOW * (length - widths[c] - 1)
        cost += sum(WIDE_GAP for w in ws[i + 1 : j] if w.gap >= 3)
        if c in closed:
            cost += REOPEN
        return cost

    # best[j][c]: words [0, j) placed, the last piece in column c; below[j][c]: the cheapest of
    # best[j][c0] for c0 < c, and that c0.
    below = [[(inf, -1)] * m for _ in range(n + 1)]
    for j in range(1, n + 1):
        for c in range(m):
            for i in range(max(0, j - MAX_PIECE_WORDS), j):
                if i == 0:
                    total, prev = 0.0, (0, -1)
                else:
                    total, c0 = below[i][c]
                    if c0 < 0:
                        continue
                    prev = (i, c0)
                total += piece_cost(i, j, c)
                if total < best[j][c]:
                    best[j][c] = total
                    back[j][c] = prev
        run = (inf, -1)
        for c in range(m):
            below[j][c] = run
            if best[j][c] < run[0]:
                run = (best[j][c], c)
    c = min(range(m), key=lambda k: best[n][k])
    cells: list[list[Word]] = [[] for _ in edges]
    j = n
    while j > 0:
        i, c0 = back[j][c] or (0, -1)
        cells[c] = ws[i:j]
        j, c = i, c0
    return cells


def read_layout(lines: list[str], pages: list[int]) -> tuple[list[list[str]], list[str]]:
    """(rows for table.build_items, running text) of `pdftotext -layout` lines; `pages` gives each
    line's page."""
    lines = [ln.expandtabs(8).rstrip() for ln in lines]
    head = header_line(lines)
    if head is None:
        return [], lines
    body_start = head + 1
    while body_start < len(lines) and body_start < head + 6:
        ln = lines[body_start]
        if ln.strip() and (
            vn.find_criterion(ln) or vn.find_standard(ln) or _numbered(ln) or re.match(r"^\s*\d{1,2}\s", ln)
        ):
            break
        body_start += 1
    end = next((i for i in range(body_start, len(lines)) if _ends_table(lines[i])), len(lines))
    header_lines = list(range(head, body_start))
    running = lines[:head] + lines[end:]
    body = [i for i in range(body_start, end) if lines[i].strip() and not _numbered(lines[i])]
    count = 0
    for n, i in enumerate(body):
        count += len(lines[i].split())
        if count > MAX_BODY_WORDS:
            running += [lines[k] for k in body[n:]]
            body = body[:n]
            break
    if not body:
        return [], lines
    # Geometry of the header's page first: it fixes the number of columns.
    by_page: dict[int, list[int]] = {}
    for i in body:
        by_page.setdefault(pages[i], []).append(i)
    first_page = pages[head]
    ref_lines = [lines[i] for i in by_page.get(first_page, body)]
    edges0 = _edges(ref_lines + [lines[i] for i in header_lines], None)
    edges0 = _edges_from_header(lines, header_lines, ref_lines, edges0)
    numbered = next((i for i in range(head, min(body_start + 1, end)) if _numbered(lines[i])), None)
    if numbered is not None:
        edges0 = _edges_from_markers(lines[numbered], edges0)
    ncols = len(edges0)
    geometry: dict[int, tuple[list[int], list[float]]] = {}
    for page, idx in by_page.items():
        page_lines = [lines[i] for i in idx]
        edges = edges0 if page == first_page else _edges(page_lines, ncols)
        if len(edges) != ncols:
            edges = _nearest_geometry(geometry, edges0)
        geometry[page] = (edges, _widths(page_lines, edges))
    if first_page not in geometry:
        geometry[first_page] = (edges0, _widths(ref_lines, edges0))
    # The header's labels.
    e0, w0 = geometry[first_page]
    labels = [""] * ncols
    for i in header_lines:
        for c, cell in enumerate(split_line(words(lines[i]), e0, w0, set())):
            if cell:
                labels[c] = (labels[c] + " " + " ".join(w.text for w in cell)).strip()
    keys = [table.classify(lab) for lab in labels]
    order_col = keys.index("order") if "order" in keys else None
    label_col = next((k for k, key in enumerate(keys) if key in ("criterion", "issue")), 0)
    level_col = keys.index("level") if keys[label_col + 1 : label_col + 2] == ["level"] else None
    rows: list[list[str]] = [labels]
    current: list[list[str]] | None = None
    closed: set[int] = set()
    active: set[int] = set()
    last_page = None
    for i in body:
        ln = lines[i]
        edges, widths = geometry.get(pages[i], geometry[first_page])
        ps = pieces(ln)
        if len(ps) == 1 and len(ps[0][1]) > 70 and not _STANDARD.match(vn.fold_same_length(ps[0][1])):
            running.append(ln)  # running text between the table's pages
            continue
        if len(ps) == 1 and re.fullmatch(r"\d{1,3}", ps[0][1]) and ps[0][0] > edges[min(2, ncols - 1)]:
            continue  # a page number
        fl = vn.fold_same_length(ln.strip())
        if (
            len(ps) == 1
            and _STANDARD.match(fl)
            and not vn.find_criterion(fl.split(":")[0])
            and len(ps[0][1]) > widths[label_col] + 3
        ):
            if current:
                rows.append(["\n".join(c) for c in current])
                current = None
            rows.append([re.sub(r"^\s*\d+\s*[.)]?\s+", "", ln.strip())] * ncols)
            continue
        if _header_again(ps):
            continue
        if pages[i] != last_page:
            closed = set()  # a row going on over a page break: its cells go on
            last_page = pages[i]
        ws = words(ln)
        if order_col == 0 and ncols > 1 and _numbered_row_start(ws):
            # "10 Tiêu chí 2": a two-digit TT glued to the label by one space; the TT column was
            # measured from one-digit numbers and would take the label's first word with it.
            rest = {c - 1 for c in closed if c > 0}
            cells = [ws[:1], *split_line(ws[1:], edges[1:], widths[1:], rest)]
        else:
            cells = split_line(ws, edges, widths, closed)
        texts = [" ".join(w.text for w in c) for c in cells]
        if level_col is not None and not texts[level_col]:
            texts[label_col], texts[level_col] = _level_glued(texts[label_col])
        starts = False
        if order_col is not None and re.fullmatch(r"\d{1,3}\.?", texts[order_col] or "x"):
            starts = True
        elif order_col is None and _ROW_LABEL.match(vn.fold_same_length(texts[label_col])):
            starts = (
                current is None
                or any(current[label_col])
                and (
                    vn.find_criterion(texts[label_col]) is not None
                    or re.match(r"^\W*t[il1]eu\s*ch", vn.fold_same_length(texts[label_col])) is not None
                )
            )
        if starts or current is None:
            if current:
                rows.append(["\n".join(c) for c in current])
            current = [[] for _ in range(ncols)]
            closed, active = set(), set()
        now = {c for c, t in enumerate(texts) if t}
        closed |= active - now
        active = now
        for c, t in enumerate(texts):
            if t:
                current[c].append(t)
    if current:
        rows.append(["\n".join(c) for c in current])
    return rows, running


def _numbered_row_start(ws: list[Word]) -> bool:
    """A line that opens a row with its TT number and the criterion label right after it."""
    if len(ws) < 2 or not re.fullmatch(r"\d{1,3}\.?", ws[0].text) or ws[0].x > 1:
        return False
    return re.match(r"^t[il1]eu$|^\d{1,2}\.\d{1,2}$", vn.fold_same_length(ws[1].text)) is not None


_GLUED_LEVEL = re.compile(r"^(\W*t[il1]eu\s*ch[il1](?:\s+\d{1,2}\.\d{1,2})?)\s+([1-4])$")


def _level_glued(label: str) -> tuple[str, str]:
    """(label, level) of a criterion label with the Mức column's digit glued to it by a single
    space ("Tiêu chí 2" over "1.2"): pdftotext joins a narrow column's cell to the one before."""
    m = _GLUED_LEVEL.match(vn.fold_same_length(label))
    if not m:
        return label, ""
    return label[: m.end(1)], label[m.start(2) :]


def _header_again(ps: list[tuple[int, str]]) -> bool:
    return (
        len(ps) >= 3
        and len({table.classify(p) for _, p in ps} - {None}) >= 3
        and not any(vn.find_criterion(p) for _, p in ps)
    )


def _edges_from_header(
    lines: list[str], header_lines: list[int], ref_lines: list[str], edges: list[int]
) -> list[int]:
    """Drop edges no header word and almost no body piece stands on (a shifted line's pieces)."""
    starts = Counter(x for ln in ref_lines for x, _ in pieces(ln))
    head_x = [w.x for i in header_lines for w in words(lines[i])]
    out = []
    for e in edges:
        near_head = any(abs(x - e) <= 4 for x in head_x)
        support = sum(n for x, n in starts.items() if abs(x - e) <= 1)
        if near_head or support >= 3:
            out.append(e)
    return out or edges


def _edges_from_markers(line: str, edges: list[int]) -> list[int]:
    """The column edges a numbered row "(1) (2) … (n)" gives: one column per marker, each at the
    measured edge next to its marker (the marker sits at its cell's left edge or a little right of
    it), or at the marker itself when no measured edge is near. Glued header labels ("Mức Kết quả")
    and indented bullets otherwise hide or invent a column."""
    markers = [w.x for w in words(line)][:MAX_COLUMNS]
    out: list[int] = []
    for k, x in enumerate(markers):
        low = max(x - 4, out[-1] + 1 if out else 0)
        high = markers[k + 1] - 1 if k + 1 < len(markers) else x + 2
        near = [e for e in edges if low <= e <= min(x + 2, high)]
        out.append(min(near, key=lambda e: abs(e - x)) if near else x)
    return out


def _nearest_geometry(geometry: dict, default: list[int]) -> list[int]:
    for edges, _ in geometry.values():
        if len(edges) == len(default):
            return edges
    return default
