"""text_columns: the rules that rebuild cells of OCR lines holding one visual line of every column."""

from caitien.planfile.readers import text_columns as tc

KINDS = ["criterion", "expected_result", "solutions", "lead", "time_text", "budget_text", "support"]


def _words(line):
    return [(w.text, w.border_before) for w in tc.tokens(line)]


def test_borders_read_and_misread_are_boundaries_and_not_text():
    assert _words("Ban |[Nam |Khong") == [("Ban", False), ("Nam", True), ("Khong", True)]
    # "(" with no ")" glued between two words, and "/" before a capitalised word, are borders.
    assert _words("chi 2.4(tot hon|Cham lo/Van dong") == [
        ("chi", False),
        ("2.4", False),
        ("tot", True),
        ("hon", False),
        ("Cham", True),
        ("lo", False),
        ("Van", True),
        ("dong", False),
    ]
    # A real bracket and a slash inside a date stay text.
    assert _words("(nam 2024) 10/2024") == [("(nam", False), ("2024)", False), ("10/2024", False)]


def test_margin_noise_at_the_edges_of_a_line_is_dropped():
    assert _words("_ trong lop|hoc sinh") == [
        ("trong", False),
        ("lop", False),
        ("hoc", True),
        ("sinh", False),
    ]
    assert _words("r theo quy|dinh") == [("theo", False), ("quy", False), ("dinh", True)]
    assert _words("va cac i") == [("va", False), ("cac", False)]
    # A lone letter inside a line is kept.
    assert [w for w, _ in _words("a b c")][:2] == ["a", "b"]


def test_a_piece_without_a_vowel_is_the_rest_of_the_word_above():
    assert tc.is_tail("g") and tc.is_tail("ng") and tc.is_tail("HS") and tc.is_tail("£")
    assert not tc.is_tail("hoc") and not tc.is_tail("2025") and not tc.is_tail("Khong")
    assert tc.continues_word("Khon", "g") and tc.continues_word("CM", "HS")
    # A tail in the other case is an abbreviation of its own ("cua" + "CMHS").
    assert not tc.continues_word("cua", "CM")
    assert tc._join(["Khon", "g"]) == "Khong"
    assert tc._join(["Su", "ung ho cua", "CM", "HS"]) == "Su ung ho cua CMHS"
    # A year range wrapped after its hyphen.
    assert tc._join(["Nam hoc", "2024-", "2025"]) == "Nam hoc 2024-2025"


def test_the_criterion_label_is_taken_off_the_first_lines():
    lines = [tc.tokens("Tieu |Sua mai |Hieu"), tc.tokens("\\chi 3.3 |phong hoc|truong")]
    label, rest = tc.split_label(lines)
    assert label == "Tieu chi 3.3"
    assert [[w.text for w in ws] for ws in rest] == [["Sua", "mai", "Hieu"], ["phong", "hoc", "truong"]]
    assert rest[1][0].border_before is False


def test_widths_come_from_the_lines_where_every_border_was_read():
    rows = [
        [tc.tokens("Day boi |Phoi hop trung tam|BGH |Thang 4 |Khong |Khon")],
        [tc.tokens("Them sach |Mua sach cho thu vien|Ke toan |HKII |5 trieu |CMHS")],
    ]
    assert tc.initial_widths(rows, 6) == [9.0, 21.0, 7.0, 7.0, 7.0, 6.0]


# Three rows of one table: the first lines of 3.3 and 3.5 have every border read and give the
# widths; elsewhere borders were missed, and 3.4's cells sit centred in their row.
TABLE = [
    [
        "Tieu |Sua mai ton|Thay ton moi cho hai|Hieu |Thang |20 trieu |Khong |",
        "chi 3.3|phong hoc lop khoi ba va bon|truong |9/2024 |dong",
        "tang hai|lop.",
    ],
    [
        "Tieu |Them ghe moi |Mua ghe cho thu vien|Ke |[HKII |Khong |Khon",
        "chi 3.5|thu vien|theo danh muc moi|toan |g",
    ],
    [
        "Tieu Hieu | Nam | Khao |",
        "chi 3.4 truong,| hoc |sat lai|",
        "Lat gach pho | 2024- |",
        "san truong| Thay gach vo o san| hieu | 2025",
        "sau |va loi di vao lop. |truong. |",
    ],
]


def test_a_line_is_split_where_borders_were_missed_by_the_columns_widths():
    roof, chairs, floor = tc.read_table(TABLE, KINDS)
    # "phong hoc lop khoi ba va bon": the text column on the left holds about ten characters a line.
    assert roof == [
        "Tieu chi 3.3",
        "Sua mai ton phong hoc tang hai",
        "Thay ton moi cho hai lop khoi ba va bon lop.",
        "Hieu truong",
        "Thang 9/2024",
        "20 trieu dong",
        "Khong",
    ]
    # "Khon" + "g": the narrow column cut the word; its tail goes on that column, not on the budget's.
    assert chairs == [
        "Tieu chi 3.5",
        "Them ghe moi thu vien",
        "Mua ghe cho thu vien theo danh muc moi",
        "Ke toan",
        "HKII",
        "Khong",
        "Khong",
    ]


def test_cells_centred_in_their_rows_start_below_the_first_line():
    floor = tc.read_table(TABLE, KINDS)[2]
    # The lead, time and budget cells start on the first line, the two text cells lower down;
    # "Lat gach" is told from the lead's "pho" by the widths and by what the words name.
    assert floor == [
        "Tieu chi 3.4",
        "Lat gach san truong sau",
        "Thay gach vo o san va loi di vao lop.",
        "Hieu truong, pho hieu truong.",
        "Nam hoc 2024-2025",
        "Khao sat lai",
        "",
    ]


def test_widths_with_no_line_fully_bordered_come_from_the_most_bordered_lines_on_the_right():
    rows = [[tc.tokens("Tieu |Day boi Phoi hop trung tam|BGH |Thang 4 |Khong |Khon")]]
    label, words = tc.split_label(rows[0])
    # Five pieces for six columns: the missed border is on the left, between the text columns.
    assert tc.initial_widths([words], 6) == [6.0, 26.0, 6.0, 7.0, 6.0, 6.0]


def test_a_hostile_line_is_looked_at_word_by_word_only_so_far_and_keeps_its_text():
    # 3000 pieces between borders for six columns: beyond the first words the line is one piece.
    line = "|".join(f"tu{k} x" for k in range(3000))
    words = tc._bounded(tc.tokens(line))
    assert len(words) == tc.MAX_WORDS and words[-1].text.endswith("tu2999 x")
    (row,) = tc.read_table([["Tieu |Mot |Hai|Ba |Bon |Nam |Sau", "chi 1.1|" + line]], KINDS)
    text = " ".join(row[1:])
    assert "tu0 x" in text and "tu2999 x" in text
