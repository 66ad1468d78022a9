"""Cell-by-cell blocks (`pdftotext -raw` of some files, copies that print a table cell after cell):
the visual lines of each cell in turn, row after row. Cell borders are lost; they are rebuilt from
what each line says, from leading spaces (an empty cell leaves one), from capitals and punctuation,
and from page breaks (a line straight after another, with a leading space) that split a cell and
move the rest further down. The costs of splitting a row's lines into cells are in `text_blocks_cost`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from caitien.planfile import vietnamese as vn
from caitien.planfile.readers import header, table
from caitien.planfile.readers.text_blocks_cost import _dp, column_widths
from caitien.planfile.readers.text_lines import (
    _LEVEL,
    _ROW_START,
    _STD_LINE,
    MAX_ROW_LINES,
    Line,
    table_span,
)

RARE_ROWS = 6  # rows read before a column can be told rarely filled
RARE_SHARE = 0.25  # ... when at most this share of them fill it

DEFAULT_LABELS = {
    "order": "TT",
    "criterion": "Tiêu chí",
    "level": "Mức",
    "expected_result": "Kết quả cần đạt",
    "solutions": "Công việc/giải pháp",
    "lead": "Chủ trì và phối hợp",
    "time_text": "Thời gian",
    "budget_text": "Dự kiến kinh phí",
    "support": "Điều kiện hỗ trợ khác",
    "notes": "Ghi chú",
}


def _block_rows(raw: list[str], long_rows: list[int] | None = None) -> tuple[list[list[str]], list[str]]:
    """Rows rebuilt from cell-by-cell blocks; `long_rows` receives the first lines of rows cut short."""
    # Rows cut by a page break may go on after the next section's first paragraphs: read on to the
    # closing, leaving running text (long lines, headings) to the sections.
    start, end = table_span(raw, through_sections=True)
    running = list(raw[:start])
    if start >= len(raw):
        return [], raw
    spaced = _is_spaced(raw)
    lines: list[Line] = []
    gap = 0
    pending = 0
    interrupted = False
    for i in range(start, end):
        ln = raw[i]
        if not ln.strip():
            if ln == "":
                gap += 1
                continue
            lines.append(Line("", len(ln), gap == 0, True, i))
            # A line of spaces only: each space past the first stands for an empty cell.
            pending += len(ln) if spaced and len(ln) >= 2 else 0
            gap = 0
            continue
        text = ln.strip()
        if _is_running(text, raw, i):
            running.append(ln)
            interrupted = True
            gap = 0
            continue
        tight = (gap == 0 and spaced and bool(lines) and not lines[-1].blank) or interrupted
        lead_spaces = len(ln) - len(ln.lstrip(" "))
        lines.append(
            Line(text, lead_spaces + (pending if not tight else 0), tight, False, i, moved=interrupted)
        )
        pending = 0
        interrupted = False
        gap = 0
    running += raw[end:]
    lines = _join_codes(_unglue(lines))
    columns, lines = _block_header(lines)
    groups = _row_groups(lines)
    for g in groups:
        if len(g.lines) > MAX_ROW_LINES:
            # No plan row is this long; cut it rather than search for hours, and say so.
            g.lines = g.lines[:MAX_ROW_LINES]
            if long_rows is not None:
                long_rows.append(g.lines[0].index + 1)
    if not groups:
        return [], running
    assigned = [_assign(g, columns, spaced) for g in groups]
    # Read again knowing how wide each column's lines are (see text_blocks_cost._fits_cost).
    read = [cells for kind, cells in assigned if kind == "row"]
    widths = column_widths(read, len(columns))
    # ... and which columns the table hardly ever fills: text is read into them only on evidence.
    rare = [
        len(read) >= RARE_ROWS and sum(1 for r in read if r[c]) <= RARE_SHARE * len(read)
        for c in range(len(columns))
    ]
    if widths or any(rare):
        assigned = [_assign(g, columns, spaced, widths, rare) for g in groups]
    rows = [[DEFAULT_LABELS.get(k, k) if lab is None else lab for k, lab in columns]]
    for kind, cells in assigned:
        if kind == "standard":
            rows.append([cells] * len(columns))
        else:
            rows.append(["\n".join(c) for c in cells])
    return rows, running


def _is_spaced(raw: list[str]) -> bool:
    """Whether every visual line is followed by a blank line (then a line straight after another
    marks a page break or a new paragraph)."""
    nonempty = [i for i, ln in enumerate(raw) if ln.strip()]
    if len(nonempty) < 10:
        return False
    followed = sum(1 for i in nonempty if i + 1 < len(raw) and raw[i + 1] == "")
    return followed >= 0.6 * len(nonempty)


def _is_running(text: str, raw: list[str], i: int) -> bool:
    """Running text among the table's lines: long lines, section headings, and a paragraph's
    short last line right after a long one."""
    folded = vn.fold_same_length(text)
    if _STD_LINE.match(folded) or _ROW_START.match(folded):
        return False
    if header._HEADING.match(folded) and header._section_key(folded):
        return True
    if len(text) >= 52:
        return True
    if re.match(r"^\d\.\s+\S", text) and len(text) >= 30:
        return True
    prev = _previous_text(raw, i)
    if prev is not None and len(prev.strip()) >= 60 and text.endswith((".", ";", ":", "./.")):
        return True
    return False


def _previous_text(raw: list[str], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 4), -1):
        if raw[j].strip():
            return raw[j]
    return None


def _unglue(lines: list[Line]) -> list[Line]:
    """First lines of neighbouring cells printed on one line: "Mức 2 Tiếp tục …" -> "Mức 2" + "Tiếp tục …"."""
    out: list[Line] = []
    for ln in lines:
        folded = vn.fold_same_length(ln.text)
        # "1 Tiêu chí 1.2 2 Hội đồng …": order, criterion, level and a first line on one line.
        m = re.match(
            r"^(\d{1,2})\s+(t[il1]eu\s*ch[il1]\s*\d{1,2}\.\d{1,2}:?)(?:\s+(muc\s*\d|\d)(?=\s))?\s+(\S.*)$",
            folded,
        )
        if m:
            out.append(Line(ln.text[m.start(2) : m.end(2)], ln.spaces, ln.tight, False, ln.index))
            if m.group(3):
                out.append(Line(ln.text[m.start(3) : m.end(3)], 0, False, False, ln.index))
            out.append(Line(ln.text[m.start(4) :], 0, False, False, ln.index))
            continue
        m = re.match(r"^(t[il1]eu\s*ch[il1])\s+(muc\s*\d.*)$", folded)
        if m:
            out.append(Line(ln.text[: m.end(1)], ln.spaces, ln.tight, False, ln.index))
            ln = Line(ln.text[m.start(2) :], 0, False, False, ln.index)
            folded = vn.fold_same_length(ln.text)
        m = re.match(r"^(muc\s*\d)\s+(\S.*)$", folded)
        if m:
            out.append(Line(ln.text[: m.end(1)], ln.spaces, ln.tight, False, ln.index))
            out.append(Line(ln.text[m.start(2) :], 0, False, False, ln.index))
            continue
        out.append(ln)
    return out


def _join_codes(lines: list[Line]) -> list[Line]:
    """ "Tiêu chí" on one line and "1.3: …" on the next are one criterion label."""
    out: list[Line] = []
    for ln in lines:
        prev = next((x for x in reversed(out) if not x.blank), None)
        if (
            prev is not None
            and re.fullmatch(r"\W*t[il1]eu\s*ch[il1]\W*", vn.fold_same_length(prev.text))
            and re.match(r"^\d{1,2}\s*\.\s*\d{1,2}", ln.text)
        ):
            while out and out[-1] is not prev:
                out.pop()
            prev.text = prev.text + " " + ln.text
            continue
        out.append(ln)
    return out


_LABEL_STARTS = {
    "tt",
    "stt",
    "tieu",
    "muc",
    "ket",
    "cong",
    "chu",
    "phoi",
    "thoi",
    "du",
    "kinh",
    "dieu",
    "ghi",
    "noi",
    "hoat",
    "chi",
    "don",
    "nguon",
    "thong",
    "minh",
    "bat",
    "nguoi",
    "giai",
    "trach",
}


def _block_header(lines: list[Line]) -> tuple[list[tuple[str, str | None]], list[Line]]:
    """The columns: from the header cells when the header survives, else the 2018 order."""
    first_row = next(
        (
            k
            for k, ln in enumerate(lines)
            if not ln.blank
            and (
                _STD_LINE.match(vn.fold_same_length(ln.text))
                or _ROW_START.match(vn.fold_same_length(ln.text))
            )
        ),
        len(lines),
    )
    head = [ln for ln in lines[:first_row] if not ln.blank]
    # Header labels start with a capitalised word that opens a column name; several may share a line.
    cells: list[list[str]] = []
    for word in " ".join(ln.text for ln in head).split():
        folded = vn.fold_same_length(word).strip("(),.:;")
        if not cells or (
            word[:1].isupper() and folded in _LABEL_STARTS and table.classify(" ".join(cells[-1]))
        ):
            cells.append([word])
        else:
            cells[-1].append(word)
    labelled = [(table.classify(" ".join(c)), " ".join(c)) for c in cells]
    keys = [k for k, _ in labelled if k]
    if len(set(keys)) >= 4 and "criterion" in keys:
        columns = []
        for k, lab in labelled:
            if k and k not in {c for c, _ in columns}:
                columns.append((k, lab))
        return columns, lines[first_row:]
    # Header lost: the 2018 columns; TT when standard rows carry a number, Mức when rows state one.
    texts = [vn.fold_same_length(ln.text) for ln in lines]
    has_order = any(re.match(r"^\d{1,2}\s*[.)]?\s*t[il1]eu\s*chu", t) for t in texts)
    has_level = sum(1 for t in texts if _LEVEL.match(t.strip())) >= 2
    keys = (["order"] if has_order else []) + ["criterion"] + (["level"] if has_level else [])
    if has_level:
        # A table that keeps a Mức column but no header: one content column, as the rows show it.
        keys += ["solutions", "lead", "time_text", "budget_text", "support", "notes"]
    else:
        keys += ["expected_result", "solutions", "lead", "time_text", "budget_text", "support", "notes"]
    return [(k, None) for k in keys], lines[first_row:]


@dataclass
class Group:
    kind: str  # "standard" or "row"
    lines: list[Line]
    text: str = ""


def _row_groups(lines: list[Line]) -> list[Group]:
    groups: list[Group] = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        folded = vn.fold_same_length(ln.text)
        if (
            not ln.blank
            and _STD_LINE.match(folded)
            and not vn.find_criterion(folded.split(":")[0] if ":" in folded else "")
        ):
            parts = [re.sub(r"^\s*\d{1,2}\s*[.)]?\s*", "", ln.text)]
            k += 1
            while k < len(lines) and not lines[k].blank and lines[k].text[:1].islower():
                parts.append(lines[k].text)
                k += 1
            groups.append(Group("standard", [], vn.join_lines(parts)))
            continue
        starts_row = not ln.blank and (
            (_ROW_START.match(folded) and _capital(ln.text))
            or (vn.find_criterion(ln.text) and re.fullmatch(r"\d{1,2}\.\d{1,2}\s*:?", ln.text))
        )
        if starts_row:
            bare = re.fullmatch(r"\d{1,2}\.\d{1,2}\s*:?", ln.text)
            last_row = next((g for g in reversed(groups) if g.kind == "row"), None)
            if bare and last_row and not _group_code(last_row):
                # The rest of a row split by a page break, starting with its criterion code.
                last_row.lines.append(Line(ln.text, ln.spaces, True, False, ln.index, moved=ln.moved))
                last_row.lines[-1].tight = True
                k += 1
                continue
            groups.append(Group("row", [ln]))
        elif groups and groups[-1].kind == "row":
            groups[-1].lines.append(ln)
        elif groups:
            last_row = next((g for g in reversed(groups) if g.kind == "row"), None)
            if last_row is not None and not ln.blank:
                last_row.lines.append(Line(ln.text, ln.spaces, True, False, ln.index, moved=True))
        k += 1
    return groups


def _capital(text: str) -> bool:
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.isupper()


def _group_code(g: Group) -> str | None:
    text = " ".join(ln.text for ln in g.lines[:4])
    return vn.find_criterion(text)


def _assign(
    g: Group, columns, spaced: bool, widths: list[float | None] | None = None, rare: list[bool] | None = None
):
    if g.kind == "standard":
        return "standard", g.text
    keys = [k for k, _ in columns]
    cells: list[list[str]] = [[] for _ in keys]
    # Split the row into its first segment and the continuations after page breaks.
    segments: list[list[Line]] = [[]]
    for n, ln in enumerate(g.lines):
        if (
            n > 0
            and ln.tight
            and not ln.blank
            and (ln.spaces > 0 or not spaced or ln is g.lines[-1] or _is_code(ln) or ln.moved)
        ):
            if spaced and ln.spaces == 0 and not _is_code(ln) and not ln.moved:
                segments[-1].append(ln)  # a new paragraph in the same cell
                continue
            segments.append([ln])
        else:
            segments[-1].append(ln)
    crit = keys.index("criterion") if "criterion" in keys else 0
    first = _dp(segments[0], keys, start_col=crit, continuation=False, counts=None, widths=widths, rare=rare)
    for c, part in first:
        cells[c].extend(part)
    _complete_name_from_next_cell(cells, crit)
    counts = [len(c) for c in cells]
    open_ends = [
        bool(c) and bool(re.search(r"([,\-–]|\b(?:và|của|với|cho|các|để|trong|phù|những))$", c[-1]))
        for c in cells
    ]
    for seg in segments[1:]:
        if seg and _is_code(seg[0]):
            # The rest of a row moved past a page, led by its criterion code.
            cells[crit].append(seg[0].text)
            seg = seg[1:]
        # The criterion's name cut by the page goes on first, in the criterion's cell.
        texts = [ln for ln in seg if not ln.blank]
        taken = _name_rest(cells[crit], [ln.text for ln in texts])
        if taken:
            cells[crit].extend(ln.text for ln in texts[:taken])
            drop = {id(ln) for ln in texts[:taken]}
            seg = [ln for ln in seg if id(ln) not in drop]
        last_lines = [c[-1] if c else None for c in cells]
        for c, part in _dp(
            seg,
            keys,
            start_col=None,
            continuation=True,
            counts=counts,
            open_ends=open_ends,
            widths=widths,
            last_lines=last_lines,
            rare=rare,
        ):
            cells[c].extend(part)
    return "row", cells


def _norm(text: str) -> str:
    return " ".join(vn.fold_same_length(text).lower().split())


@lru_cache(maxsize=1)
def _criterion_names() -> dict[str, tuple[str, ...]]:
    """The names each criterion code has in the regulations (folded): the criterion cell of a plan
    row holds its criterion's name."""
    from caitien.catalog import registry

    names: dict[str, set[str]] = {}
    for reg in registry.regulations():
        for c in reg.criteria:
            names.setdefault(c.code, set()).add(_norm(c.name))
    return {code: tuple(sorted(v)) for code, v in names.items()}


_LABEL = re.compile(r"^\W*t[il1]eu\s*ch[il1]\s*(\d{1,2}\.\d{1,2})\s*[:.]?\s*")


def _name_rest(criterion: list[str], lines: list[str]) -> int:
    """How many of `lines` complete the criterion's name that its cell so far has begun (0 when
    they do not complete it word for word)."""
    head = _norm(" ".join(criterion))
    m = _LABEL.match(head)
    if not m:
        return 0
    so_far = head[m.end() :]
    if not so_far:
        return 0
    for name in _criterion_names().get(m.group(1), ()):
        if not name.startswith(so_far + " "):
            continue
        rest, acc = name[len(so_far) + 1 :], ""
        for k, line in enumerate(lines):
            acc = f"{acc} {_norm(line)}".strip()
            if acc == rest:
                return k + 1
            if not rest.startswith(acc + " "):
                break
    return 0


def _complete_name_from_next_cell(cells: list[list[str]], crit: int) -> None:
    """A capital inside a criterion's name ("Thực hiện / Chương trình …") can end its cell early:
    the next cell's first lines that complete the name word for word go back to the criterion."""
    nxt = next((c for c in range(crit + 1, len(cells)) if cells[c]), None)
    if nxt is None:
        return
    taken = _name_rest(cells[crit], cells[nxt])
    if taken and taken < len(cells[nxt]):
        cells[crit].extend(cells[nxt][:taken])
        del cells[nxt][:taken]


def _is_code(ln: Line) -> bool:
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\s*:?", ln.text))
