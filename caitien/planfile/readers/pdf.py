"""PDF plans with a text layer → Document.

Ruled tables come from the page's drawn lines (pdfplumber's table finder); a table without rules is
rebuilt from the words' positions (columns are the vertical gaps that run through the table). A
table that goes on over the next page is joined back (assemble merges tables of the same width
separated only by a page number). Text outside the tables is the running text. A PDF without any
text is a scan: it needs OCR first, which we say instead of guessing.
"""

from __future__ import annotations

import re
from io import BytesIO

from caitien.planfile.model import Document
from caitien.planfile.readers import Block, ReadError, assemble, safety
from caitien.text import fold

_HEADER_WORDS = ("tieu chi", "ket qua", "giai phap", "cong viec", "thoi gian", "kinh phi", "chu tri", "muc tieu",
                 "hoat dong", "noi dung cai tien", "phu trach", "nguon luc", "ho tro", "ghi chu", "minh chung")


def read_pdf(data: bytes, filename: str = "") -> Document:
    return assemble(read_blocks(data, filename), filename)


def read_blocks(data: bytes, filename: str = "") -> list[Block]:
    import pdfplumber

    name = filename or "đã tải lên"
    try:
        pdf = pdfplumber.open(BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # pdfminer raises many kinds for a damaged or protected file
        raise _open_error(exc, data, name) from None
    try:
        if len(pages) > safety.MAX_PDF_PAGES:
            raise ReadError(
                f"Tệp PDF có {len(pages)} trang, quá dài cho một kế hoạch (tối đa {safety.MAX_PDF_PAGES} trang). "
                "Hãy chỉ xuất phần kế hoạch cải tiến rồi thử lại."
            )
        blocks: list[Block] = []
        chars = 0
        for number, page in enumerate(pages, 1):
            page_blocks, page_chars = _page_blocks(page, number)
            chars += page_chars
            blocks.extend(page_blocks)
            page.close()  # drops the page's cached layout: memory stays flat over long files
    except ReadError:
        raise
    except Exception as exc:
        raise _open_error(exc, data, name) from None
    finally:
        pdf.close()
    if chars == 0:
        raise ReadError(
            "Tệp PDF là bản quét (ảnh), không có lớp chữ: cần nhận dạng chữ (OCR) trước khi nhập. "
            "Hãy dùng tệp Word gốc của kế hoạch, hoặc chạy OCR (ví dụ ocrmypdf -l vie) rồi nhập lại tệp PDF."
        )
    return blocks


def _open_error(exc: Exception, data: bytes, name: str) -> ReadError:
    text = f"{type(exc).__name__} {exc}".lower()
    if "password" in text or "encrypt" in text or b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]:
        return ReadError(
            f"Tệp PDF “{name}” được đặt mật khẩu hoặc mã hoá, không đọc được. "
            "Hãy mở tệp, bỏ mật khẩu (in hoặc xuất lại ra PDF) rồi thử lại."
        )
    return ReadError(
        f"Tệp PDF “{name}” bị hỏng hoặc không đúng cấu trúc PDF, không đọc được. "
        "Hãy xuất lại tệp PDF từ Word hoặc LibreOffice rồi thử lại."
    )


def _page_blocks(page, number: int) -> tuple[list[Block], int]:
    chars = len(page.chars)
    if not chars:
        return [], 0
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 4]
    settings = {}
    if verticals:
        # A row broken by the page end has no bottom rule (nor a top rule on the next page): close the
        # page's tables where their vertical rules end, so the broken row is still found.
        settings["explicit_horizontal_lines"] = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
    found = [t for t in page.find_tables(table_settings=settings) if _is_grid(t)]
    found.sort(key=lambda t: t.bbox[1])

    blocks: list[Block] = []
    top = 0.0
    for position, table in enumerate(found, 1):
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            text = _region_text(page, top, t_top)
            if text:
                blocks.append(Block(text=text))
        rows = _grid(table)
        if rows:
            where = f"trang {number}" + (f", bảng {position}" if len(found) > 1 else "")
            # A row broken by the page end continues in the next page's first row, whose TT and
            # criterion cells are empty: build_items joins such a row to the row before.
            blocks.append(Block(rows=rows, where=where))
        top = max(top, t_bottom)
    if not found:
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
        unruled = _unruled_table(words, page.width)
        if unruled is not None:
            t_top, t_bottom, rows = unruled
            before = _region_text(page, 0, t_top)
            if before:
                blocks.append(Block(text=before))
            blocks.append(Block(rows=rows, where=f"trang {number}"))
            top = t_bottom
    text = _region_text(page, top, page.height)
    if text:
        blocks.append(Block(text=text))
    return blocks, chars


def _is_grid(table) -> bool:
    rows = table.rows
    # One row is enough: the end of a row broken by a page break may be all a page holds.
    return len(rows) >= 1 and max(len(r.cells) for r in rows) >= 3


def _region_text(page, top: float, bottom: float) -> str:
    """The text between two heights, read as a person reads it: where the lines hold two blocks side by
    side (the header: governing body and school | national motto, number | place and date; the
    signature: Nơi nhận | HIỆU TRƯỞNG), the left block first, then the right one."""
    top, bottom = max(0.0, top), min(float(page.height), bottom)
    if bottom - top < 1:
        return ""
    words = [w for w in page.extract_words(x_tolerance=1.5, keep_blank_chars=False)
             if top <= (w["top"] + w["bottom"]) / 2 < bottom]
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush():
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    middle = float(page.width) / 2
    previous_bottom = None
    for line in _lines(words):
        height = max(w["bottom"] - w["top"] for w in line)
        if previous_bottom is not None and line[0]["top"] - previous_bottom > 1.2 * height:
            flush()  # a blank line ends a side-by-side block
        previous_bottom = max(w["bottom"] for w in line)
        segments: list[list[dict]] = [[line[0]]]
        for word in line[1:]:
            gap = word["x0"] - segments[-1][-1]["x1"]
            if gap > 3 * max(word["bottom"] - word["top"], 4):
                segments.append([word])
            else:
                segments[-1].append(word)
        texts = [" ".join(w["text"] for w in seg) for seg in segments]
        if len(segments) == 2 and segments[0][-1]["x1"] < middle + 20 and segments[1][0]["x0"] > middle - 60:
            left.append(texts[0])
            right.append(texts[1])
        elif len(segments) == 1 and (left or right) and segments[0][0]["x0"] > middle - 60:
            right.append(texts[0])  # a line of the right block alone (the signer's name)
        elif len(segments) == 1 and (left or right) and segments[0][-1]["x1"] < middle + 20:
            left.append(texts[0])
        else:
            flush()
            out.append(" ".join(texts))
    flush()
    return clean_bullets("\n".join(out)).strip()


# Symbol-font bullets come out as private-use characters; the plan's text means a "-" bullet.
_BULLETS = re.compile(r"[\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6]")


def clean_bullets(text: str) -> str:
    return _BULLETS.sub("-", text)


def _grid(table) -> list[list[str]]:
    """Cell texts over grid columns. pdfplumber leaves None where a merged cell covers the grid: copy the
    text when the cell on the left spans across (horizontal merge), leave "" when it comes from above."""
    texts = table.extract(x_tolerance=1.5)
    rows = table.rows
    starts = sorted({cell[0] for row in rows for cell in row.cells if cell})
    grid = []
    for row, values in zip(rows, texts, strict=False):
        out: list[str] = []
        left = None  # (bbox, text) of the last real cell in this row
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            if cell is not None:
                left = (cell, clean_bullets(value or "").strip())
                out.append(left[1])
                continue
            x = starts[column] if column < len(starts) else None
            if left is not None and x is not None and left[0][2] > x + 1:
                out.append(left[1])
            else:
                out.append("")
        grid.append(out)
    return [r for r in grid if any(r)]


# --- tables without rules -----------------------------------------------------------------------


def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _unruled_table(words: list[dict], width: float):
    """(top, bottom, rows) of a table laid out in columns without drawn rules, or None.

    The header is the line (or two) that names at least three plan columns; column boundaries are the
    gaps between the header's word groups; a new row starts where the first column has text after a
    vertical gap, or where any line starts in the first column."""
    lines = _lines(words)
    header_index = None
    for index, line in enumerate(lines):
        joined = fold(" ".join(w["text"] for w in line))
        if sum(word in joined for word in _HEADER_WORDS) >= 3:
            header_index = index
            break
    if header_index is None:
        return None
    header_line = lines[header_index]
    # Header words closer than a wide gap form one column label.
    groups: list[list[dict]] = [[header_line[0]]]
    for word in header_line[1:]:
        if word["x0"] - groups[-1][-1]["x1"] > 8:
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) < 3:
        return None
    # Boundaries halfway between neighbouring labels.
    bounds = [(groups[i][-1]["x1"] + groups[i + 1][0]["x0"]) / 2 for i in range(len(groups) - 1)]

    def column_of(word) -> int:
        middle = word["x0"]
        return sum(1 for b in bounds if middle >= b - 1)

    columns = len(groups)
    header_cells = [" ".join(w["text"] for w in g) for g in groups]
    body: list[list[list[str]]] = []
    previous_bottom = header_line[0]["bottom"]
    last_line_bottom = previous_bottom
    line_height = max(w["bottom"] - w["top"] for w in header_line)
    bottom = previous_bottom
    for line in lines[header_index + 1:]:
        top = min(w["top"] for w in line)
        cells = [[] for _ in range(columns)]
        for word in line:
            cells[min(column_of(word), columns - 1)].append(word["text"])
        filled = sum(1 for c in cells if c)
        if not body and top - last_line_bottom < 0.8 * line_height:
            # A header label wrapped onto the next line.
            header_cells = [f"{h} {' '.join(c)}".strip() for h, c in zip(header_cells, cells, strict=False)]
            last_line_bottom = bottom = max(w["bottom"] for w in line)
            continue
        spans_all = filled == 1 and line[0]["x0"] < bounds[0] and line[-1]["x1"] > bounds[-1]
        if filled == 1 and not spans_all and len(body) and top - last_line_bottom > 2.5 * line_height:
            break  # a paragraph after the table
        if spans_all:
            text = " ".join(w["text"] for w in line)
            if body and top - last_line_bottom > 2.5 * line_height and not _looks_standard(text):
                break
            body.append([[text] for _ in range(columns)])
            body[-1].append("span")
        elif not body or cells[0] or top - last_line_bottom > 1.2 * line_height or body[-1][-1] == "span":
            body.append([[" ".join(c)] if c else [] for c in cells])
            body[-1].append("row")
        else:
            for target, piece in zip(body[-1], cells, strict=False):
                if piece:
                    target.append(" ".join(piece))
        last_line_bottom = max(w["bottom"] for w in line)
        bottom = last_line_bottom
    if not body:
        return None
    rows = [header_cells] + [["\n".join(cell) for cell in row[:-1]] for row in body]
    return header_line[0]["top"] - 1, bottom + 1, rows


_STANDARD = re.compile(r"^\s*tieu chuan\s*\d")


def _looks_standard(text: str) -> bool:
    return bool(_STANDARD.match(fold(text)))
