"""Cells of OCR table rows where each line holds one visual line of every column.

OCR of a scanned table prints, per visual line, the pieces of every column side by side, with "|"
only where a border was read. The font is proportional, so character positions say little; what
does say where a column's piece ends:

- a "|" (or a border misread as "[", "\\", "(", "/", "_") is a boundary;
- every column has a width: a piece is never much longer than the longest pieces the column holds
  between read borders, and a cell's line was wrapped because its next word did not fit;
- a cell is one run of consecutive lines: once its column is empty on a line, the cell is over;
- a cell starts with a capital, a digit or a bullet more often than not;
- narrow columns cut words: a piece with no vowel ("g", "ng", "HS") is the end of the word above.

Each row is read line by line; a small dynamic programme splits a line's words into pieces of
increasing columns at the lowest cost. Column widths are estimated per table and refined once
from the first reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from caitien.planfile import vietnamese as vn
from caitien.planfile.readers.text_columns_words import (  # noqa: F401 (the words' API, read here too)
    _CODE,
    _LABEL_CODE,
    _LABEL_TOP,
    _LEADING_BORDER,
    _NOISE_TOKEN,
    _VOWELS,
    Word,
    _has_vowel,
    _lone_letter,
    _split_slash,
    continues_word,
    is_tail,
    split_label,
    tokens,
)

_OPEN_END = re.compile(r"(?:[,\-–]|\b(?:va|cua|voi|cho|cac|de|trong|tu|den|nam|hoc|thang))$")

# Costs, in one unit: what each piece of evidence weighs against the others.
NEW_CELL = 0.8  # a column's cell starts on this line
LOWER_START = 1.5  # ... with a lower-case word
MISSED_BORDER = 0.4  # two pieces on a line where no border was read between them
REOPEN = 6.0  # text in a column whose cell ended on an earlier line
OVER_PER_CHAR = 0.6  # each character a piece is longer than its column's width
FITS_ABOVE = 0.8  # the piece's first word would have fitted on the column's line above
FITS_SHARE = 0.8  # ... well within the width: characters only roughly measure a proportional font
SHORT_ABOVE = 0.3  # (scaled) the line above was far from full, yet the cell goes on
END = 0.1  # a cell ends (1.5 when its last line ends mid-phrase)
AFTER_STOP = 0.8  # a lower-case piece goes on after a full stop
INNER_CAPITAL = 0.5  # a capitalised word inside a piece, after a lower-case one
ROLE_WORDS = 0.4  # (scaled, a saving) the lead column's pieces name roles
TIME_IN_LEAD = 0.3  # a lead piece made of time words only ("và các" of "và các năm tiếp theo")
ROLE_OPENS = -0.6  # a lead cell starts with a role
TIME_OPENS = -0.6  # a time cell starts with a month, year or "Năm"
MONEY_OPENS = -0.3  # a budget cell starts with an amount, "Không", "Kinh phí", "Nguồn" …
MONEY_GOES_ON = 0.3  # a budget cell goes on with words that are no amount
NARROW = 8.0  # columns this narrow cut words in two
MIN_WIDTH = 6.0  # a column holds at least a short word ("Không") on a line
BEAM = 5  # readings of a row kept from line to line
SPLITS = 3  # splits of a line tried per reading
MAX_WORDS = 60  # words of one line looked at one by one
MEASURED_ROWS = 12  # rows read to measure the columns' widths


@dataclass
class _Col:
    """A column of one reading of a row: the pieces it received so far. Never changed once
    made: a reading that gives the column a piece makes a new one."""

    __slots__ = ("pieces", "last_line", "open_end", "_open")

    def __init__(self, pieces: list[str], last_line: int = -1, open_end: bool = False):
        self.pieces = pieces
        self.last_line = last_line  # index of the last line that gave this column a piece
        self.open_end = open_end  # the last piece ends mid-phrase ("và", ",", "-")
        self._open: tuple | None = None  # the signature while the cell is open, made once

    def signature(self, line: int) -> tuple:
        if self.last_line < 0:
            return ("new",)
        if self.last_line != line - 1:
            return ("closed",)
        sig = self._open
        if sig is None:
            above = self.pieces[-1]
            last = above[-1:]
            # Everything the costs read of the line above: its length, how it ends, its last letter's case.
            end = "." if last == "." else ("A" if last.isupper() else "a") if last.isalpha() else ""
            sig = self._open = ("open", len(above), self.open_end, end)
        return sig

    def status(self, line: int) -> str:
        if self.last_line < 0:
            return "new"
        return "open" if self.last_line == line - 1 else "closed"


def _ends_open(piece: str) -> bool:
    """Whether a piece ends mid-phrase ("và", ",", "-"): its cell likely goes on."""
    return bool(_OPEN_END.search(vn.fold_same_length(piece.lower())))


_TIME_WORD = re.compile(
    r"^(?:nam|hoc|thang|den|tu|toi|tiep|theo\.?|va|cac|vacac|hk\w*|quy|dau|cuoi|giua|suot|xuyen|"
    r"\d{4}[-–]?|\d{1,2}[-–/]?|\d{1,2}/\d{4})[,.;]?$"
)
_TIME_CORE = re.compile(r"^(?:nam|thang|hk\w*|\d{4}[-–]?|\d{1,2}/\d{4})[,.;]?$")
_MONEY_WORD = re.compile(r"^(?:trieu|tr|dong|d|vnd|ty|nghin|ngan|\d[\d.,]*)[,.;]?$")
_MONEY_OPEN = re.compile(r"^(?:khong|kinh|ngan|nguon|\d|xa|quy|von|theo|tu|huy|khao|du)")
_ROLE_OPEN = re.compile(
    r"^[-+]?(?:hieu|pho|bgh|ban|gv|giao|to|tong|tpt|nhan|ke|van|chi|cong|doan|hoi|cmhs|phhs|cha|"
    r"lanh|can|cb|thu|nhom|cac|truong|doi|toan|ca)"
)

_ROLE_WORD = re.compile(
    r"^[-+]?(?:hieu|truong|pho|giao|vien|nhan|ke|toan|gv|bgh|cmhs|phhs|to|ban|giam|doan|doi|tong|phu|trach|"
    r"thu|van|y|te|bo|chi|cong|hoi|dong|chuyen|mon|cm|tpt|nv|cb|can|ht|pht)[,.;]?$"
)


@dataclass(slots=True)
class _Span:
    """What a run of a line's words says."""

    length: int  # characters, with one space between words
    first: str
    tail: bool  # the first word is the end of a word cut above
    lower: bool  # the first word starts in lower case
    timeish: float  # share of time words
    core_time: bool
    money: bool
    money_open: bool
    role_open: bool
    inner_capitals: int  # words inside that open a cell rather than go on a sentence
    roleish: float  # share of words that name roles and bodies


@dataclass(slots=True)
class _WordFacts:
    """What each word of a line says, once per line."""

    time: bool
    core_time: bool
    money: bool  # an amount's word ("triệu", "đồng", a number that is no year)
    money_start: bool  # "triệu…", "đồng…" even glued to more letters
    role: bool
    opens_inside: bool  # a capitalised word after a lower-case one (see _opens_inside)
    tail: bool
    lower: bool
    money_open: bool
    role_open: bool


def _facts(words: list[Word]) -> list[_WordFacts]:
    return [
        _word_facts(w.text, k > 0 and _opens_inside(words[k - 1].text, w.text)) for k, w in enumerate(words)
    ]


@lru_cache(maxsize=8192)
def _word_facts(text: str, opens_inside: bool) -> _WordFacts:
    # Tables repeat their words ("và", "các", "năm học"): each word's facts are worked out once.
    f = vn.fold_same_length(text.lower())
    # OCR reads "Đ" as "P" ("Pén" for "Đến", "Poi" for "Đội"): no Vietnamese word starts with a
    # "p" that is not "ph", so such a word is read as starting with "đ".
    f = re.sub(r"^([-+]?)p(?=[a-z])(?!h)", r"\1d", f)
    ch = next((c for c in text if c.isalnum()), "")
    return _WordFacts(
        time=bool(_TIME_WORD.match(f)),
        core_time=bool(_TIME_CORE.match(f)),
        money=bool(_MONEY_WORD.match(f)) and not re.match(r"^\d{4}", f),
        money_start=f.startswith(("trieu", "dong", "ddng", "deng")),
        role=bool(_ROLE_WORD.match(f)),
        opens_inside=opens_inside,
        tail=is_tail(text),
        lower=ch.isalpha() and ch.islower(),
        money_open=bool(_MONEY_OPEN.match(f)),
        role_open=bool(_ROLE_OPEN.match(f)),
    )


class _Line:
    """One line of a row and what its words say, worked out once for all the readings of the row:
    the words' facts, the facts of each run of words, where a piece starting at a word may end,
    the pieces' costs and texts, and the cheapest splits of the words over the last columns."""

    def __init__(self, words: list[Word]):
        self.words = words
        self.texts = texts = [w.text for w in words]
        self.n = n = len(words)
        self.facts = facts = _facts(words)
        # need[j]: columns the words from j on take at least (one per piece between read borders).
        need = [0] * (n + 1)
        for j in range(n - 1, -1, -1):
            need[j] = need[j + 1] + (1 if j == n - 1 or words[j + 1].border_before else 0)
        self.need = need
        # missed[j]: a piece ending before word j leaves a border unread there.
        self.missed = [not words[j].border_before and not facts[j].opens_inside for j in range(n)] + [False]
        # border_stop[i]: a piece starting at word i ends before this one: it never spans a read border.
        self.border_stop = stops = [n + 1] * (n + 1)
        for i in range(n - 2, -1, -1):
            stops[i] = i + 2 if words[i + 1].border_before else stops[i + 1]
        # Running counts over the words: a run's facts are then differences of two counts.
        self._counts = counts = [[0] * (n + 1) for _ in range(7)]
        chars, time, core, money, start, role, opens = counts
        for k, f in enumerate(facts):
            chars[k + 1] = chars[k] + len(texts[k])
            time[k + 1] = time[k] + f.time
            core[k + 1] = core[k] + f.core_time
            money[k + 1] = money[k] + f.money
            start[k + 1] = start[k] + f.money_start
            role[k + 1] = role[k] + f.role
            opens[k + 1] = opens[k] + f.opens_inside
        self.clear()

    def clear(self) -> None:
        """Forget what was worked out for one reading of the row (the widths change between
        readings; and a long table need not keep every line's costs)."""
        self.setting: tuple | None = None  # (splits, widths, kinds) of what is kept
        self._spans: dict[int, _Span] = {}
        self._reach: dict[tuple[float, bool], list[range]] = {}
        self._costs: dict[tuple, list[float | None]] = {}
        self._columns: dict[tuple, list[list]] = {}
        self._pieces: dict[tuple[int, int], tuple[str, bool]] = {}

    def span(self, i: int, j: int) -> _Span:
        """What the words i..j-1 say."""
        key = i * (self.n + 1) + j
        sp = self._spans.get(key)
        if sp is None:
            chars, time, core, money, start, role, opens = self._counts
            n = j - i
            head = self.facts[i]
            sp = self._spans[key] = _Span(  # in the fields' order: keywords cost time here
                chars[j] - chars[i] + n - 1,  # length
                self.texts[i],  # first
                head.tail,
                head.lower,
                (time[j] - time[i]) / n,  # timeish
                core[j] > core[i],  # core_time
                money[j] > money[i + 1] or start[j] > start[i],  # money
                head.money_open,
                head.role_open,
                opens[j] - opens[i + 1],  # inner_capitals
                (role[j] - role[i]) / n,  # roleish
            )
        return sp

    def piece(self, i: int, j: int) -> tuple[str, bool]:
        """The text of the piece of words i..j-1, and whether it ends mid-phrase."""
        out = self._pieces.get((i, j))
        if out is None:
            text = " ".join(self.texts[i:j])
            out = self._pieces[(i, j)] = (text, _ends_open(text))
        return out

    def reach(self, width: float, loose: bool) -> list[range]:
        """For each word i, the ends j of the pieces that may start there in a column this wide:
        a piece never spans a read border, nor runs far past its column's width (unless loose)."""
        key = (width, loose)
        out = self._reach.get(key)
        if out is None:
            n = self.n
            if loose:
                out = [range(i + 1, n + 1) for i in range(n + 1)]
            else:
                chars, stops, limit = self._counts[0], self.border_stop, width + 5
                out = []
                for i in range(n + 1):
                    j, stop, before = i + 1, stops[i], chars[i] + i + 1
                    # The piece of words i..j-1 is chars[j] - chars[i] + (j - i) - 1 characters long.
                    while j < stop and chars[j] + j - before <= limit:
                        j += 1
                    out.append(range(i + 1, j))
            self._reach[key] = out
        return out

    def solve(
        self,
        cols: list[_Col],
        sigs: tuple,
        ends: list[float],
        mode: int,
        line: int,
        widths: list[float],
        kinds: list[str],
        k: int,
    ) -> list:
        """The k cheapest splits of the line's words into pieces of increasing columns.

        best[i] (for column c) holds the k cheapest splits of words[i:] into columns c and after:
        either column c takes the next piece, or it is skipped (and its open cell ends). Column c's
        lists depend on the columns from c on only, so readings that agree on them share them.
        `mode`: 0 a column whose cell is over takes no more text, 1 it may, 2 pieces may also span
        read borders and run past their column's width."""
        n, m = self.n, len(cols)
        size = n + 1
        need = self.need
        loose = mode == 2
        cut = 4 * k + 4  # a split list is cut back to its k cheapest when it gets this long
        # A split is (cost, its first part, the split of the words after that part): parts are
        # (column, start, end); the empty split has no part.
        nxt: list[list] = [[] for _ in range(n)] + [[(0.0, None, None)]]
        for c in range(m - 1, -1, -1):
            key = (mode, c, sigs[c:])
            best = self._columns.get(key)
            if best is not None:
                nxt = best
                continue
            e = ends[c]
            if e:
                best = [[(e + r[0], r[1], r[2]) for r in rest] for rest in nxt]
            else:
                best = list(nxt)  # the same splits: copied below before one is added to
            sig = sigs[c]
            if not (mode == 0 and sig[0] == "closed"):
                width = widths[c]
                # Costs by piece (i * size + j), for this column with this cell so far.
                costs = self._costs.get((c, sig, width))
                if costs is None:
                    costs = self._costs[(c, sig, width)] = [None] * (size * size)
                status = sig[0]
                new = status == "new"
                # The words' part of a cost is the same for every open or closed cell of the column.
                words_costs = self._costs.get((c, new, width))
                if words_costs is None:
                    words_costs = self._costs[(c, new, width)] = [None] * (size * size)
                reach = self.reach(width, loose)
                col, kind, missed, span = cols[c], kinds[c], self.missed, self.span
                texts, facts = self.texts, self.facts
                # Unless loose, the words from i on must leave no more pieces than columns after c.
                first = 0
                if not loose:
                    while first < n and c + need[first] > m:
                        first += 1
                for i in range(n - 1, first - 1, -1):
                    found = best[i] if e else list(best[i])
                    best[i] = found
                    add = found.append
                    row = i * size
                    extras = None
                    # Once the list was cut to its k cheapest, a split costing no less than the
                    # k-th of them can never be kept (the sort keeps the earlier of equal costs).
                    worst = _UNBOUNDED
                    for j in reach[i]:
                        rest = nxt[j]
                        if not rest:
                            continue
                        cost = costs[row + j]
                        if cost is None:
                            cost = words_costs[row + j]
                            if cost is None:
                                cost = words_costs[row + j] = _words_cost(new, span(i, j), width, kind)
                            # Added term by term, in the same order every time: equal readings
                            # cost exactly the same, so ties are broken the same way.
                            if extras is None:
                                head = facts[i]
                                extras = _cell_costs(col, status, texts[i], head.tail, head.lower, width)
                            for extra in extras:
                                cost += extra
                            if missed[j]:
                                cost += MISSED_BORDER
                            costs[row + j] = cost
                        part = (c, i, j)
                        for r in rest:
                            total = cost + r[0]
                            if total < worst:
                                add((total, part, r))
                        if len(found) >= cut:
                            found.sort(key=_cost_of)
                            del found[k:]
                            worst = found[-1][0]
                    if len(found) > k:
                        found.sort(key=_cost_of)
                        del found[k:]
            self._columns[key] = nxt = best
        return nxt[0]


def _opens_inside(before: str, word: str) -> bool:
    """A capitalised word after a lower-case one, not after a stop: in Vietnamese only names do
    that, so it is most often the first word of the next column's cell."""
    return (
        len(word) > 1
        and word[0].isupper()
        and word[1:2].islower()
        and before[-1:].isalpha()
        and before[:1].islower()
    )


def _kind_cost(kind: str, new: bool, sp: _Span) -> float:
    """What the words say about their column: a time, an amount, a role."""
    cost = 0.0
    if kind == "time_text":
        cost += 1.2 * (1.0 - sp.timeish)
        if new and not sp.core_time:
            cost += 1.0
    elif sp.timeish == 1.0 and sp.core_time:
        cost += 0.8
    elif sp.timeish == 1.0 and sp.roleish == 0.0 and kind == "lead":
        cost += TIME_IN_LEAD  # "và các", "tiếp theo": a time's words, no role
    if kind == "budget_text":
        if new:
            cost += MONEY_OPENS if sp.money_open else 1.0
        elif not new and not sp.money:
            cost += MONEY_GOES_ON
    elif sp.money:
        cost += 1.0
    if kind == "lead":
        cost -= ROLE_WORDS * sp.roleish
        if new:
            cost += ROLE_OPENS if sp.role_open else 1.0
    if kind == "time_text" and new and sp.core_time:
        cost += TIME_OPENS
    return cost


def _words_cost(new: bool, sp: _Span, width: float, kind: str) -> float:
    """The part of a piece's cost that its words and its column's width make."""
    cost = _kind_cost(kind, new, sp) + INNER_CAPITAL * sp.inner_capitals
    over = sp.length - width
    if over > 0:
        cost += OVER_PER_CHAR * over
    return cost


def _cell_costs(
    col: _Col, status: str, first: str, tail: bool, lower: bool, width: float
) -> tuple[float, ...]:
    """The terms, added in this order, that the column's cell so far adds to a piece's cost; of
    the piece they read only its first word (`tail`, `lower`: that word's facts)."""
    if status == "closed":
        return (REOPEN,)
    if status == "new":
        return (NEW_CELL,) + ((3.0,) if tail else ()) + ((LOWER_START,) if lower else ())
    above = col.pieces[-1]
    if tail and width <= NARROW and continues_word(above, first):
        return (-1.0,)  # the rest of a word the narrow column cut
    if tail:
        return (1.0,)
    if lower and above.endswith("."):
        return (AFTER_STOP,)  # a sentence ended the cell
    if len(above) + 1 + len(first) <= FITS_SHARE * width and not col.open_end:
        return (FITS_ABOVE,)  # this word would have fitted on the line above
    # A line is wrapped when it is full: the fuller the line above, the likelier it goes on.
    return (SHORT_ABOVE * max(0.0, 1.0 - len(above) / max(width, 1.0)),)


def _end_cost(col: _Col, line: int) -> float:
    """Cost of an open cell getting nothing on this line (the cell ends above)."""
    if col.status(line) != "open":
        return 0.0
    if col.open_end:
        return 1.5
    return END


def _split_line(
    ln: _Line, cols: list[_Col], sigs: tuple, line: int, widths: list[float], kinds: list[str], k: int = 1
) -> list[tuple[float, list[tuple[int, int, int]]]]:
    """The k cheapest splits of a line's words into (column, start, end) pieces of increasing
    columns, with their costs; `sigs` are the columns' signatures on this line."""
    setting = (k, tuple(widths), tuple(kinds))
    if ln.setting != setting:
        ln.clear()
        ln.setting = setting
    ends = [_end_cost(c, line) for c in cols]
    # A cell is one run of lines: a column whose cell is over takes no more text, unless the
    # line has more pieces than the other columns can take.
    found = ln.solve(cols, sigs, ends, 0, line, widths, kinds, k)
    if not found:
        found = ln.solve(cols, sigs, ends, 1, line, widths, kinds, k)
    if not found:
        # More pieces between borders than columns (or a piece wider than any column): read on
        # with pieces that may span a border rather than lose the line.
        found = ln.solve(cols, sigs, ends, 2, line, widths, kinds, k)
    out = []
    for split in found:
        flat = []
        rest = split
        while rest[1] is not None:
            flat.append(rest[1])
            rest = rest[2]
        out.append((split[0], flat))
    return out


_cost_of = itemgetter(0)
_UNBOUNDED = float("inf")


def read_row(
    lines: list[list[Word]],
    widths: list[float],
    kinds: list[str],
    *,
    beam_size: int = BEAM,
    splits: int = SPLITS,
) -> list[list[str]]:
    """The pieces each column receives over a row's lines (columns after the label): a beam
    search over the lines, so that a piece's column can be decided by the lines below it."""
    # A line with nothing left once the border noise is gone does not break a cell's run.
    return _read_row([_Line(ws) for ws in lines if ws], widths, kinds, beam_size, splits)


def _read_row(
    lines: list[_Line], widths: list[float], kinds: list[str], beam_size: int, splits: int
) -> list[list[str]]:
    start = [_Col([]) for _ in widths]
    beam: list[tuple[float, list[_Col], tuple]] = [(0.0, start, tuple(c.signature(0) for c in start))]
    for k, ln in enumerate(lines):
        grown: list[tuple[float, list[_Col]]] = []
        by_signature: dict = {}
        for cost, cols, sig in beam:
            # Readings that look alike to the costs share their splits.
            found = by_signature.get(sig)
            if found is None:
                found = by_signature[sig] = _split_line(ln, cols, sig, k, widths, kinds, splits)
            for extra, parts in found:
                new = list(cols)
                for c, i, j in parts:
                    text, open_end = ln.piece(i, j)
                    new[c] = _Col(cols[c].pieces + [text], k, open_end)
                grown.append((cost + extra, new))
        ln.clear()
        grown.sort(key=_cost_of)
        # Readings that agree on everything the next lines can see have the same future: keep the
        # cheapest of them, and room for different ones.
        beam, seen = [], set()
        for cost, cols in grown:
            sig = tuple([c.signature(k + 1) for c in cols])
            if sig not in seen:
                seen.add(sig)
                beam.append((cost, cols, sig))
                if len(beam) == beam_size:
                    break
    return [c.pieces for c in beam[0][1]]


def _join(pieces: list[str]) -> str:
    out = ""
    for p in pieces:
        if not out:
            out = p
        elif continues_word(out, p):
            out += p
        elif re.search(r"\d[-–]$", out) and p[:1].isdigit():
            out += p
        else:
            out += " " + p
    return out


def initial_widths(rows: list[list[list[Word]]], ncols: int) -> list[float]:
    """A first guess from the lines where a border was read between every two columns: the
    longest piece each column holds there. Without such lines, the lines with the most borders
    read, their pieces taken as the columns on the right (short cells on the right keep their
    places; missed borders are between the wide text columns on the left)."""
    segmented = [_segments(ws) for r in rows for ws in r if ws]
    full = [s for s in segmented if len(s) == ncols]
    if not full:
        most = max((len(s) for s in segmented), default=0)
        full = [[""] * (ncols - len(s)) + s for s in segmented if len(s) == most and most > 1]
    lengths = sorted(len(x) for s in segmented for x in s)
    typical = float(lengths[len(lengths) // 2]) if lengths else 10.0
    out = []
    for c in range(ncols):
        vals = [len(s[c]) for s in full if s[c]]
        out.append(float(max(vals)) if vals else typical)
    return [max(MIN_WIDTH, w) for w in out]


def _segments(words: list[Word]) -> list[str]:
    segs: list[list[str]] = []
    for w in words:
        if not segs or w.border_before:
            segs.append([])
        segs[-1].append(w.text)
    return [" ".join(s) for s in segs]


def refine_widths(readings: list[list[list[str]]], ncols: int, old: list[float]) -> list[float]:
    out = []
    for c in range(ncols):
        lengths = sorted(len(p) for r in readings for p in r[c])
        if len(lengths) < 3:
            out.append(old[c])
            continue
        out.append(float(lengths[int(0.9 * (len(lengths) - 1))]) + 1)
    return [max(MIN_WIDTH, w) for w in out]


def _bounded(words: list[Word]) -> list[Word]:
    """No table line holds this many words; the rest is kept as one piece so that a hostile line
    costs no more than a long one."""
    if len(words) <= MAX_WORDS:
        return words
    rest = words[MAX_WORDS - 1 :]
    return words[: MAX_WORDS - 1] + [Word(" ".join(w.text for w in rest), rest[0].border_before)]


def read_table(rows: list[list[str]], kinds: list[str]) -> list[list[str]]:
    """Cells of OCR rows: `rows` holds each row's raw lines, `kinds` the columns' fields (the
    criterion first); the result holds each row's cell texts, the criterion label first."""
    ncols = len(kinds)
    kinds = kinds[1:]
    tokenised = []
    labels = []
    for lines in rows:
        label, words = split_label([_bounded(tokens(ln)) for ln in lines if ln.strip()])
        labels.append(label)
        tokenised.append(words)
    widths = initial_widths(tokenised, ncols - 1)
    # A line with nothing left once the border noise is gone does not break a cell's run.
    prepared = [[_Line(ws) for ws in r if ws] for r in tokenised]
    # A first, quick reading of the first rows is enough to measure the columns.
    readings = [_read_row(r, widths, kinds, 2, 1) for r in prepared[:MEASURED_ROWS]]
    widths = refine_widths(readings, ncols - 1, widths)
    readings = [_read_row(r, widths, kinds, BEAM, SPLITS) for r in prepared]
    return [[label] + [_join(p) for p in reading] for label, reading in zip(labels, readings, strict=True)]
