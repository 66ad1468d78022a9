"""PDF plans with a text layer → Document.

Ruled tables come from the page's drawn lines (pdfplumber's table finder); a table without rules is
rebuilt from the words' positions (columns are the vertical gaps that run through the table). A
table that goes on over the next page is joined back (assemble merges tables of the same width
separated only by a page number). Text outside the tables is the running text. A PDF without any
text is a scan: it needs OCR first, which we say instead of guessing.
"""

from __future__ import annotations

import bisect
import ctypes
import re
from io import BytesIO

from caitien.planfile.model import Document
from caitien.planfile.readers import Block, ReadError, assemble, report_progress, safety
from caitien.text import fold

_HEADER_WORDS = ("tieu chi", "ket qua", "giai phap", "cong viec", "thoi gian", "kinh phi", "chu tri", "muc tieu",
                 "hoat dong", "noi dung cai tien", "phu trach", "nguon luc", "ho tro", "ghi chu", "minh chung")


def read_pdf(data: bytes, filename: str = "") -> Document:
    return assemble(read_blocks(data, filename), filename)


def read_blocks(data: bytes, filename: str = "") -> list[Block]:
    name = filename or "đã tải lên"
    pages = _open(data, name)
    try:
        if len(pages) > safety.MAX_PDF_PAGES:
            raise ReadError(
                f"Tệp PDF có {len(pages)} trang, quá dài cho một kế hoạch (tối đa {safety.MAX_PDF_PAGES} trang). "
                "Hãy chỉ xuất phần kế hoạch cải tiến rồi thử lại."
            )
        blocks: list[Block] = []
        chars = 0
        for number in range(1, len(pages) + 1):
            report_progress(f"Đang đọc trang {number}/{len(pages)} của tệp PDF")
            page = pages.page(number - 1)
            page_blocks, page_chars = _page_blocks(page, number)
            chars += page_chars
            blocks.extend(page_blocks)
            page.close()  # drops the page's cached layout: memory stays flat over long files
    except ReadError:
        raise
    except Exception as exc:
        raise _open_error(exc, data, name) from None
    finally:
        pages.close()
    if chars == 0:
        raise ReadError(
            "Tệp PDF là bản quét (ảnh), không có lớp chữ: cần nhận dạng chữ (OCR) trước khi nhập. "
            "Hãy dùng tệp Word gốc của kế hoạch, hoặc chạy OCR (ví dụ ocrmypdf -l vie) rồi nhập lại tệp PDF."
        )
    return blocks


def _open(data: bytes, name: str):
    """The pages: read with PDFium (fast, the engine of Chromium) when it opens the file, else with
    pdfminer through pdfplumber; both give pdfplumber-style characters and rules."""
    try:
        return _PdfiumPages(data)
    except ReadError:
        raise
    except Exception:  # PDFium refused it: let pdfminer try, and tell why if it cannot either
        pass
    import pdfplumber

    try:
        return _PlumberPages(pdfplumber.open(BytesIO(data)))
    except Exception as exc:  # pdfminer raises many kinds for a damaged or protected file
        raise _open_error(exc, data, name) from None


class _PlumberPages:
    def __init__(self, pdf):
        self.pdf = pdf
        self.pages = pdf.pages

    def __len__(self):
        return len(self.pages)

    def page(self, index):
        return self.pages[index]

    def close(self):
        self.pdf.close()


class _PdfiumPages:
    def __init__(self, data: bytes):
        import pypdfium2 as pdfium

        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise ReadError(_ENCRYPTED) from None
            raise
        if any(self.pdf[i].get_rotation() for i in range(min(len(self.pdf), safety.MAX_PDF_PAGES))):
            self.pdf.close()
            raise ValueError("rotated pages: read them with pdfminer")

    def __len__(self):
        return len(self.pdf)

    def page(self, index):
        return _PdfiumPage(self.pdf[index])

    def close(self):
        self.pdf.close()


class _PdfiumPage:
    """The part of pdfplumber's Page that the table finder and this reader use, filled by PDFium."""

    def __init__(self, page):
        import pypdfium2.raw as raw

        self._page = page
        left, bottom, right, top = page.get_cropbox()
        self.width, self.height = float(right - left), float(top - bottom)
        self.bbox = (0.0, 0.0, self.width, self.height)
        self.chars = []
        text_page = page.get_textpage()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        try:
            for i in range(text_page.count_chars()):
                code = raw.FPDFText_GetUnicode(text_page, i)
                if code == 2:
                    code = 0x2D  # PDFium's mark for a hyphen
                if code < 33 or code in (0xFFFE, 0xFFFF, 0xA0) or raw.FPDFText_IsGenerated(text_page, i) == 1:
                    continue  # spaces and line ends: words are split by their gaps
                x0, _, x1, _ = text_page.get_charbox(i, loose=True)
                raw.FPDFText_GetCharOrigin(text_page, i, origin_x, origin_y)
                size = raw.FPDFText_GetFontSize(text_page, i) or 10.0
                # The same top and bottom for every letter of a line, from the baseline and the font
                # size, as pdfminer gives them (diacritics do not make a letter "higher").
                baseline = self.height - (origin_y.value - bottom)
                char_top, char_bottom = baseline - 0.8 * size, baseline + 0.2 * size
                self.chars.append({
                    "text": chr(code), "x0": x0 - left, "x1": x1 - left, "top": char_top, "bottom": char_bottom,
                    "doctop": char_top, "upright": True, "size": size, "width": x1 - x0, "height": size,
                    "object_type": "char",
                })
        finally:
            text_page.close()
        self.edges = []
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4):
            x0, y0, x1, y1 = obj.get_bounds()
            x0, x1 = x0 - left, x1 - left
            t, b = self.height - (y1 - bottom), self.height - (y0 - bottom)
            if b - t <= 2.5 and x1 - x0 > 2:
                middle = (t + b) / 2
                self.edges.append(_edge("h", x0, x1, middle, middle))
            elif x1 - x0 <= 2.5 and b - t > 2:
                middle = (x0 + x1) / 2
                self.edges.append(_edge("v", middle, middle, t, b))
            elif x1 - x0 > 2 and b - t > 2:
                self.edges.extend([_edge("h", x0, x1, t, t), _edge("h", x0, x1, b, b),
                                   _edge("v", x0, x0, t, b), _edge("v", x1, x1, t, b)])

    def find_tables(self, table_settings=None):
        from pdfplumber.table import TableFinder

        return TableFinder(self, table_settings or {}).tables

    def extract_words(self, **kwargs):
        from pdfplumber.utils import extract_words

        return extract_words(self.chars, **kwargs)

    def close(self):
        self._page.close()


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


_ENCRYPTED = ("Tệp PDF được đặt mật khẩu hoặc mã hoá, không đọc được. "
              "Hãy mở tệp, bỏ mật khẩu (in hoặc xuất lại ra PDF) rồi thử lại.")


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
        rows = _grid(table, page.chars)
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
    from pdfplumber.utils import extract_words

    chars = [c for c in page.chars if top <= (c["top"] + c["bottom"]) / 2 < bottom]
    words = extract_words(chars, x_tolerance=1.5, keep_blank_chars=False) if chars else []
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


def _grid(table, chars: list[dict]) -> list[list[str]]:
    """Cell texts over grid columns. pdfplumber leaves None where a merged cell covers the grid: copy the
    text when the cell on the left spans across (horizontal merge), leave "" when it comes from above."""
    rows = table.rows
    texts = _cell_texts(rows, chars)
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


def _cell_texts(rows, chars: list[dict]) -> list[list[str | None]]:
    """The text of every cell (None for a grid place a merged cell covers), each character placed by its
    centre: one pass over the characters instead of pdfplumber's pass per row and per cell."""
    cells = [(r, c, bbox) for r, row in enumerate(rows) for c, bbox in enumerate(row.cells) if bbox]
    cells.sort(key=lambda item: item[2][1])
    tops = [bbox[1] for _, _, bbox in cells]
    placed: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for index in range(bisect.bisect_right(tops, cy) - 1, -1, -1):
            r, c, (x0, top, x1, bottom) = cells[index]
            if x0 <= cx < x1 and top <= cy < bottom:
                placed.setdefault((r, c), []).append(char)
                break
            if cy - top > 400:  # no cell is that tall: stop looking further up
                break
    out = []
    for r, row in enumerate(rows):
        out.append([None if bbox is None else _chars_text(placed.get((r, c), [])) for c, bbox in enumerate(row.cells)])
    return out


def _chars_text(chars: list[dict]) -> str:
    if not chars:
        return ""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda ch: (ch["top"], ch["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) <= 3:
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda ch: ch["x0"])
        text = line[0]["text"]
        for previous, char in zip(line, line[1:], strict=False):
            text += (" " if char["x0"] - previous["x1"] > 1.5 else "") + char["text"]
        out.append(text)
    return "\n".join(out)


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
