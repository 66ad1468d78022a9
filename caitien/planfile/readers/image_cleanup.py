"""Page images made ready for OCR: grey levels, even lighting, straight lines of text, rules found.

Pillow does the resampling and filtering, numpy the counting. The deskew is a projection profile: a
page's rows of ink (lines of text, table rules) are sharpest when level, so the angle that maximises
the differences between neighbouring row sums is the page's skew. Ruling lines are runs of ink much
longer than any letter stroke, found along rows (horizontal rules) and columns (vertical rules).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter, ImageOps

MAX_SKEW = 6.0  # degrees a photo or scan may lean; more is a page turned, not skewed


def prepare(image: Image.Image, long_side: int, short_min: int) -> Image.Image:
    """Grey levels at working size, lighting flattened (a phone photo is darker at one corner)."""
    gray = ImageOps.grayscale(image) if image.mode != "L" else image
    width, height = gray.size
    factor = min(long_side / max(width, height), 4.0)
    if min(width, height) * factor < short_min:
        factor = min(short_min / min(width, height), 4.0)
    if abs(factor - 1) > 0.15:
        gray = gray.resize((max(1, round(width * factor)), max(1, round(height * factor))), Image.BICUBIC)
    # The paper's brightness around each point: the page with the ink filtered away, blurred.
    small = gray.reduce(8) if min(gray.size) >= 80 else gray
    background = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4)).resize(gray.size)
    page = np.asarray(gray, dtype=np.float32)
    paper = np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    page *= 255.0  # in place: a page at 300 dpi is 9 million values
    page /= paper
    np.minimum(page, 255, out=page)
    flat = page.astype(np.uint8)
    desk = _off_paper(small.filter(ImageFilter.MaxFilter(5)))
    if desk is not None:
        # Around a photographed page lies the desk: white it out, or its edges would read as rules.
        full = np.asarray(Image.fromarray(desk.astype(np.uint8) * 255, mode="L").resize(gray.size)) > 0
        flat[full] = 255
    return ImageOps.autocontrast(Image.fromarray(flat, mode="L"), cutoff=0.5)


def _off_paper(paper: Image.Image) -> np.ndarray | None:
    """Where a reduced, ink-free image of a photo is not the page (much darker than the paper), grown
    a little over the page's edge; None for a scan, which is all page."""
    values = np.asarray(paper, dtype=np.float32)
    if values.size == 0:
        return None
    dark = values < 0.6 * float(np.median(values))
    if dark.mean() < 0.02:
        return None
    grown = dark.copy()
    for shift in (1, 2):
        grown[shift:, :] |= dark[:-shift, :]
        grown[:-shift, :] |= dark[shift:, :]
        grown[:, shift:] |= dark[:, :-shift]
        grown[:, :-shift] |= dark[:, shift:]
    return grown


def otsu(values: np.ndarray) -> int:
    histogram = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    if total == 0:
        return 128
    weights = np.cumsum(histogram)
    means = np.cumsum(histogram * np.arange(256))
    background = weights[-1] - weights
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weights - means * total) ** 2 / (weights * background)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def binarize(gray: Image.Image) -> np.ndarray:
    """True where there is ink: darker than Otsu's threshold, and clearly darker than the paper's own
    grain. On a page of little ink (the last page: a signature, a few lines) Otsu's threshold falls
    inside the paper's noise and would turn the whole page into speckle."""
    values = np.asarray(gray, dtype=np.uint8)
    return values < threshold(values)


def threshold(values: np.ndarray) -> int:
    sample = values[::4, ::4] if values.size > 1_000_000 else values
    paper = float(np.median(sample))
    grain = 1.4826 * float(np.median(np.abs(sample.astype(np.float32) - paper)))
    return int(min(otsu(values), 200, paper - max(6 * grain, 40)))


def skew_angle(gray: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's lines."""
    small = gray.copy()
    small.thumbnail((1000, 1000))
    ink = Image.fromarray((binarize(small) * 255).astype(np.uint8), mode="L")

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.NEAREST, fillcolor=0)
        rows = np.asarray(turned, dtype=np.float32).sum(axis=1)
        return float(np.sum(np.diff(rows) ** 2))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0), key=sharpness)
    fine = max(np.arange(best - 0.9, best + 0.91, 0.15), key=sharpness)
    finest = max(np.arange(fine - 0.1, fine + 0.11, 0.05), key=sharpness)
    return float(round(finest, 2))


def deskew(gray: Image.Image) -> Image.Image:
    angle = skew_angle(gray)
    if abs(angle) < 0.1:
        return gray
    return gray.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)


def _runs(mask: np.ndarray, length: int) -> np.ndarray:
    """The pixels of mask that lie in a run (along each row) at least `length` long, gaps of a few
    pixels (noise, a broken line) tolerated."""
    height, width = mask.shape
    if width < length:
        return np.zeros_like(mask)
    counts = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, dtype=np.int32, out=counts[:, 1:])
    window = counts[:, length:] - counts[:, :-length]  # ink in each window of `length`
    full = window >= int(0.93 * length)
    starts = np.zeros((height, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, dtype=np.int32, out=starts[:, 1:])
    # Pixel j is covered when some full window starts in [j - length + 1, j].
    index = np.arange(width)
    upper = np.minimum(index, full.shape[1] - 1) + 1
    lower = np.clip(index - length + 1, 0, full.shape[1])
    covered = (starts[:, upper] - starts[:, lower]) > 0
    return covered & mask


def _segments(mask: np.ndarray, length: int) -> list[tuple[float, int, int]]:
    """Rules of a run mask as (position across, start, end) along the rows, one per drawn line."""
    pieces: list[tuple[int, int, int]] = []
    for y in np.nonzero(mask.any(axis=1))[0]:
        row = np.concatenate(([0], mask[y].astype(np.int8), [0]))
        changes = np.diff(row)
        for start, end in zip(np.nonzero(changes == 1)[0], np.nonzero(changes == -1)[0], strict=True):
            if end - start >= length:
                pieces.append((int(y), int(start), int(end)))
    lines: list[list] = []  # [sum of y * width, total width, last y, x0, x1]
    for y, x0, x1 in sorted(pieces, key=lambda p: (p[1], p[0])):
        for line in lines:
            if abs(y - line[2]) <= 4 and x0 <= line[4] + 12 and x1 >= line[3] - 12:
                line[0] += y * (x1 - x0)
                line[1] += x1 - x0
                line[2] = y
                line[3], line[4] = min(line[3], x0), max(line[4], x1)
                break
        else:
            lines.append([y * (x1 - x0), x1 - x0, y, x0, x1])
    return [(line[0] / line[1], line[3], line[4]) for line in lines]


def ruling_lines(ink: np.ndarray):
    """(horizontal rules as (y, x0, x1), vertical rules as (x, y0, y1), mask of their pixels)."""
    # Found at half resolution (any ink in a 2×2 square counts): a quarter of the work, rules stay whole.
    height, width = ink.shape
    half = ink[: height - height % 2, : width - width % 2]
    half = half[0::2, 0::2] | half[1::2, 0::2] | half[0::2, 1::2] | half[1::2, 1::2]
    long_side = max(half.shape)
    h_length = max(20, int(0.03 * long_side))
    v_length = max(15, int(0.018 * long_side))
    horizontal = _runs(half, h_length)
    vertical = _runs(half.T, v_length).T
    h_found = _segments(horizontal, h_length)
    v_found = _segments(vertical.T, v_length)
    # A row of one short line (a row broken by the page end, a heading row) has rules no longer
    # than a letter's stroke: such a short rule counts only when it runs from one horizontal rule
    # to another.
    short_length = max(8, int(0.006 * long_side))
    short = _runs(half.T, short_length).T
    bridges = [
        (x, y0, y1)
        for x, y0, y1 in _segments(short.T, short_length)
        if _meets_rule(h_found, x, y0)
        and _meets_rule(h_found, x, y1)
        and not any(abs(x - vx) <= 3 and y0 < vy1 and vy0 < y1 for vx, vy0, vy1 in v_found)
    ]
    vertical |= _keep_segments(short, bridges)
    v_found += bridges
    h_lines = [(2 * y + 1, 2 * x0, 2 * x1) for y, x0, x1 in h_found]
    v_lines = [(2 * x + 1, 2 * y0, 2 * y1) for x, y0, y1 in v_found]
    small_mask = horizontal | vertical
    mask = np.zeros_like(ink)
    mask[: height - height % 2, : width - width % 2] = small_mask.repeat(2, axis=0).repeat(2, axis=1)
    mask &= ink
    # Erase a little around each rule too: its grey edge would read as "|" or "_".
    grown = mask.copy()
    for shift in (1, 2, 3):
        grown[shift:, :] |= mask[:-shift, :]
        grown[:-shift, :] |= mask[shift:, :]
        grown[:, shift:] |= mask[:, :-shift]
        grown[:, :-shift] |= mask[:, shift:]
    return h_lines, v_lines, grown


def _meets_rule(h_lines: list[tuple[float, int, int]], x: float, y: int) -> bool:
    """Whether (x, y) lies on a horizontal rule, a few pixels allowed (half resolution)."""
    return any(abs(y - hy) <= 4 and hx0 - 4 <= x <= hx1 + 4 for hy, hx0, hx1 in h_lines)


def _keep_segments(mask: np.ndarray, segments: list[tuple[float, int, int]]) -> np.ndarray:
    """The pixels of a vertical run mask that belong to the kept segments (the rest is letters)."""
    kept = np.zeros_like(mask)
    for x, y0, y1 in segments:
        column = int(round(x))
        lo, hi = max(0, column - 3), min(mask.shape[1], column + 4)
        kept[y0:y1, lo:hi] = mask[y0:y1, lo:hi]
    return kept


def for_ocr(gray: Image.Image, mask: np.ndarray) -> Image.Image:
    """The page as Tesseract reads it best: rules erased, speckle filtered out, black on white (on
    noisy scans this reads small codes such as "2.3" that grey levels lose)."""
    values = np.array(gray, dtype=np.uint8)
    values[mask] = 255
    smooth = Image.fromarray(values, mode="L").filter(ImageFilter.MedianFilter(3))
    return Image.fromarray(np.where(binarize(smooth), 0, 255).astype(np.uint8), mode="L")
