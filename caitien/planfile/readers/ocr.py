"""Scanned plans (image-only PDFs, page photos) → Document through Tesseract OCR.

Each page is cleaned (illumination flattened, Otsu threshold), straightened (a projection-profile
deskew: the angle at which the rows of ink are sharpest), its ruling lines found (long runs of ink)
and erased, and the rest read by Tesseract with the Vietnamese model (TSV output: each word with its
box and confidence). The words become pdfplumber-style characters and the rules pdfplumber-style
edges of a page in points, and that page goes through the PDF reader's own table builder
(pdf._page_blocks): ruled and unruled tables, both plan forms and every column kind read as in a
text PDF. A cell holding a word read with low confidence makes its field doubtful.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from caitien.planfile.model import Document
from caitien.planfile.readers import Block, ReadError, assemble, report_progress

MAX_SCAN_PAGES = 40
TIME_BUDGET_SECONDS = 300  # the whole OCR of one file
MAX_IMAGE_PIXELS = 60_000_000  # one page photo or rendered page (a 48 MP phone photo fits)
WORK_LONG_SIDE = 3600  # pixels: a page is read at about 300 dpi, larger photos are scaled down
WORK_SHORT_MIN = 1500  # smaller photos are scaled up: Tesseract wants letters ~20 px high
RENDER_DPI = 300
LOW_CONFIDENCE = 60  # Tesseract's word confidence (0-100) under which a cell is doubtful
LANGUAGE = "vie"

_A4 = (595.0, 842.0)  # points, portrait


@dataclass
class Scan:
    """One page image to read, and the page's size in points when the file says it (a PDF page)."""

    image: object  # PIL.Image.Image
    width_pt: float | None = None
    height_pt: float | None = None


def require_tesseract() -> str:
    """The tesseract program, checked to have the Vietnamese model; a clear ReadError otherwise."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise ReadError(
            "Máy chủ chưa cài chương trình nhận dạng chữ (Tesseract) nên chưa đọc được bản quét, ảnh chụp. "
            "Hãy báo quản trị hệ thống cài gói tesseract-ocr và tesseract-ocr-vie, hoặc nhập tệp Word gốc."
        )
    try:
        listed = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        listed = []
    if LANGUAGE not in listed:
        raise ReadError(
            "Máy chủ chưa cài bộ nhận dạng chữ tiếng Việt cho Tesseract nên chưa đọc được bản quét. "
            "Hãy báo quản trị hệ thống cài gói tesseract-ocr-vie, hoặc nhập tệp Word gốc."
        )
    return exe


def read_scans(
    scans: list[Scan] | Callable[[int], Scan],
    total: int,
    filename: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """OCR every page (a list, or a function giving page i so only one page is in memory) → Document."""
    from caitien.planfile.readers import pdf

    if total > MAX_SCAN_PAGES:
        raise too_many_pages(total)
    exe = require_tesseract()
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    blocks: list[Block] = []
    carry = None
    words = 0
    for index in range(total):
        report_progress(f"Đang nhận dạng chữ trang {index + 1}/{total}")
        scan = scans[index] if isinstance(scans, list) else scans(index)
        try:
            page = ocr_page(scan, exe, deadline)
        except (OSError, ValueError, MemoryError):  # Pillow or numpy on a page image they cannot handle
            raise ReadError(
                f"Trang {index + 1} của “{filename or 'tệp đã tải lên'}” là ảnh hỏng hoặc quá lớn, không nhận dạng "
                "chữ được. Hãy quét hoặc chụp lại trang đó rồi thử lại."
            ) from None
        words += len(page.words)
        page_blocks, _, carry = pdf._page_blocks(page, index + 1, carry)
        blocks.extend(page_blocks)
        if progress is not None:
            progress(index + 1, total)
    if words == 0:
        raise ReadError(
            f"Không nhận dạng được chữ nào trong “{filename or 'tệp đã tải lên'}”. Hãy quét hoặc chụp lại "
            "trang kế hoạch rõ nét, đủ sáng, chụp thẳng và đủ cả trang, rồi thử lại."
        )
    doc = assemble(blocks, filename)
    doc.warn(
        "ocr",
        "Kế hoạch được đọc từ bản quét/ảnh chụp bằng nhận dạng chữ (OCR): hãy đối chiếu với bản giấy, "
        "nhất là các ô tô vàng (phần mềm đọc chưa chắc chắn).",
    )
    return doc


def too_many_pages(total: int) -> ReadError:
    return ReadError(
        f"Bản quét có {total} trang, quá dài để nhận dạng chữ (tối đa {MAX_SCAN_PAGES} trang). "
        "Hãy chỉ quét phần kế hoạch cải tiến (bảng kế hoạch và phần đầu, phần ký) rồi thử lại."
    )


def _out_of_time() -> ReadError:
    return ReadError(
        f"Nhận dạng chữ bản quét quá {TIME_BUDGET_SECONDS // 60} phút nên đã dừng. Hãy chỉ quét phần kế "
        "hoạch cải tiến, quét rõ nét hơn (200-300 dpi), hoặc nhập tệp Word gốc của kế hoạch."
    )


# --- one page ----------------------------------------------------------------------------------


class OcrPage:
    """The part of pdfplumber's Page that pdf._page_blocks uses, filled from the OCR of a page image:
    words as characters (each flagged "doubt" when read with low confidence), rules as edges."""

    def __init__(self, width: float, height: float, chars: list[dict], edges: list[dict], words: list):
        self.width, self.height = width, height
        self.bbox = (0.0, 0.0, width, height)
        self.chars, self.edges, self.words = chars, edges, words

    def find_tables(self, table_settings=None):
        from pdfplumber.table import TableFinder

        return TableFinder(self, table_settings or {}).tables

    def extract_words(self, **kwargs):
        from pdfplumber.utils import extract_words

        return extract_words(self.chars, **kwargs)

    def close(self):
        pass


def ocr_page(scan: Scan, exe: str, deadline: float) -> OcrPage:
    from caitien.planfile.readers import image_cleanup

    gray = image_cleanup.prepare(scan.image, WORK_LONG_SIDE, WORK_SHORT_MIN)
    gray = image_cleanup.deskew(gray)
    ink = image_cleanup.binarize(gray)
    horizontal, vertical, line_mask = image_cleanup.ruling_lines(ink)
    cleaned = image_cleanup.for_ocr(gray, line_mask)
    width_px, height_px = cleaned.size
    if scan.width_pt and scan.height_pt:
        page_w, page_h = scan.width_pt, scan.height_pt
        if (page_w > page_h) != (width_px > height_px):
            page_w, page_h = page_h, page_w
    else:
        # A photo: take the page as A4 in the photo's orientation (letters then get their usual size).
        page_w, page_h = _A4 if width_px <= height_px else (_A4[1], _A4[0])
    scale = page_w / width_px  # points per pixel
    dpi = max(70, min(600, round(72 / scale)))
    words = _tesseract(cleaned, exe, dpi, deadline)
    chars = _chars(words, scale)
    edges = [_edge("h", x0 * scale, x1 * scale, y * scale, y * scale) for y, x0, x1 in horizontal]
    edges += [_edge("v", x * scale, x * scale, y0 * scale, y1 * scale) for x, y0, y1 in vertical]
    return OcrPage(page_w, height_px * scale, chars, edges, words)


@dataclass
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    line_top: int
    line_bottom: int
    confidence: float


def _tesseract(image, exe: str, dpi: int, deadline: float) -> list[Word]:
    left = deadline - time.monotonic()
    if left <= 1:
        raise _out_of_time()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: the server runs other work too
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(dpi), "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=left,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _out_of_time() from None
    except OSError:
        raise ReadError(
            "Không chạy được chương trình nhận dạng chữ (Tesseract) trên máy chủ. Hãy báo quản trị hệ thống."
        ) from None
    if done.returncode != 0:
        raise ReadError(
            "Chương trình nhận dạng chữ không đọc được trang ảnh này. Hãy quét hoặc chụp lại rõ nét rồi thử lại."
        )
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV → words with boxes and confidence."""
    out = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        try:
            left, top, width, height = (int(p) for p in parts[6:10])
            confidence = float(parts[10])
        except ValueError:
            continue
        text = unicodedata.normalize("NFC", parts[11]).strip()
        if text and width > 0 and height > 0:
            out.append(Word(text, left, top, left + width, top + height, top, top + height, confidence))
    return _share_lines(_repair(out))


_CRITERION_AFTER = ("chí", "chi", "chỉ", "chì", "tc")
_TERM_NUMERAL = re.compile(r"^(?![1I]+[.,;]?$)[ïíìîlI|!1]{1,2}[.,;]?$")
_SPLIT_CODE = re.compile(r"^([1-5])\s*[,.;:·]?\s*(10|[1-9])[.,;:]?$")


def _repair(words: list[Word]) -> list[Word]:
    """Fix what OCR predictably gets wrong in a plan. A bullet (a small round dot) comes out as "*",
    "®", "se." and the like: a word whose box is a small square is a bullet. Marks with no letter or
    digit read with almost no confidence are specks or rule remnants: dropped. A term's numeral after
    "Học kỳ" read as "ï" or "l" is put back as "I". A criterion code after
    "Tiêu chí" loses or bends its dot ("15", "1,2"): put back, and the field marked doubtful."""
    if not words:
        return words
    heights = sorted(w.bottom - w.top for w in words)
    usual = heights[len(heights) // 2]
    out: list[Word] = []
    previous = ""
    for word in words:
        width, height = word.right - word.left, word.bottom - word.top
        letters = any(ch.isalnum() for ch in word.text)
        if width <= 0.6 * usual and height <= 0.6 * usual and not any(ch.isdigit() for ch in word.text):
            word.text = "•"
        elif not letters and word.confidence < 30:
            continue
        elif previous.endswith(_CRITERION_AFTER):
            code = _SPLIT_CODE.match(word.text)
            if code and word.text != f"{code[1]}.{code[2]}":
                word.text = f"{code[1]}.{code[2]}"
                word.confidence = min(word.confidence, LOW_CONFIDENCE - 1)
        previous = word.text.lower().strip(".,:;")
        out.append(word)
    _term_numerals(out, usual)
    return out


def _term_numerals(words: list[Word], usual: int) -> None:
    """ "Học kỳ I" read as "Học kỳ ï": a term's Roman numeral is one tall stroke. Tesseract's word
    order follows its own blocks, not the table's lines, so "kỳ" is looked for just left of it."""
    for word in words:
        if not _TERM_NUMERAL.match(word.text):
            continue
        for left in words:
            if left.text.lower().strip(".,:;") not in ("kỳ", "kì", "ky", "ki"):
                continue
            same_line = min(word.bottom, left.bottom) - max(word.top, left.top) > 0.3 * usual
            before = same_line and 0 <= word.left - left.right <= 1.5 * usual
            # or "kỳ" ends the line above in a narrow cell, the numeral opens the next line
            wrapped = (
                0.5 * usual < word.top - left.top <= 2.2 * usual
                and left.left - 8 * usual <= word.left <= left.left
            )
            if before or wrapped:
                tail = word.text.rstrip(".,;")
                word.text = "I" * len(tail) + word.text[len(tail) :]
                break


def _share_lines(words: list[Word]) -> list[Word]:
    """Give the words of one visual line one top and bottom. A word's box grows with its accents and
    descenders ("Tiểu" is taller than "cao"), and Tesseract's own line grouping crosses table cells;
    words are grouped by their middles instead, each group measured from its first word (no drift)."""
    if not words:
        return words
    heights = sorted(w.bottom - w.top for w in words)
    usual = heights[len(heights) // 2]
    ordered = sorted(words, key=lambda w: (w.top + w.bottom) / 2)
    group: list[Word] = []
    start = None

    def close():
        middles = sorted((w.top + w.bottom) / 2 for w in group)
        middle = middles[len(middles) // 2]
        for w in group:
            w.line_top, w.line_bottom = round(middle - usual / 2), round(middle + usual / 2)

    for word in ordered:
        middle = (word.top + word.bottom) / 2
        if start is not None and middle - start > 0.4 * usual:
            close()
            group = []
            start = None
        if start is None:
            start = middle
        group.append(word)
    close()
    return words


def _chars(words: list[Word], scale: float) -> list[dict]:
    """Each word's letters spread evenly over its box: the table builder places letters by their
    centres and splits words at gaps, as it does for a PDF's characters."""
    chars = []
    for word in words:
        top, bottom = word.line_top * scale, word.line_bottom * scale
        x0, x1 = word.left * scale, word.right * scale
        step = (x1 - x0) / len(word.text)
        doubt = word.confidence < LOW_CONFIDENCE
        size = max(bottom - top, 1.0)
        for i, letter in enumerate(word.text):
            left = x0 + i * step
            chars.append(
                {
                    "text": letter,
                    "x0": left,
                    "x1": left + step,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "upright": True,
                    "size": size,
                    "width": step,
                    "height": size,
                    "object_type": "char",
                    "doubt": doubt,
                    "word_start": i == 0,
                }
            )
    return chars


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    from caitien.planfile.readers.pdf import _edge as pdf_edge

    return pdf_edge(orientation, x0, x1, top, bottom)


# --- the file kinds ----------------------------------------------------------------------------


def read_scanned_pdf(
    data: bytes, filename: str = "", *, progress: Callable[[int, int], None] | None = None
) -> Document:
    """An image-only PDF: each page rendered at 300 dpi (by PDFium, which already opened the file)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise ReadError(
            f"Tệp PDF “{filename or 'đã tải lên'}” bị hỏng, không đọc được. Hãy quét lại rồi thử lại."
        ) from None
    try:
        total = len(pdf)
        if total > MAX_SCAN_PAGES:
            raise too_many_pages(total)

        def render(index: int) -> Scan:
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                raise ReadError(
                    f"Trang {index + 1} của tệp PDF “{filename or 'đã tải lên'}” bị hỏng, không đọc được. "
                    "Hãy quét hoặc xuất lại tệp PDF rồi thử lại."
                ) from None
            try:
                width, height = page.get_size()
                scale = RENDER_DPI / 72
                if width * height * scale * scale > MAX_IMAGE_PIXELS:
                    scale = (MAX_IMAGE_PIXELS / max(width * height, 1)) ** 0.5
                image = page.render(scale=scale, grayscale=True).to_pil()
                return Scan(image, width, height)
            except pdfium.PdfiumError:
                raise ReadError(
                    f"Trang {index + 1} của tệp PDF “{filename or 'đã tải lên'}” bị hỏng, không vẽ được để nhận "
                    "dạng chữ. Hãy quét hoặc xuất lại tệp PDF rồi thử lại."
                ) from None
            finally:
                page.close()

        return read_scans(render, total, filename, progress=progress)
    finally:
        pdf.close()


_IMAGE_FORMATS = {"JPEG", "PNG", "TIFF", "HEIF", "MPO"}


def _cut_short(data: bytes, kind: str) -> bool:
    """A JPEG without its end marker or a PNG without its end chunk: the file was cut short. Asked of
    the bytes, because Pillow decodes a cut image silently once any library in the process sets
    ImageFile.LOAD_TRUNCATED_IMAGES (WeasyPrint does, on import)."""
    tail = data[-64:].rstrip(b"\x00")
    if kind == "JPEG":
        return not tail.endswith(b"\xff\xd9")
    if kind == "PNG":
        return b"IEND" not in tail
    return False


def read_image(
    data: bytes, filename: str = "", *, progress: Callable[[int, int], None] | None = None
) -> Document:
    """A page photo or scan saved as an image (JPEG, PNG, HEIC, TIFF with one page or several)."""
    from PIL import Image, ImageOps

    name = filename or "đã tải lên"
    if is_heic(data):
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:
            raise ReadError(
                f"Ảnh HEIC “{name}” (ảnh chụp của iPhone) chưa đọc được trên máy chủ này. Hãy chuyển ảnh sang "
                "JPEG (trên iPhone: Cài đặt > Camera > Định dạng > Tương thích nhất) rồi thử lại."
            ) from None
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        kind = image.format
    except Image.DecompressionBombError:  # Pillow's own check, for images far over any page's size
        raise ReadError(
            f"Ảnh “{name}” quá lớn (hơn {2 * Image.MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh, tối đa "
            f"{MAX_IMAGE_PIXELS // 1_000_000} triệu), có thể là “bom ảnh”, nên không được mở. "
            "Hãy chụp lại ở độ phân giải thấp hơn hoặc thu nhỏ ảnh rồi thử lại."
        ) from None
    except Exception:  # Pillow raises many kinds for a broken or unknown image
        raise ReadError(
            f"Ảnh “{name}” bị hỏng hoặc không phải ảnh JPEG/PNG, không mở được. Hãy chụp hoặc quét lại rồi thử lại."
        ) from None
    if kind not in _IMAGE_FORMATS:
        raise ReadError(f"Định dạng ảnh {kind} chưa đọc được. Hãy lưu ảnh dạng JPEG hoặc PNG rồi thử lại.")
    if _cut_short(data, kind):
        raise ReadError(
            f"Ảnh “{name}” bị hỏng hoặc chưa tải về hết, không đọc được. Hãy chụp hoặc quét lại rồi thử lại."
        )
    frames = getattr(image, "n_frames", 1) if kind == "TIFF" else 1
    if frames > MAX_SCAN_PAGES:
        raise too_many_pages(frames)

    def frame(index: int) -> Scan:
        try:
            image.seek(index)
            w, h = image.size
            if w * h > MAX_IMAGE_PIXELS or w <= 0 or h <= 0:
                raise ReadError(
                    f"Ảnh “{name}” quá lớn ({w}×{h} điểm ảnh, tối đa {MAX_IMAGE_PIXELS // 1_000_000} triệu). "
                    "Hãy chụp lại ở độ phân giải thấp hơn hoặc thu nhỏ ảnh rồi thử lại."
                )
            page = ImageOps.exif_transpose(image.convert("RGB") if image.mode in ("P", "CMYK") else image)
            page.load()
            return Scan(page)
        except ReadError:
            raise
        except Exception:  # a truncated JPEG, a broken frame
            raise ReadError(
                f"Ảnh “{name}” bị hỏng hoặc chưa tải về hết, không đọc được. Hãy chụp hoặc quét lại rồi thử lại."
            ) from None

    if width * height > MAX_IMAGE_PIXELS:
        frame(0)  # says the image is too large before anything is decoded
    return read_scans(frame, frames, filename, progress=progress)


def is_heic(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in (
        b"heic",
        b"heix",
        b"mif1",
        b"msf1",
        b"heim",
        b"heis",
        b"hevc",
    )


def is_image(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")) or is_heic(data)
