"""Plain text extracted from a plan (by pdftotext, by copy and paste, by OCR) -> Document.

Extraction tools print a table in several ways; each has its reader here, and all end in
`table.build_items`:

- tab-separated rows (copy from Word or Excel);
- pipe tables ("| a | b |"), and OCR output where "|" marks a border that was read: its cells are
  rebuilt column by column in `text_columns`;
- `pdftotext -layout`: columns kept by position, one visual line of every cell per line
  (`text_layout`);
- cell-by-cell blocks (`pdftotext -raw` and similar): the visual lines of each cell in turn, cell
  after cell, row after row (`text_blocks`, its costs in `text_blocks_cost`; shared pieces in
  `text_lines`).

What cannot be rebuilt is reported in `doc.warnings`; nothing is invented.
"""

from __future__ import annotations

import re

from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document
from caitien.planfile.readers import header, table, text_columns, text_layout, text_raw
from caitien.planfile.readers.pdf import clean_bullets
from caitien.planfile.readers.text_blocks import _block_rows, _is_spaced
from caitien.planfile.readers.text_lines import MAX_ROW_LINES
from caitien.planfile.readers.text_lines import table_span as _table_span

MAX_LINES = 60_000


def read_text(text: str, source: str = "") -> Document:
    doc = Document(source=source)
    text = vn.nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    # Word's Symbol-font bullets come out of pdftotext as private-use characters.
    text = clean_bullets(text)
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
        raw = None if _is_spaced(raw_lines) else text_raw.read_raw(raw_lines, pages)
        if raw is not None:
            rows, running = raw
        long_rows: list[int] = []
        if raw is None:
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
