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

from caitien.planfile import vietnamese as vn

_NOISE_TOKEN = re.compile(r"[\[\]\(\)\\/_|~{}]+")
_LEADING_BORDER = re.compile(r"^[\[\\{]+(?=\S)")
_VOWELS = set("aeiouy")
_LABEL_TOP = re.compile(r"^t[il1]eu$")
_LABEL_CODE = re.compile(r"^ch[il1]$")
_CODE = re.compile(r"^\d{1,2}\.\d{1,2}\.?$")
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
class Word:
    text: str
    border_before: bool  # a border was read right before this word


def tokens(line: str) -> list[Word]:
    """The words of one OCR line, with the borders read between them; border noise dropped."""
    text = vn.nfc(line)
    # A "(" with no ")" after it, glued between two letters, is a border misread: "4.2(tot".
    text = re.sub(r"(?<=\w)\((?=\w)(?![^()]*\))", " | ", text)
    # A "/" between a lower-case word and a capitalised one is a border misread: "lo/Huy".
    text = _split_slash(text)
    words: list[Word] = []
    border = False
    for raw in text.replace("|", " | ").split():
        if _NOISE_TOKEN.fullmatch(raw):
            border = True
            continue
        stripped = _LEADING_BORDER.sub("", raw).strip("_")
        if stripped != raw:
            border = True
        if stripped:
            words.append(Word(stripped, border and bool(words)))
            border = False
    # Margin noise: a lone consonant at the left edge ("r theo quy"), a lone vowel at the right edge.
    if len(words) > 1 and _lone_letter(words[0].text) and not _has_vowel(words[0].text):
        words[1].border_before = False
        words = words[1:]
    if len(words) > 1 and _lone_letter(words[-1].text) and _has_vowel(words[-1].text):
        words = words[:-1]
    return words


def _split_slash(text: str) -> str:
    def repl(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        return f"{left} | {right}" if right[:1].isupper() and left[-1:].islower() else m.group(0)

    return re.sub(r"(\w+)/(\w+)", repl, text)


def _lone_letter(text: str) -> bool:
    return len(text) == 1 and text.isalpha()


def _has_vowel(text: str) -> bool:
    return any(ch in _VOWELS for ch in vn.fold_same_length(text.lower()))


def is_tail(text: str) -> bool:
    """A piece that cannot be a syllable of its own: no vowel, at most three characters, no digit."""
    core = text.rstrip(".,;:")
    return 0 < len(core) <= 3 and not any(ch.isdigit() for ch in core) and not _has_vowel(core)


def continues_word(above: str, piece: str) -> bool:
    """Whether `piece` is the rest of the last word of `above`, cut by a narrow column: a tail
    in the same case as the letters it goes on ("Khon" + "g", "CM" + "HS")."""
    if not is_tail(piece) or not above[-1:].isalpha():
        return False
    letter = next((ch for ch in piece if ch.isalpha()), "")
    if not letter:
        return True  # an OCR sign for a letter ("£")
    return letter.isupper() == above[-1].isupper()


def split_label(lines: list[list[Word]]) -> tuple[str, list[list[Word]]]:
    """Take the criterion label ("Tieu" / "chi 1.3") off the starts of a row's first lines."""
    label: list[str] = []
    out = [list(ws) for ws in lines]
    for n in range(min(3, len(out))):
        ws = out[n]
        if ws and _LABEL_TOP.match(vn.fold_same_length(ws[0].text.lower())) and n == 0:
            label.append(ws[0].text)
            out[n] = ws[1:]
            ws = out[n]
            if ws and _LABEL_CODE.match(vn.fold_same_length(ws[0].text.lower())):
                label.append(ws[0].text)
                out[n] = ws[1:]
                ws = out[n]
        elif ws and _LABEL_CODE.match(vn.fold_same_length(ws[0].text.lower())):
            label.append(ws[0].text)
            out[n] = ws[1:]
            ws = out[n]
        if ws and label and _CODE.match(ws[0].text):
            label.append(ws[0].text)
            out[n] = ws[1:]
        if ws is not out[n] and out[n]:
            out[n][0] = Word(out[n][0].text, False)
    return " ".join(label), out


@dataclass
class _Col:
    pieces: list[str]
    last_line: int = -1  # index of the last line that gave this column a piece
    open_end: bool = False  # the last piece ends mid-phrase ("và", ",", "-")

    def signature(self, line: int) -> tuple:
        status = self.status(line)
        if status != "open":
            return (status,)
        above = self.pieces[-1]
        last = above[-1:]
        # Everything the costs read of the line above: its length, how it ends, its last letter's case.
        end = "." if last == "." else ("A" if last.isupper() else "a") if last.isalpha() else ""
        return (status, len(above), self.open_end, end)

    def add(self, piece: str, line: int) -> _Col:
        return _Col(self.pieces + [piece], line, bool(_OPEN_END.search(vn.fold_same_length(piece.lower()))))

    def status(self, line: int) -> str:
        if self.last_line < 0:
            return "new"
        return "open" if self.last_line == line - 1 else "closed"


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
    r"thu|van|y|te|bo|chi|cong|hoi|dong|va|cac|chuyen|mon|cm|tpt|nv|cb|can|ht|pht)[,.;]?$"
)


@dataclass
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


@dataclass
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
    out = []
    for k, w in enumerate(words):
        f = vn.fold_same_length(w.text.lower())
        ch = next((c for c in w.text if c.isalnum()), "")
        out.append(_WordFacts(
            time=bool(_TIME_WORD.match(f)),
            core_time=bool(_TIME_CORE.match(f)),
            money=bool(_MONEY_WORD.match(f)) and not re.match(r"^\d{4}", f),
            money_start=f.startswith(("trieu", "dong", "ddng", "deng")),
            role=bool(_ROLE_WORD.match(f)),
            opens_inside=k > 0 and _opens_inside(words[k - 1].text, w.text),
            tail=is_tail(w.text),
            lower=ch.isalpha() and ch.islower(),
            money_open=bool(_MONEY_OPEN.match(f)),
            role_open=bool(_ROLE_OPEN.match(f)),
        ))
    return out


def _span(words: list[Word], facts: list[_WordFacts]) -> _Span:
    n = len(facts)
    head = facts[0]
    return _Span(
        length=sum(len(w.text) for w in words) + n - 1,
        first=words[0].text,
        tail=head.tail,
        lower=head.lower,
        timeish=sum(1 for f in facts if f.time) / n,
        core_time=any(f.core_time for f in facts),
        money=any(f.money for f in facts[1:]) or any(f.money_start for f in facts),
        money_open=head.money_open,
        role_open=head.role_open,
        roleish=sum(1 for f in facts if f.role) / n,
        inner_capitals=sum(1 for f in facts[1:] if f.opens_inside),
    )


def _opens_inside(before: str, word: str) -> bool:
    """A capitalised word after a lower-case one, not after a stop: in Vietnamese only names do
    that, so it is most often the first word of the next column's cell."""
    return (
        len(word) > 1 and word[0].isupper() and word[1:2].islower()
        and before[-1:].isalpha() and before[:1].islower()
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


def _piece_cost(col: _Col, line: int, sp: _Span, width: float, kind: str) -> float:
    status = col.status(line)
    cost = _kind_cost(kind, status == "new", sp) + INNER_CAPITAL * sp.inner_capitals
    over = sp.length - width
    if over > 0:
        cost += OVER_PER_CHAR * over
    if status == "closed":
        cost += REOPEN
    elif status == "new":
        cost += NEW_CELL
        if sp.tail:
            cost += 3.0
        if sp.lower:
            cost += LOWER_START
    else:
        above = col.pieces[-1]
        if sp.tail and width <= NARROW and continues_word(above, sp.first):
            cost -= 1.0  # the rest of a word the narrow column cut
        elif sp.tail:
            cost += 1.0
        elif sp.lower and above.endswith("."):
            cost += AFTER_STOP  # a sentence ended the cell
        elif len(above) + 1 + len(sp.first) <= FITS_SHARE * width and not col.open_end:
            cost += FITS_ABOVE  # this word would have fitted on the line above
        else:
            # A line is wrapped when it is full: the fuller the line above, the likelier it goes on.
            cost += SHORT_ABOVE * max(0.0, 1.0 - len(above) / max(width, 1.0))
    return cost


def _end_cost(col: _Col, line: int) -> float:
    """Cost of an open cell getting nothing on this line (the cell ends above)."""
    if col.status(line) != "open":
        return 0.0
    if col.open_end:
        return 1.5
    return END


def _split_line(
    words: list[Word], cols: list[_Col], line: int, widths: list[float], kinds: list[str], k: int = 1,
    shared: dict | None = None,
) -> list[tuple[float, list[tuple[int, int, int]]]]:
    """The k cheapest splits of a line's words into (column, start, end) pieces of increasing
    columns, with their costs. `shared` keeps what the line's words say across calls."""
    n, m = len(words), len(cols)
    if shared is None:
        shared = {}
    facts = shared.get("facts")
    if facts is None:
        facts = shared["facts"] = _facts(words)
    sigs = [c.signature(line) for c in cols]
    ends = [_end_cost(c, line) for c in cols]
    texts = [w.text for w in words]
    # need[j]: columns the words from j on take at least (one per piece between read borders).
    need = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        need[j] = need[j + 1] + (1 if j == n - 1 or words[j + 1].border_before else 0)

    local: dict[tuple[int, int, int], float] = {}

    def piece(c: int, i: int, j: int) -> float:
        key = (c, sigs[c], i, j)
        cost = shared.get(key)
        if cost is None:
            sp = shared.get((i, j))
            if sp is None:
                sp = shared[(i, j)] = _span(words[i:j], facts[i:j])
            cost = shared[key] = _piece_cost(cols[c], line, sp, widths[c], kinds[c])
        if j < n and not words[j].border_before and not facts[j].opens_inside:
            cost += MISSED_BORDER
        local[(c, i, j)] = cost
        return cost

    def solve(closed: list[bool], loose: bool) -> list:
        # best[i][c]: the k cheapest splits of words[i:] into columns c and after. Either column
        # c takes the next piece, or it is skipped (and its open cell ends).
        best = [[[] for _ in range(m + 1)] for _ in range(n + 1)]
        best[n][m] = [(0.0, ())]
        for c in range(m - 1, -1, -1):
            best[n][c] = [(ends[c] + cost, parts) for cost, parts in best[n][c + 1]]
        for i in range(n - 1, -1, -1):
            for c in range(m - 1, -1, -1):
                found = [(ends[c] + cost, parts) for cost, parts in best[i][c + 1]]
                if not closed[c] and (loose or c + need[i] <= m):
                    length = -1
                    for j in range(i + 1, n + 1):
                        if j > i + 1 and words[j - 1].border_before and not loose:
                            break  # a piece never spans a read border
                        length += 1 + len(texts[j - 1])
                        if length > widths[c] + 5 and not loose:
                            break
                        rest = best[j][c + 1]
                        if not rest:
                            continue
                        cost = local.get((c, i, j))
                        if cost is None:
                            cost = piece(c, i, j)
                        part = (c, i, j)
                        found += [(cost + rc, (part, rp)) for rc, rp in rest]
                if len(found) > k:
                    found.sort(key=_first)
                    del found[k:]
                best[i][c] = found
        return best[0][0]

    # A cell is one run of lines: a column whose cell is over takes no more text, unless the
    # line has more pieces than the other columns can take.
    found = solve([c.status(line) == "closed" for c in cols], False)
    if not found:
        found = solve([False] * m, False)
    if not found:
        # More pieces between borders than columns (or a piece wider than any column): read on
        # with pieces that may span a border rather than lose the line.
        found = solve([False] * m, True)
    out = []
    for cost, parts in found:
        flat = []
        while parts:
            flat.append(parts[0])
            parts = parts[1]
        out.append((cost, flat))
    return out


def _first(item: tuple) -> float:
    return item[0]


def read_row(
    lines: list[list[Word]], widths: list[float], kinds: list[str], *, beam_size: int = BEAM, splits: int = SPLITS
) -> list[list[str]]:
    """The pieces each column receives over a row's lines (columns after the label): a beam
    search over the lines, so that a piece's column can be decided by the lines below it."""
    beam: list[tuple[float, list[_Col]]] = [(0.0, [_Col([]) for _ in widths])]
    # A line with nothing left once the border noise is gone does not break a cell's run.
    for k, words in enumerate([ws for ws in lines if ws]):
        grown: list[tuple[float, list[_Col]]] = []
        line_facts: dict = {}
        by_signature: dict = {}
        for cost, cols in beam:
            # Readings that look alike to the costs share their splits.
            sig = tuple(c.signature(k) for c in cols)
            found = by_signature.get(sig)
            if found is None:
                found = by_signature[sig] = _split_line(words, cols, k, widths, kinds, splits, line_facts)
            for extra, parts in found:
                new = list(cols)
                for c, i, j in parts:
                    new[c] = cols[c].add(" ".join(w.text for w in words[i:j]), k)
                grown.append((cost + extra, new))
        grown.sort(key=lambda x: x[0])
        # Readings that agree on everything the next lines can see have the same future: keep the
        # cheapest of them, and room for different ones.
        beam, seen = [], set()
        for cost, cols in grown:
            sig = tuple(c.signature(k + 1) for c in cols)
            if sig not in seen:
                seen.add(sig)
                beam.append((cost, cols))
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
    rest = words[MAX_WORDS - 1:]
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
    # A first, quick reading of the first rows is enough to measure the columns.
    readings = [read_row(r, widths, kinds, beam_size=2, splits=1) for r in tokenised[:MEASURED_ROWS]]
    widths = refine_widths(readings, ncols - 1, widths)
    readings = [read_row(r, widths, kinds) for r in tokenised]
    return [[label] + [_join(p) for p in reading] for label, reading in zip(labels, readings, strict=True)]
