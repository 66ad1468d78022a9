"""Parse time of extracted plan text, per document and per layout (a 30-row plan built here)."""

import statistics
import time

from caitien.planfile.readers.text import read_text

HEAD = """UBND HUYỆN THỬ NGHIỆM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG TIỂU HỌC ĐO ĐẠC          Độc lập – Tự do – Hạnh phúc

Số: 30/KH-THĐĐ                    Thử Nghiệm, ngày 9 tháng 9 năm 2025

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025 – 2026

I. MỤC ĐÍCH, YÊU CẦU
- Khắc phục điểm yếu sau tự đánh giá.

II. CĂN CỨ XÂY DỰNG KẾ HOẠCH
- Thông tư số 17/2018/TT-BGDĐT.

III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG
"""
TAIL = """
IV. TỔ CHỨC THỰC HIỆN
- Hiệu trưởng chỉ đạo chung, các tổ chuyên môn và văn phòng thực hiện theo phân công cụ thể.

Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2025 - 2026./.

Nơi nhận:                                              HIỆU TRƯỞNG
- Lưu: VT.

                                                       Đào Văn Đo
"""
TIMES = [
    "Tháng 10/2025",
    "HKI",
    "Quý II/2026",
    "Năm học 2025 - 2026",
    "Tháng 9/2025 đến hết năm học 2025 - 2026",
]


def _rows(n=30):
    rows = []
    for k in range(n):
        std, crit = k // 6 + 1, k % 6 + 1
        rows.append(
            [
                f"Tiêu chí {std}.{crit}",
                f"Nâng chất lượng nội dung số {k + 1} của nhà trường",
                f"Tổ chức rà soát, bổ sung hồ sơ và tập huấn cho giáo viên về nội dung {k + 1}",
                "Hiệu trưởng, tổ trưởng chuyên môn",
                TIMES[k % len(TIMES)],
                f"{(k + 1) * 500}.000 đồng" if k % 3 == 0 else "",
                "Ban đại diện cha mẹ học sinh" if k % 2 else "",
                "Thực hiện thường xuyên" if k % 4 == 0 else "",
            ]
        )
    return rows


LABELS = [
    "Tiêu chuẩn, tiêu chí",
    "Kết quả cần đạt",
    "Công việc/giải pháp",
    "Chủ trì và phối hợp",
    "Thời gian thực hiện",
    "Dự kiến kinh phí",
    "Điều kiện hỗ trợ khác",
    "Ghi chú",
]


def tab_text():
    return HEAD + "\n".join("\t".join(r) for r in [LABELS] + _rows()) + "\n" + TAIL


def layout_text():
    width = 26
    out = ["".join(label[: width - 2].ljust(width) for label in LABELS)]
    for r in _rows():
        wrapped = [_wrap(c, width - 2) for c in r]
        for k in range(max(len(w) for w in wrapped)):
            out.append("".join((w[k] if k < len(w) else "").ljust(width) for w in wrapped).rstrip())
    return HEAD + "\n".join(out) + "\n" + TAIL


def blocks_text():
    """Cell by cell, each visual line followed by a blank line; an empty cell leaves a space."""
    out = []
    for label in LABELS:
        out.append(label)
    for r in _rows():
        skip = 0
        for cell in r:
            if not cell:
                skip += 1
                continue
            for k, line in enumerate(_wrap(cell, 12)):
                out.append((" " * skip if k == 0 else "") + line)
            skip = 0
        if skip:
            out.append(" " * (skip + 1))
    return HEAD + "".join(line + " \n\n" for line in out) + TAIL


def ocr_text():
    """OCR of a scan: no diacritics, one visual line of every column per line, "|" only where a
    border was read (here all on a row's first line, then missed between the two text columns on
    every other line and once on the right)."""
    import unicodedata

    def fold(text):  # no diacritics, case kept
        text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(ch for ch in text if not unicodedata.combining(ch))

    widths = [8, 10, 24, 9, 7, 9, 6]
    out = []
    for r in _rows():
        cells = [r[0], r[1], r[2], r[3], r[4], r[5], r[6]]
        wrapped = [_wrap(fold(c), w) for c, w in zip(cells, widths, strict=True)]
        wrapped[0] = ["Tieu", "chi " + r[0].split()[-1]]
        for k in range(max(len(w) for w in wrapped)):
            line = ""
            for n, w in enumerate(wrapped):
                if k < len(w) and w[k]:
                    missed = (n == 2 and k % 2 == 1) or (n == 5 and k == 2)
                    line += (" " if missed else "|") + w[k] if line else w[k]
            out.append(line)
    return HEAD + "\n".join(out) + "\n" + TAIL


def _wrap(text, width):
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    return lines or [""]


def _time(text, repeat=7):
    runs = []
    doc = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = read_text(text, "bench.txt")
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), doc


def run() -> None:
    for name, text in (
        ("tab", tab_text()),
        ("pdftotext -layout", layout_text()),
        ("khối từng ô", blocks_text()),
        ("OCR cột", ocr_text()),
    ):
        ms, doc = _time(text)
        print(f"{name:<20} {len(doc.items):>3} dòng  {ms:7.1f} ms/tài liệu (trung vị 7 lần)")
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    seeds = next(
        (p / "shared" / "seeds" for p in repo.parents if (p / "shared" / "seeds").is_dir()), repo.parent
    )
    renderings = repo / "tests" / "fixtures" / "text_renderings"
    for path in sorted(renderings.glob("full2018.*.txt")) + sorted(renderings.glob("form57.*.txt")):
        ms, doc = _time(path.read_text(encoding="utf-8"), repeat=3)
        print(f"{path.name[:26]:<26} {len(doc.items):>3} dòng  {ms:7.1f} ms/tài liệu (trung vị 3 lần)")
    if seeds.name == "seeds":
        for path in sorted(seeds.glob("*.txt")):
            ms, doc = _time(path.read_text(encoding="utf-8"), repeat=3)
            print(f"{path.name[:20]:<20} {len(doc.items):>3} dòng  {ms:7.1f} ms/tài liệu (trung vị 3 lần)")
    else:
        print(f"Không có thư mục {seeds}; chỉ đo văn bản tự dựng.")


if __name__ == "__main__":
    run()
