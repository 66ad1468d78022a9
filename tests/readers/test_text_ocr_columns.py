"""OCR lines that hold one visual line of every column (a scanned table read without diacritics):
the cells are rebuilt as they were written.

The lines are made here from the cells: each cell is wrapped at its column's width (a year range
after its hyphen, as a narrow column does), and the first lines carry a "|" where the border was
read, the later ones a single space, as OCR prints them."""

from caitien.planfile.readers import text_columns
from caitien.planfile.readers.text import read_text

KINDS = ["criterion", "expected_result", "solutions", "lead", "time_text", "budget_text", "support"]
# Characters per line of each column: narrow label, time and support columns, one wide column.
WIDTHS = [8, 9, 22, 8, 6, 9, 6]


def _wrap(text: str, width: int) -> list[str]:
    words = []
    for w in text.split():
        if len(w) > width and "-" in w[:-1]:
            head, tail = w.split("-", 1)
            words += [head + "-", tail]
        else:
            words.append(w)
    lines: list[str] = []
    for w in words:
        if lines and len(lines[-1]) + 1 + len(w) <= width:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return lines


def ocr_lines(cells: list[str], bordered: int = 3) -> list[str]:
    """The row as OCR prints it: the columns' k-th lines side by side, "|" between them on the
    first `bordered` lines (where the borders were read), a space below."""
    columns = [_wrap(c, w) for c, w in zip(cells, WIDTHS, strict=True)]
    out = []
    for k in range(max(len(c) for c in columns)):
        pieces = [c[k] for c in columns if k < len(c)]
        out.append(("|" if k < bordered else " ").join(pieces))
    return out


# The time column wraps one word a line beside the lead's roles ("va cac" of "va cac nam hoc tiep
# theo" is a time's words, not the lead's); "Pen" is OCR for "Đến", a time's word.
ROWS = [
    [
        "Tieu chi 5.4",
        "Nang cao ket qua hoc tap",
        "Phan cong to truong chuyen mon, giao vien doi moi phuong phap day hoc theo huong phat trien "
        "nang luc hoc sinh. Phoi hop voi CMHS de huong dan hoc sinh on bai va chuan bi bai truoc khi "
        "den lop hang ngay",
        "BGH va giao vien va CMHS",
        "Nam hoc 2024-2025 va cac nam hoc tiep theo",
        "Khong",
        "Khong",
    ],
    [
        "Tieu chi 3.5",
        "Them sach cho thu vien",
        "Mua bo sung sach tham khao theo danh muc da duyet",
        "Ke toan",
        "HKII nam hoc 2024-2025",
        "10 trieu dong",
        "Khong",
    ],
    [
        "Tieu chi 1.6",
        "Dam bao si so hoc sinh theo quy dinh",
        "Tham muu voi Uy ban nhan dan phuong giao chi tieu tuyen sinh phu hop voi tinh hinh cua nha truong",
        "-Hieu truong.",
        "Nam 2024 Pen nam 2026",
        "Khong",
        "Khong",
    ],
]


def test_time_words_beside_the_lead_stay_in_the_time():
    got = text_columns.read_table([ocr_lines(r) for r in ROWS], KINDS)
    assert got == ROWS


def test_the_same_rows_through_the_text_reader_give_the_rows_times():
    text = "\n".join(
        ["KE HOACH CAI TIEN CHAT LUONG GIAO DUC", "", "III. NOI DUNG KE HOACH CAI TIEN", " MUC 1,2,3"]
        + ["Tieu chuan 5: Hoat dong giao duc va ket qua giao duc"]
        + [ln for r in ROWS for ln in ocr_lines(r)]
        + ["MUC 4: Khong co", "", "VI. TO CHUC THUC HIEN"]
    )
    doc = read_text(text, "ocr.txt")
    by_code = {it.criterion: it for it in doc.items}
    assert list(by_code) == ["5.4", "3.5", "1.6"]
    assert by_code["5.4"].lead == "BGH va giao vien va CMHS"
    assert by_code["5.4"].time_text == "Nam hoc 2024-2025 va cac nam hoc tiep theo"
    # "Pen" read as "Đến": the time runs from 2024 to the end of 2026.
    assert by_code["1.6"].time_text == "Nam 2024 Pen nam 2026"
    assert (by_code["1.6"].start, by_code["1.6"].end) == ("2024-01", "2026-12")


def _kind_cost(kind: str, line: str) -> float:
    ln = text_columns._Line(text_columns.tokens(line))
    return text_columns._kind_cost(kind, False, ln.span(0, ln.n))


def test_connectives_are_no_roles_and_a_time_phrase_costs_more_in_the_lead_than_in_the_time():
    # "va cac" goes on "Nam hoc 2024-2025" as well as on "BGH va giao vien": only its words decide.
    assert _kind_cost("lead", "va cac") > _kind_cost("time_text", "va cac")
    # Roles still draw a piece to the lead.
    assert _kind_cost("lead", "giao vien") < _kind_cost("time_text", "giao vien")


def test_a_leading_p_that_is_not_ph_is_read_as_d():
    assert text_columns._word_facts("Pén", False).time  # "Đến"
    assert text_columns._word_facts("Poan", False).role  # "Đoàn"
    assert not text_columns._word_facts("Phan", False).role
