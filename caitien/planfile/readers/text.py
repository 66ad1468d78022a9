"""Plain text extracted from a plan (by pdftotext, by copy and paste, by OCR) -> Document.

Extraction tools print a table in several ways; each has its reader here, and all end in
`table.build_items`:

- tab-separated rows (copy from Word or Excel);
- pipe tables ("| a | b |"), and OCR output where "|" marks a border that was read: its cells are
  rebuilt column by column in `text_columns`;
- `pdftotext -layout`: columns kept by position, one visual line of every cell per line;
- cell-by-cell blocks (`pdftotext -raw` and similar): the visual lines of each cell in turn, cell
  after cell, row after row. Cell borders are lost; they are rebuilt from what each line says,
  from leading spaces (an empty cell leaves one), from capitals and punctuation, and from page breaks (a line
  straight after another, with a leading space) that split a cell and move the rest further down.

What cannot be rebuilt is reported in `doc.warnings`; nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document
from caitien.planfile.readers import header, table, text_columns, text_layout

MAX_LINES = 60_000
MAX_CELL_LINES = 45  # a cell longer than this is not a plan cell; it bounds the work per row
MAX_ROW_LINES = 400


def read_text(text: str, source: str = "") -> Document:
    doc = Document(source=source)
    text = vn.nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    raw_lines = text.split("\n")
    if len(raw_lines) > MAX_LINES:
        raw_lines = raw_lines[:MAX_LINES]
        doc.warn("text-truncated", f"Văn bản quá dài; chỉ đọc {MAX_LINES} dòng đầu.", "")
    # A form feed (pdftotext's page break) starts a new page on the line it sits on.
    pages, page = [], 0
    for k, line in enumerate(raw_lines):
        if "\f" in line:
            page += line.count("\f")
            raw_lines[k] = line.replace("\f", "")
        pages.append(page)
    layout = detect_layout(raw_lines)
    if layout == "tab":
        rows, running = _tab_rows(raw_lines)
    elif layout == "pipe":
        rows, running = _pipe_rows(raw_lines)
    elif layout == "columns":
        rows, running = text_layout.read_layout(raw_lines, pages)
    else:
        long_rows: list[int] = []
        rows, running = _block_rows(raw_lines, long_rows)
        for line in long_rows:
            doc.warn(
                "row-too-long",
                f"Một dòng của bảng dài hơn {MAX_ROW_LINES} dòng chữ nên chỉ đọc phần đầu; hãy kiểm tra lại dòng này.",
                f"dòng {line}",
            )
    header.fill_document(doc, "\n".join(running))
    items = table.build_items(rows, doc, where="bảng kế hoạch") if rows else []
    doc.warnings = [w for w in doc.warnings if w.code != "table-header-unknown" or items]
    doc.items = items
    if not items:
        _warn_lost(doc, raw_lines)
    return doc


def _warn_lost(doc: Document, lines: list[str]) -> None:
    traces = [
        i
        for i, ln in enumerate(lines)
        if re.search(r"t[il1]eu\s*chu[a-z]n\s*\d|t[il1]eu\s*ch[il1]\s*\d", vn.fold_same_length(ln))
    ]
    where = f"dòng {traces[0] + 1}" if traces else ""
    doc.warnings = [w for w in doc.warnings if w.code != "table-header-unknown"]
    doc.warn(
        "table-lost",
        "Không khôi phục được bảng kế hoạch từ văn bản này: không còn dòng nào ghi tiêu chí cùng nội dung cải tiến. "
        "Không có dòng kế hoạch nào được tạo. Hãy tải lên tệp gốc (.docx hoặc .xlsx) hoặc PDF có lớp chữ.",
        where,
    )


# ---------------------------------------------------------------------------------------------
# Layout detection


def detect_layout(lines: list[str]) -> str:
    tabbed = sum(1 for ln in lines if ln.count("\t") >= 3)
    if tabbed >= 2:
        return "tab"
    piped = sum(1 for ln in lines if ln.count("|") >= 2)
    if piped >= 4:
        return "pipe"
    # pdftotext -layout: a header line whose wide-spaced pieces name at least three columns.
    for ln in lines:
        pieces = _pieces(ln)
        if len(pieces) >= 3 and len({table.classify(p) for _, p in pieces} - {None}) >= 3:
            return "columns"
    return "blocks"


def _pieces(line: str) -> list[tuple[int, str]]:
    """Pieces of a line separated by two or more spaces, with their start columns."""
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", line.expandtabs(8))]


# ---------------------------------------------------------------------------------------------
# Tab-separated and pipe tables


def _tab_rows(lines: list[str]) -> tuple[list[list[str]], list[str]]:
    rows, running = [], []
    for ln in lines:
        if "\t" in ln and ln.count("\t") >= 2:
            cells = [c.strip() for c in ln.split("\t")]
            if all(re.fullmatch(r"[-=_\s]*", c) for c in cells):
                continue
            rows.append(cells)
        else:
            running.append(ln)
    return _pad(rows), running


def _pipe_rows(lines: list[str]) -> tuple[list[list[str]], list[str]]:
    """Pipe tables: a well-formed table gives its cells directly; OCR output, where a border is
    read on some lines only, gives each line's pieces as cells of one visual line."""
    start, end = _table_span(lines)
    rows: list[list[str]] = []
    running = lines[:start] + lines[end:]
    widths = [ln.strip().strip("|").count("|") + 1 for ln in lines[start:end] if "|" in ln]
    common = max(set(widths), key=widths.count) if widths else 0
    regular = widths and widths.count(common) >= 0.8 * len(widths) and common >= 4
    if regular:
        for ln in lines[start:end]:
            if "|" not in ln:
                continue
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if all(re.fullmatch(r"[-=:+\s]*", c) for c in cells):
                continue
            rows.append(cells)
        return _pad(rows), running
    return _ocr_rows(lines[start:end]), running


def _pad(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _table_span(lines: list[str], *, through_sections: bool = False) -> tuple[int, int]:
    """First and last+1 line of the table region: from the content heading (or the first row
    that names a standard or criterion) to the next section heading or the closing."""
    folded = [vn.fold_same_length(ln) for ln in lines]
    start = None
    for i, fl in enumerate(folded):
        if (
            re.search(
                r"noi\s*dung\s*(?:ke\s*hoach\s*)?cai\s*tien|ke\s*hoach\s*cai\s*tien\s*chat\s*luong\s*$", fl
            )
            and (header._HEADING.match(fl.strip()) or len(fl.strip()) < 80)
            and i > 5
        ):
            start = i + 1
            break
    if start is None:
        hits = [
            i
            for i, fl in enumerate(folded)
            if re.search(r"t[il1]eu\s*ch[il1]\s*\d|t[il1]eu\s*chu[a-z]n\s*\d", fl)
        ]
        start = hits[0] if hits else len(lines)
    end = len(lines)
    for i in range(start, len(lines)):
        s = folded[i].strip().replace("'", "")  # OCR: "THU'C" for "THỰC"
        if header._CLOSING.match(s) or header._RECIPIENTS.match(s):
            end = i
            break
        if (
            not through_sections
            and header._HEADING.match(s)
            and header._section_key(s) in ("organisation", "monitoring", "review_mechanism")
        ):
            end = i
            break
    return start, end


def _ocr_rows(lines: list[str]) -> list[list[str]]:
    """OCR lines: each holds one visual line of every column; "|" where a border was read.
    A row starts at the line that names its criterion and ends at the next row, standard heading
    or level heading ("MỨC 4: …"); `text_columns` rebuilds its cells column by column."""
    cols = ["criterion", "expected_result", "solutions", "lead", "time_text", "budget_text", "support"]
    label = {
        "criterion": "Tiêu chí",
        "expected_result": "Kết quả cần đạt",
        "solutions": "Giải pháp",
        "lead": "Chủ trì",
        "time_text": "Thời gian",
        "budget_text": "Kinh phí",
        "support": "Điều kiện hỗ trợ",
    }
    rows: list[list[str]] = [[label[c] for c in cols]]
    # Entries: a standard heading (str) or a row's raw lines (list).
    entries: list[str | list[str] | None] = []
    for ln in lines:
        fl = vn.fold_same_length(ln)
        if not ln.strip():
            continue
        std = vn.find_standard(ln)
        if std and not vn.find_criterion(ln):
            entries.append(re.sub(r"^[\s|\d]*", "", ln))
            continue
        if re.match(r"^\W*t[il1]eu\s*\|?", fl) and ("|" in ln or re.search(r"ch[il1]\s*\d", fl)):
            entries.append([ln])
        elif re.match(r"^\W*muc\s*\d\b", fl.strip()):
            entries.append(None)  # a level heading ("MỨC 4: …") ends the row above
        elif entries and isinstance(entries[-1], list):
            entries[-1].append(ln)
    entries = [e for e in entries if e is not None]
    blocks = [e for e in entries if isinstance(e, list)]
    cells = iter(text_columns.read_table(blocks, cols))
    for e in entries:
        rows.append([e] * len(cols) if isinstance(e, str) else next(cells))
    for row in rows[1:]:
        if vn.find_criterion(row[0]) or len(set(row)) == 1:
            continue
        # The code sits under "Tiêu" but the border read split the label: "Tiéu Hiéu" / "chi 3.4 truong,".
        m = re.search(
            r"(?:^|\n)\W*ch[il1]\s*(\d{1,2}\.\d{1,2})(?!\d)", vn.fold_same_length(row[0] + "\n" + row[1])
        )
        if m:
            row[0] = f"Tiêu chí {m.group(1)}"
    return rows


# ---------------------------------------------------------------------------------------------
# pdftotext -layout: columns by position


def _column_rows(lines: list[str]) -> tuple[list[list[str]], list[str]]:
    expanded = [ln.expandtabs(8) for ln in lines]
    head = None
    for i, ln in enumerate(expanded):
        pieces = _pieces(ln)
        if len(pieces) >= 3 and len({table.classify(p) for _, p in pieces} - {None}) >= 3:
            head = i
            break
    if head is None:
        return [], lines
    # Header lines: this one and the lines just under it that hold no criterion.
    header_lines = [head]
    j = head + 1
    while j < len(expanded) and j < head + 6:
        if not expanded[j].strip():
            j += 1
            continue
        if vn.find_criterion(expanded[j]) or vn.find_standard(expanded[j]) or _numbered_line(expanded[j]):
            break
        header_lines.append(j)
        j += 1
    starts = sorted({p for i in header_lines for p, _ in _pieces(expanded[i])})
    # Merge starts that belong to one header cell (words of a centred label).
    columns: list[int] = []
    for p in starts:
        if columns and p - columns[-1] < 3:
            continue
        columns.append(p)
    labels = [""] * len(columns)
    for i in header_lines:
        for p, text in _pieces(expanded[i]):
            labels[_column_at(columns, p)] += " " + text
    # Two header pieces classified the same way were one cell printed in two columns; keep them.
    rows = [[lab.strip() for lab in labels]]
    end = len(expanded)
    running = lines[:head]
    current: list[list[str]] | None = None
    crit_col = next((k for k, lab in enumerate(labels) if table.classify(lab) == "criterion"), 0)
    for i in range(j, len(expanded)):
        ln = expanded[i]
        fl = vn.fold_same_length(ln).strip()
        if (
            header._CLOSING.match(fl)
            or header._RECIPIENTS.match(fl)
            or (
                header._HEADING.match(fl)
                and header._section_key(fl) in ("organisation", "monitoring", "review_mechanism")
            )
        ):
            end = i
            break
        if not ln.strip() or _numbered_line(ln):
            continue
        pieces = _pieces(ln)
        if len(pieces) == 1 and len(pieces[0][1]) > 60 and pieces[0][0] < 4:
            continue  # a running-text line between pages
        std = vn.find_standard(ln)
        if std and not vn.find_criterion(ln) and len(pieces) <= 2:
            if current:
                rows.append(["\n".join(c) for c in current])
                current = None
            rows.append([re.sub(r"^\s*\d+\s+", "", ln.strip())] * len(columns))
            continue
        cells: list[list[str]] = [[] for _ in columns]
        for p, text in pieces:
            cells[_column_at(columns, p)].append(text)
        crit = " ".join(cells[crit_col])
        if (
            current is None
            or vn.find_criterion(crit)
            or (crit.strip() and re.match(r"t[il1]eu\s*ch[il1]", vn.fold_same_length(crit)))
        ):
            if current:
                rows.append(["\n".join(c) for c in current])
            current = [[] for _ in columns]
        for k, parts in enumerate(cells):
            current[k].extend(parts)
    if current:
        rows.append(["\n".join(c) for c in current])
    running += lines[end:]
    return rows, running


def _numbered_line(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:\(\s*\d{1,2}\s*\)\s*){3,}", line))


def _column_at(columns: list[int], pos: int) -> int:
    best = 0
    for k, start in enumerate(columns):
        if pos >= start - 2:
            best = k
    return best


# ---------------------------------------------------------------------------------------------
# Cell-by-cell blocks


@dataclass
class Line:
    text: str  # stripped
    spaces: int  # leading spaces
    tight: bool  # printed straight after the previous line (no blank line between)
    blank: bool  # a line of spaces only
    index: int
    moved: bool = False  # first table line after running text: the rest of a row moved past a page

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if name == "text":
            # Every rule reads the folded text; fold once per line.
            super().__setattr__("folded", vn.fold_same_length(value))


_ROW_START = re.compile(r"^\W*t[il1]eu\s*ch[il1](?!\s*tieu)\b")
_STD_LINE = re.compile(r"^\s*(?:\d{1,2}\s*[.)]?\s*)?t[il1]eu\s*chu[a-z]n\s*\d")
_ROLE = re.compile(
    r"^[-+•\s]*(hieu\s*truong|hieu\s*$|pho\s*hieu|pho\s*$|pho\s*ht|p\.?\s*hieu|p\.?\s*ht|bgh|ban\s*(?:giam|dai|chi|lanh|quan|dieu|kiem|the|tu|cs|dd|ht)|"
    r"to\s*(?:truong|chuyen|van|cm|vp|giam|bo\s*mon|khoi)|tong\s*phu\s*trach|tpt|giao\s*vien|gv|nhan\s*vien|nv\b|ke\s*toan|"
    r"van\s*thu|chi\s*bo|bi\s*thu|cong\s*doan|doan\s*(?:thanh|tn)|hoi\s*dong|hdtd|y\s*te|bao\s*ve|cmhs|phhs|cha\s*me|"
    r"lanh\s*dao|can\s*bo|cb\b|cbql|vien\s*chuc|nhan\s*su|thu\s*vien|nhom|cac\s*to|cac\s*thanh\s*vien|chu\s*tich|tap\s*the|"
    r"truong\s*(?:ban|khoi|nhom)|nha\s*truong|phong\s*(?:gd|giao)|doi\s*ngu|toan\s*the|ca\s*nhan|thanh\s*vien)"
)
# Words that start a line inside a sentence with a capital (names of bodies and places).
_PROPER = re.compile(
    r"^(phong|giao\s*duc|dao\s*tao|hoi\s*dong|doi\b|ban\b|nha\s*truong|uy\s*ban|chi\s*bo|dang|cong\s*doan|tong|thu\s*vien|"
    r"viet|nam\b|ho\b|chi\s*minh|tien\s*phong|thieu|huyen|tinh|quan\b|so\b|bo\b|thong\s*tu|cong\s*van|ke\s*hoach|"
    r"truong\b|cha\s*me|dai\s*dien|lop\b|hieu|pho|am\s*nhac|mi\s*thuat|tieng|toan|cau\s*lac|thi\s*dua|khen)"
)
_TIME_LINE = re.compile(
    r"^[-+•\s]*(thang\s*\d|thang\s*$|xuyen\s*(?:suot)?\s*$|xuyen\s*suot|nam\s*hoc\s*\d|(?:dau|cuoi)\s*nh|hk\s*i)"
)
_LEAD_START = re.compile(r"^[-+•\s]*(hieu\s*truong|hieu\s*$|bgh\b|ban\s*giam\s*hieu)")
_TIME_START = re.compile(
    r"^[-+•\s]*(thang|nam\s*hoc|nam\s*20|nh\b|hk|hoc\s*ky|quy\s*[iv1-4]|tu\s*(?:thang|ngay|nam)|dau\s*(?:nam|nh|hk)|"
    r"cuoi\s*(?:nam|nh|hk)|giua|xuyen\s*suot|xuyen\s*$|ca\s*nam|suot\s*nam|\d{1,2}\s*/\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}|20\d\d)"
)
_STRONG_TIME = re.compile(r"^[-+•\s]*(thang\s*\d|nam\s*hoc\s*\d|\d{1,2}\s*/\s*\d{4}|(?:dau|cuoi)\s*nh\s*\d)")
# A line opening with a number that is no amount, date, code or year goes on the line above ("Phường" / "11, …").
_LOOSE_NUMBER = re.compile(
    r"^\d+(?!\s*(?:trieu|tr\b|dong|d\b|ty|nghin|ngan|k\b|%|/|\.\d|-|–))(?!\d)(?:\s*[,;]|\s+[a-z])"
)
_MONEY_START = re.compile(
    r"^[-+•\s]*(kinh\s*phi|khong\b|ngan\s*sach|nguon|du\s*kien|(?!(?:19|20)\d\d\b)\d|xa\s*hoi\s*hoa|quy\b|von\b|"
    r"theo\s*(?:quy|du\s*toan|ke\s*hoach|dinh\s*muc)|tu\s*nguon|huy\s*dong)"
)
_LEVEL = re.compile(r"^(?:muc\s*)?\d$")

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
    start, end = _table_span(raw, through_sections=True)
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


def _assign(g: Group, columns, spaced: bool):
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
            and (ln.spaces > 0 or not spaced or ln is g.lines[-1] or _is_code(ln))
        ):
            if spaced and ln.spaces == 0 and not _is_code(ln) and not ln.moved:
                segments[-1].append(ln)  # a new paragraph in the same cell
                continue
            segments.append([ln])
        else:
            segments[-1].append(ln)
    crit = keys.index("criterion") if "criterion" in keys else 0
    first = _dp(segments[0], keys, start_col=crit, continuation=False, counts=None)
    for c, part in first:
        cells[c].extend(part)
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
        for c, part in _dp(seg, keys, start_col=None, continuation=True, counts=counts, open_ends=open_ends):
            cells[c].extend(part)
    return "row", cells


def _is_code(ln: Line) -> bool:
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\s*:?", ln.text))


def _dp(
    seg: list[Line],
    keys: list[str],
    *,
    start_col,
    continuation: bool,
    counts,
    open_ends: list[bool] | None = None,
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
        return 1.5  # a time line inside a cell is where the time's cell begins
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


def _boundary_cost(last: Line, before_blank: bool) -> float:
    """Cost of a cell ending on this line."""
    tail = last.text
    cost = -1.0 if before_blank else 0.0
    if tail.endswith(("-", "–", ",")) or re.search(r"\b(và|của|với|cho|các|để|trong)$", tail):
        cost += 2.5
    elif tail.endswith((".", ";")):
        cost -= 0.3
    words = tail.split()
    if words and words[-1][:1].isupper() and vn.fold_same_length(words[-1].lower()) in _NAME_HEADS:
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
    elif key == "lead":
        if not continuation:
            cost += -2.0 if role else 3.5
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
