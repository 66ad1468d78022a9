"""Evidence uploads: checking a phone photo (12 MP JPEG) and a scanned PDF, thumbnail included; codes found in texts."""

import io
import time

from PIL import Image

from caitien.evidence.codes import find_any_codes
from caitien.evidence.demo import tiny_pdf
from caitien.evidence.files import MAX_BYTES, check_file


def _best(fn, repeat=3):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return best


def _photo(size=(4000, 3000)) -> bytes:
    # Noise compresses like a real photo does (a few megabytes), unlike a flat image.
    image = Image.merge("RGB", [Image.effect_noise(size, 40 + 10 * n) for n in range(3)])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def run():
    photo = _photo()
    pdf = tiny_pdf("Quyết định thành lập Hội đồng tự đánh giá")
    text = " ".join(
        f"Biên bản họp tổ, ảnh hoạt động [H{n % 5 + 1}-{n % 5 + 1}.{n % 7 + 1}-{n:02d}]" for n in range(300)
    )
    print(
        f"ảnh 12 MP ({len(photo) / 1024 / 1024:.1f} MB): {_best(lambda: check_file(photo, 'anh.jpg', MAX_BYTES)):.3f} s"
    )
    print(f"PDF một trang: {_best(lambda: check_file(pdf, 'qd.pdf', MAX_BYTES)) * 1000:.2f} ms")
    print(f"tìm mã trong 300 đoạn văn: {_best(lambda: find_any_codes(text)) * 1000:.2f} ms")


if __name__ == "__main__":
    run()
