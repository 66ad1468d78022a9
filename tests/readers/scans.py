"""Scans and phone photos of plans, made from the test plans with real tools: the DOCX (python-docx)
is printed to PDF by LibreOffice, rasterised by pdftoppm, then turned, blurred and speckled with
Pillow and numpy the way a flatbed scan or a phone photo is, and saved as an image-only PDF or a JPEG.
"""

from __future__ import annotations

import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter


def rasterise(pdf: Path, dpi: int = 300, *, first: int | None = None, last: int | None = None) -> list:
    """The PDF's pages as greyscale images, by pdftoppm."""
    with tempfile.TemporaryDirectory(prefix="raster-") as tmp:
        command = ["pdftoppm", "-r", str(dpi), "-gray", "-png"]
        if first:
            command += ["-f", str(first)]
        if last:
            command += ["-l", str(last)]
        subprocess.run([*command, str(pdf), f"{tmp}/page"], check=True, capture_output=True, timeout=180)
        pages = []
        for path in sorted(Path(tmp).glob("page-*.png")):
            with Image.open(path) as image:
                pages.append(image.convert("L"))
        return pages


def scanned(page: Image.Image, *, angle: float = 0.0, noise: float = 8.0, seed: int = 1) -> Image.Image:
    """A flatbed scan: slightly turned, a little soft, grey speckle, a JPEG's loss."""
    rng = np.random.default_rng(seed)
    image = page.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=250) if angle else page
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    values = np.asarray(image, dtype=np.float32)
    values = values * 0.92 + 10 + rng.normal(0, noise, values.shape)
    image = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), mode="L")
    return _jpeg_round_trip(image, 80)


def phone_photo(page: Image.Image, *, angle: float = 3.0, seed: int = 2) -> Image.Image:
    """A phone photo of a page on a desk: turned a few degrees, lit unevenly (darker to one side),
    soft, noisy, in colour, a margin of desk around it, saved as a JPEG."""
    rng = np.random.default_rng(seed)
    width, height = page.size
    desk = Image.new("L", (int(width * 1.08), int(height * 1.08)), 90)
    desk.paste(page, ((desk.width - width) // 2, (desk.height - height) // 2))
    image = desk.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=90)
    values = np.asarray(image, dtype=np.float32)
    ramp = np.linspace(1.0, 0.72, values.shape[1], dtype=np.float32)[None, :]
    ramp = ramp * np.linspace(0.95, 1.0, values.shape[0], dtype=np.float32)[:, None]
    values = values * ramp + rng.normal(0, 6, values.shape)
    gray = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), mode="L").filter(
        ImageFilter.GaussianBlur(0.8)
    )
    tint = Image.merge("RGB", (gray, gray.point(lambda v: v * 0.97), gray.point(lambda v: v * 0.9)))
    return _jpeg_round_trip(tint, 85)


def _jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        decoded.load()
        return decoded.copy()


def image_pdf(pages: list, path: Path, dpi: int = 300) -> Path:
    """An image-only PDF, as a scanner writes it (Pillow embeds each page as a JPEG)."""
    pages = [p.convert("L") for p in pages]
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=80)
    return path


def jpeg(image: Image.Image, path: Path, quality: int = 85) -> Path:
    image.save(path, "JPEG", quality=quality)
    return path
