"""PDF plans with a text layer → Document.

Ruled tables come from the page's drawn lines (pdfplumber's table finder); a table without rules is
rebuilt from the words' positions (columns are the vertical gaps that run through the table). A
table that goes on over the next page is joined back (assemble merges tables of the same width
separated only by a page number). Text outside the tables is the running text. A PDF without any
text is a scan: its pages are read by OCR (readers.ocr).
"""

from __future__ import annotations

import bisect
import ctypes
import re
from collections.abc import Callable
from io import BytesIO

from caitien.planfile.model import Document
from caitien.planfile.readers import Block, ReadError, assemble, cell_wrap, report_progress, safety
from caitien.text import fold

MAX_PAGE_CHARS = 60_000  # a dense A4 page holds about 6 000
MAX_PAGE_RULES = 20_000  # drawn lines of one page: a page of a long plan table has a few hundred
_HEADER_WORDS = (
    "tieu chi",
    "ket qua",
    "giai phap",
    "cong viec",
    "thoi gian",
    "kinh phi",
    "chu tri",
    "muc tieu",
    "hoat dong",
    "noi dung cai tien",
    "phu trach",
    "nguon luc",
    "ho tro",
    "ghi chu",
    "minh chung",
)


def read_pdf(
    data: bytes, filename: str = "", *, progress: Callable[[int, int], None] | None = None
) -> Document:
    """A PDF with a text layer is read from it; an image-only PDF (a scan) goes through OCR."""
    try:
        blocks = read_blocks(data, filename)
    except NoTextLayer:
        from caitien.planfile.readers import ocr

        return ocr.read_scanned_pdf(data, filename, progress=progress)
    return assemble(blocks, filename)


class NoTextLayer(Exception):
    """The PDF's pages hold no characters: a scan, read by OCR instead."""


def read_blocks(data: bytes, filename: str = "") -> list[Block]:
    """The text layer's blocks. Long files are bounded by the work they cost (characters and rules
    per page, characters and table rows over the file), not by a small page count: the product's
    own PDF of a long plan must read back. NoTextLayer for a scan."""
    from caitien.planfile.readers import ocr

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
        carry = None
        for number in range(1, len(pages) + 1):
            report_progress(f"Đang đọc trang {number}/{len(pages)} của tệp PDF")
            page = pages.page(number - 1)
            if len(page.edges) > MAX_PAGE_RULES:
                raise ReadError(
                    f"Trang {number} của tệp PDF có quá nhiều nét vẽ ({len(page.edges)}); đây không phải một "
                    "trang kế hoạch bình thường. Hãy xuất lại tệp PDF từ tệp Word gốc rồi thử lại."
                )
            page_blocks, page_chars, carry = _page_blocks(page, number, carry)
            chars += page_chars
            safety.check_text(chars)
            blocks.extend(page_blocks)
            page.close()  # drops the page's cached layout: memory stays flat over long files
            if chars == 0 and number >= 3 and len(pages) > ocr.MAX_SCAN_PAGES:
                raise ocr.too_many_pages(len(pages))  # a long scan: refused before any OCR
    except ReadError:
        raise
    except Exception as exc:
        raise _open_error(exc, data, name) from None
    finally:
        pages.close()
    if chars == 0:
        raise NoTextLayer()
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
        box = raw.FS_RECTF()
        handle = text_page.raw
        get_unicode, get_box = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
        get_origin, get_size = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize
        count = text_page.count_chars()
        if count > MAX_PAGE_CHARS:
            text_page.close()
            raise ReadError(
                f"Một trang của tệp PDF có quá nhiều ký tự ({count}); đây không phải một trang kế hoạch "
                "bình thường. Hãy xuất lại tệp PDF từ tệp Word gốc rồi thử lại."
            )
        try:
            for i in range(count):
                code = get_unicode(handle, i)
                if code == 2:
                    code = 0x2D  # PDFium's mark for a hyphen
                if code < 33 or code in (0xFFFE, 0xFFFF, 0xA0):
                    continue  # spaces and line ends (PDFium's own too): words are split by their gaps
                get_box(handle, i, box)
                x0, x1 = box.left, box.right
                get_origin(handle, i, origin_x, origin_y)
                size = get_size(handle, i) or 10.0
                # The same top and bottom for every letter of a line, from the baseline and the font
                # size, as pdfminer gives them (diacritics do not make a letter "higher").
                baseline = self.height - (origin_y.value - bottom)
                char_top, char_bottom = baseline - 0.8 * size, baseline + 0.2 * size
                self.chars.append(
                    {
                        "text": chr(code),
                        "x0": x0 - left,
                        "x1": x1 - left,
                        "top": char_top,
                        "bottom": char_bottom,
                        "doctop": char_top,
                        "upright": True,
                        "size": size,
                        "width": x1 - x0,
                        "height": size,
                        "object_type": "char",
                    }
                )
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
                self.edges.extend(
                    [
                        _edge("h", x0, x1, t, t),
                        _edge("h", x0, x1, b, b),
                        _edge("v", x0, x0, t, b),
                        _edge("v", x1, x1, t, b),
                    ]
                )

    def find_tables(self, table_settings=None):
        from pdfplumber.table import TableFinder

        return TableFinder(self, table_settings or {}).tables

    def extract_words(self, **kwargs):
        from pdfplumber.utils import extract_words

        return extract_words(self.chars, **kwargs)

    def close(self):
        self._page.close()


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


_ENCRYPTED = (
    "Tệp PDF được đặt mật khẩu hoặc mã hóa, không đọc được. "
    "Hãy mở tệp, bỏ mật khẩu (in hoặc xuất lại ra PDF) rồi thử lại."
)


def _open_error(exc: Exception, data: bytes, name: str) -> ReadError:
    text = f"{type(exc).__name__} {exc}".lower()
    if "password" in text or "encrypt" in text or b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]:
        return ReadError(_ENCRYPTED.replace("Tệp PDF", f"Tệp PDF “{name}”", 1))
    return ReadError(
        f"Tệp PDF “{name}” bị hỏng hoặc không đúng cấu trúc PDF, không đọc được. "
        "Hãy xuất lại tệp PDF từ Word hoặc LibreOffice rồi thử lại."
    )


def _page_blocks(
    page, number: int, carry: list[float] | None = None
) -> tuple[list[Block], int, list[float] | None]:
    """The page's blocks, its character count, and the column bounds of an unruled table that runs on
    to the next page (`carry` is that of the previous page)."""
    chars = len(page.chars)
    next_carry = None
    if not chars:
        return [], 0, None
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 4]
    settings = {}
    if verticals:
        # A row broken by the page end has no bottom rule (nor a top rule on the next page): close the
        # page's tables where their vertical rules end, so the broken row is still found.
        settings["explicit_horizontal_lines"] = [
            min(e["top"] for e in verticals),
            max(e["bottom"] for e in verticals),
        ]
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
        rows, doubt = _grid(table, page.chars)
        if rows:
            where = f"trang {number}" + (f", bảng {position}" if len(found) > 1 else "")
            # A row broken by the page end continues in the next page's first row, whose TT and
            # criterion cells are empty: build_items joins such a row to the row before.
            blocks.append(Block(rows=rows, where=where, doubt=doubt))
        top = max(top, t_bottom)
    if not found:
        from pdfplumber.utils import extract_words

        words = extract_words(page.chars, x_tolerance=1.5) if page.chars else []
        unruled = _unruled_table(words, carry)
        if unruled is None and carry is not None:
            unruled = _unruled_table(words)
        if unruled is not None:
            t_top, t_bottom, rows, bounds, open_end = unruled
            before = _region_text(page, 0, t_top)
            if before:
                blocks.append(Block(text=before))
            blocks.append(Block(rows=rows, where=f"trang {number}"))
            top = t_bottom
            next_carry = bounds if open_end else None
    text = _region_text(page, top, page.height)
    if text:
        blocks.append(Block(text=text))
    return _without_page_number(blocks), chars, next_carry


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?\s*$|^\s*trang\s*\d{1,3}(?:\s*/\s*\d{1,3})?\s*$", re.I
)


def _without_page_number(blocks: list[Block]) -> list[Block]:
    """The page's blocks without its page number: a line that is only a number ("2", "- 3 -",
    "Trang 4") as the first line of the page or its last is the page header or footer, not text."""
    for index, pick in ((0, 0), (-1, -1)):
        if not blocks or blocks[index].is_table:
            continue
        lines = blocks[index].text.split("\n")
        if lines and _PAGE_NUMBER.match(lines[pick]):
            lines.pop(pick)
            if any(line.strip() for line in lines):
                blocks[index].text = "\n".join(lines)
            else:
                blocks.pop(index)
    return blocks


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


def _grid(table, chars: list[dict]) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Cell texts over grid columns, and the (row, column) of cells holding a character flagged
    "doubt" (a word OCR read unsure). pdfplumber leaves None where a merged cell covers the grid: copy
    the text when the cell on the left spans across (horizontal merge), leave "" when it comes from above."""
    rows = table.rows
    texts, unsure = _cell_texts(rows, chars)
    starts = sorted({cell[0] for row in rows for cell in row.cells if cell})
    grid = []
    doubt: set[tuple[int, int]] = set()
    for r, (row, values) in enumerate(zip(rows, texts, strict=False)):
        out: list[str] = []
        left = None  # (bbox, text, doubtful) of the last real cell in this row
        marks = set()
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            if cell is not None:
                left = (cell, clean_bullets(value or "").strip(), (r, column) in unsure)
                out.append(left[1])
                if left[2]:
                    marks.add(column)
                continue
            x = starts[column] if column < len(starts) else None
            if left is not None and x is not None and left[0][2] > x + 1:
                out.append(left[1])
                if left[2]:
                    marks.add(column)
            else:
                out.append("")
        if any(out):
            doubt |= {(len(grid), column) for column in marks}
            grid.append(out)
    return grid, doubt


def _cell_texts(rows, chars: list[dict]) -> tuple[list[list[str | None]], set[tuple[int, int]]]:
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
        out.append(
            [
                None if bbox is None else _chars_text(placed.get((r, c), []))
                for c, bbox in enumerate(row.cells)
            ]
        )
    unsure = {key for key, placed_chars in placed.items() if any(ch.get("doubt") for ch in placed_chars)}
    return out, unsure


def _chars_text(chars: list[dict]) -> str:
    lines: list[list[dict]] = []
    # Space characters (pdfminer keeps them, PDFium's are skipped) are not needed: gaps split words.
    for char in sorted(
        (ch for ch in chars if not ch["text"].isspace()), key=lambda ch: (ch["top"], ch["x0"])
    ):
        if lines and abs(lines[-1][0]["top"] - char["top"]) <= 3:
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda ch: ch["x0"])
        text = line[0]["text"]
        for previous, char in zip(line, line[1:], strict=False):
            # An OCR word's first letter starts a word even where the gap is narrow (tight columns).
            apart = char["x0"] - previous["x1"] > 1.5 or char.get("word_start", False)
            text += (" " if apart else "") + char["text"]
        out.append(text)
    return cell_wrap.join_lines(out)


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


def _segments(line: list[dict]) -> list[list[dict]]:
    """Words of a line grouped where the gap is no wider than a few spaces: one group per cell."""
    segments = [[line[0]]]
    for word in line[1:]:
        gap = word["x0"] - segments[-1][-1]["x1"]
        if gap > max(6.0, 0.5 * (word["bottom"] - word["top"])):
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _unruled_table(words: list[dict], bounds: list[float] | None = None):
    """(top, bottom, rows, bounds, open_end) of a table laid out in columns without drawn rules, or None.

    The header is the line that names at least three plan columns (its wrapped labels on the lines
    under it); column boundaries lie halfway between its labels. A row starts where the first column
    has text; a line of one text across the columns is a standard row ("Tiêu chuẩn 2: …"), anything
    else across the columns ends the table. `bounds` continues a table from the previous page."""
    lines = _lines(words)
    if not lines:
        return None
    rows: list[list[list[str]]] = []
    if bounds is None:
        header_index = None
        for index, line in enumerate(lines):
            joined = fold(" ".join(w["text"] for w in line))
            if sum(word in joined for word in _HEADER_WORDS) >= 3:
                header_index = index
                break
        if header_index is None:
            return None
        labels = _segments(lines[header_index])
        if len(labels) < 3:
            return None
        bounds = [(labels[i][-1]["x1"] + labels[i + 1][0]["x0"]) / 2 for i in range(len(labels) - 1)]
        start = header_index
        rows.append([[" ".join(w["text"] for w in seg)] for seg in labels])
        top = lines[header_index][0]["top"]
        in_header = True
    else:
        start, top, in_header = 0, lines[0][0]["top"], False
    columns = len(bounds) + 1

    def column_of(x: float) -> int:
        return bisect.bisect_right(bounds, x + 1)

    last_bottom = lines[start][0]["bottom"] if in_header else None
    bottom = last_bottom or top
    open_end = True
    for line in lines[start + (1 if in_header else 0) :]:
        line_top = min(w["top"] for w in line)
        height = max(w["bottom"] - w["top"] for w in line)
        gap = line_top - last_bottom if last_bottom is not None else 0
        segments = _segments(line)
        texts = [" ".join(w["text"] for w in seg) for seg in segments]
        crossing = [column_of(seg[0]["x0"]) != column_of(seg[-1]["x1"] - 1) for seg in segments]
        if len(segments) == 1 and crossing[0]:
            if not _looks_standard(texts[0]):
                open_end = False
                break  # a paragraph after the table
            rows.append([[texts[0]] for _ in range(columns)])
            in_header = False
        elif rows and gap > 2.5 * height:
            open_end = False
            break
        else:
            cells: list[list[str]] = [[] for _ in range(columns)]
            for seg, text in zip(segments, texts, strict=False):
                cells[min(column_of(seg[0]["x0"]), columns - 1)].append(text)
            if in_header and gap < 0.8 * height:
                for target, piece in zip(rows[-1], cells, strict=False):
                    target.extend(piece)  # a header label wrapped onto the next line
            elif cells[0] or not rows or (len({len(r) for r in rows}) and _spans(rows[-1])):
                rows.append(cells)
                in_header = False
            else:
                for target, piece in zip(rows[-1], cells, strict=False):
                    target.extend(piece)
                in_header = False
        last_bottom = max(w["bottom"] for w in line)
        bottom = last_bottom
    if not rows:
        return None
    grid = [[_join_bullets([clean_bullets(piece) for piece in cell]) for cell in row] for row in rows]
    return top - 1, bottom + 1, grid, bounds, open_end


def _join_bullets(pieces: list[str]) -> str:
    """Cell lines, a bullet standing apart from its text put back in front of it."""
    out: list[str] = []
    for piece in pieces:
        if out and out[-1] == "-":
            out[-1] = f"- {piece}"
        else:
            out.append(piece)
    return "\n".join(out)


def _spans(row: list[list[str]]) -> bool:
    first = row[0]
    return bool(first) and all(cell == first for cell in row)


_STANDARD = re.compile(r"^\s*tieu chuan\s*\d")


def _looks_standard(text: str) -> bool:
    return bool(_STANDARD.match(fold(text)))
