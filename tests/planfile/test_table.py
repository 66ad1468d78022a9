"""table.build_items: header found by meaning, both plan forms, the odd shapes of real tables."""

from caitien.planfile.model import Document
from caitien.planfile.readers import table

HEADER_2018 = [
    "TT",
    "Tiêu chuẩn, tiêu chí",
    "Mức",
    "Kết quả cần đạt (so với hiện trạng)",
    "Công việc/giải pháp cần thực hiện",
    "Chủ trì",
    "Phối hợp",
    "Thời gian",
    "Thời gian",
    "Dự kiến kinh phí",
    "Điều kiện hỗ trợ khác",
    "Ghi chú",
]


def _doc():
    return Document(period={"start_year": 2024, "end_year": 2025})


def test_columns_are_found_by_meaning_in_any_order():
    rows = [
        ["Ghi chú", "Thời gian thực hiện", "Tiêu chí", "Giải pháp", "Người phụ trách", "Kết quả cần đạt"],
        [
            "",
            "Tháng 11/2024",
            "Tiêu chí 2.1",
            "Bồi dưỡng tổ trưởng",
            "Hiệu trưởng",
            "Tổ trưởng nắm quy trình",
        ],
    ]
    doc = _doc()
    [item] = table.build_items(rows, doc)
    assert item.criterion == "2.1"
    assert item.solutions == "Bồi dưỡng tổ trưởng"
    assert item.expected_result == "Tổ trưởng nắm quy trình"
    assert item.lead == "Hiệu trưởng"
    assert (item.start, item.end) == ("2024-11", "2024-11")
    assert item.level is None


def test_sub_header_numbered_row_standard_rows_and_separate_lead_columns():
    rows = [
        HEADER_2018,
        ["", "", "", "", "", "", "", "Bắt đầu", "Kết thúc", "", "", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)"],
        ["I"] + ["Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"] * 11,
        [
            "1",
            "Tiêu chí 1.1",
            "Mức 2",
            "Phương hướng được công khai",
            "- Đăng website\n- Niêm yết tại bảng tin",
            "Hiệu trưởng",
            "Tổ văn phòng",
            "Tháng 9/2024",
            "Tháng 10/2024",
            "3.000.000 đồng",
            "",
            "x",
        ],
        ["", "", "", "", "- Báo cáo hội đồng trường", "", "", "", "", "", "", ""],
    ]
    doc = _doc()
    [item] = table.build_items(rows, doc)
    assert item.criterion == "1.1"
    assert item.level == "2"
    assert item.solutions == "- Đăng website\n- Niêm yết tại bảng tin\n- Báo cáo hội đồng trường"
    assert item.lead == "Hiệu trưởng; Tổ văn phòng"
    assert item.coordinators == "Tổ văn phòng"
    assert (item.start, item.end) == ("2024-09", "2024-10")
    assert [(a.vnd, a.per) for a in item.budget_amounts] == [(3_000_000, None)]
    assert item.notes == "x"
    assert doc.standard_headings == {"1": "Tổ chức và quản lý nhà trường"}
    assert doc.warnings == []


def test_repeated_header_of_a_continued_table_is_skipped():
    header = ["Tiêu chí", "Kết quả cần đạt", "Giải pháp", "Chủ trì", "Thời gian"]
    rows = [
        header,
        ["Tiêu chí 1.2", "A", "B", "Hiệu trưởng", "HKI"],
        header,
        ["Tiêu chí 1.3", "C", "D", "Phó Hiệu trưởng", "HKII"],
    ]
    items = table.build_items(rows, _doc())
    assert [i.criterion for i in items] == ["1.2", "1.3"]
    assert [(i.start, i.end) for i in items] == [("2024-09", "2024-12"), ("2025-01", "2025-05")]


def test_form_57_ten_columns():
    rows = [
        [
            "TT",
            "Nội dung cải tiến",
            "Mục tiêu cải tiến",
            "Hoạt động/giải pháp",
            "Chỉ số đánh giá kết quả",
            "Thời gian thực hiện",
            "Đơn vị/cá nhân phụ trách",
            "Nguồn lực bảo đảm",
            "Thông tin, dữ liệu hoặc minh chứng dự kiến",
            "Mức độ thực hiện",
        ],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
        [
            "1",
            "Tiêu chuẩn 3 - Tiêu chí 3.2: phòng học bộ môn",
            "Đủ phòng học bộ môn Tin học",
            "Cải tạo một phòng kho",
            "Có 01 phòng đạt chuẩn",
            "Quý I/2025",
            "Hiệu trưởng",
            "Ngân sách 200 triệu đồng",
            "Biên bản nghiệm thu",
            "Đang thực hiện",
        ],
        [
            "2",
            "Tiêu chuẩn 2: đội ngũ giáo viên dạy Tiếng Anh",
            "Giáo viên đạt chuẩn B2",
            "Cử đi học",
            "100% đạt B2",
            "Năm học 2024-2025",
            "Phó Hiệu trưởng",
            "Không có",
            "Chứng chỉ",
            "",
        ],
    ]
    doc = _doc()
    first, second = table.build_items(rows, doc)
    assert first.criterion == "3.2" and first.standard == 3
    assert first.issue == "Tiêu chuẩn 3 - Tiêu chí 3.2: phòng học bộ môn"
    assert first.indicator == "Có 01 phòng đạt chuẩn"
    assert first.expected_evidence == "Biên bản nghiệm thu"
    assert first.status == "Đang thực hiện"
    assert [(a.vnd, a.per) for a in first.budget_amounts] == [(200_000_000, None)]
    assert (first.start, first.end) == ("2025-01", "2025-03")
    assert second.criterion is None and second.standard == 2
    assert (second.start, second.end) == ("2024-09", "2025-05")
    assert not [w for w in doc.warnings if w.code == "criterion-missing"]


def test_unreadable_time_and_money_are_warned_and_marked_doubtful():
    rows = [
        ["Tiêu chí", "Kết quả cần đạt", "Giải pháp", "Chủ trì", "Thời gian", "Kinh phí"],
        ["Tiêu chí 5.1", "A", "B", "Hiệu trưởng", "Khi có điều kiện", "Kinh phí 12345 theo dự toán"],
    ]
    doc = _doc()
    [item] = table.build_items(rows, doc, where="bảng 1")
    assert item.start is None and item.end is None
    assert set(item.doubtful) == {"time_text", "budget_amounts"}
    codes = {w.code for w in doc.warnings}
    assert codes == {"time-unparsed", "budget-unparsed"}
    assert all(w.where.startswith("bảng 1") for w in doc.warnings)


def test_a_table_without_a_plan_header_gives_a_warning_and_no_rows():
    rows = [["Họ và tên", "Chức vụ"], ["Nguyễn Văn A", "Giáo viên"]]
    doc = _doc()
    assert table.build_items(rows, doc) == []
    assert [w.code for w in doc.warnings] == ["table-header-unknown"]


def test_row_without_criterion_in_2018_form_is_kept_and_flagged():
    rows = [
        ["Tiêu chí", "Kết quả cần đạt", "Giải pháp", "Chủ trì", "Thời gian"],
        ["Tiêu chí 1.1", "A", "B", "Hiệu trưởng", "HKI"],
        ["Ghi thiếu mã", "C", "D", "Hiệu trưởng", "HKII"],
    ]
    doc = _doc()
    items = table.build_items(rows, doc)
    assert [i.criterion for i in items] == ["1.1", None]
    assert items[1].doubtful == ["criterion"]
    assert [w.code for w in doc.warnings] == ["criterion-missing"]


def test_classify_labels():
    assert table.classify("Thời gian thực hiện và hoàn thành") == "time_text"
    assert table.classify("Chủ trì và phối hợp thực hiện") == "lead"
    assert table.classify("Phối hợp") == "coordinators"
    assert table.classify("Mức") == "level"
    assert table.classify("Mức độ thực hiện") == "status"
    assert table.classify("Mục tiêu cải tiến") == "expected_result"
    assert table.classify("Họ và tên") is None


def test_the_written_time_is_kept_beside_month_columns():
    rows = [
        [
            "Tiêu chí",
            "Kết quả cần đạt",
            "Giải pháp",
            "Chủ trì",
            "Thời gian thực hiện",
            "Tháng bắt đầu",
            "Tháng kết thúc",
        ],
        ["1.4", "A", "B", "Hiệu trưởng", "Quý I/2025", "01/2025", "03/2025"],
        ["1.5", "C", "D", "Hiệu trưởng", "", "10/2024", "12/2024"],
    ]
    first, second = table.build_items(rows, _doc())
    assert (first.time_text, first.start, first.end) == ("Quý I/2025", "2025-01", "2025-03")
    # No written time: the months make it.
    assert (second.time_text, second.start, second.end) == ("10/2024 - 12/2024", "2024-10", "2024-12")


def test_the_total_row_is_not_a_plan_row():
    rows = [
        [
            "TT",
            "Tiêu chí",
            "Kết quả cần đạt",
            "Giải pháp",
            "Chủ trì",
            "Thời gian",
            "Dự kiến kinh phí",
            "Ghi chú",
        ],
        [
            "1",
            "Tiêu chí 3.1",
            "Tổng số phòng học đủ 12 phòng",
            "Xây thêm 2 phòng",
            "Hiệu trưởng",
            "HKI",
            "90 triệu đồng",
            "",
        ],
        ["2", "Tiêu chí 3.2", "Sân chơi an toàn", "Thay nền sân", "Kế toán", "HKII", "10.000.000 đồng", ""],
        ["Tổng dự kiến kinh phí"] * 6 + ["100.000.000 đồng", ""],
        ["Cộng", "", "", "", "", "", "100.000.000", ""],
    ]
    doc = _doc()
    items = table.build_items(rows, doc)
    assert [i.criterion for i in items] == ["3.1", "3.2"]
    assert (
        items[0].expected_result == "Tổng số phòng học đủ 12 phòng"
    )  # a row naming a criterion is never a total
    assert items[1].notes == ""
    assert doc.warnings == []


def test_form_57_resources_column_holds_budget_and_other_support():
    rows = [
        [
            "TT",
            "Nội dung cải tiến",
            "Mục tiêu cải tiến",
            "Hoạt động/giải pháp",
            "Chỉ số đánh giá kết quả",
            "Thời gian thực hiện",
            "Đơn vị/cá nhân phụ trách",
            "Nguồn lực bảo đảm",
            "Thông tin, dữ liệu hoặc minh chứng dự kiến",
            "Mức độ thực hiện",
        ],
        [
            "1",
            "Tiêu chí 4.1",
            "A",
            "B",
            "C",
            "Tháng 2/2025",
            "Hiệu trưởng",
            "Ngân sách: 5.000.000 đồng\nHỗ trợ khác: Hội cha mẹ học sinh góp công",
            "MC.4.1.01",
            "",
        ],
        [
            "2",
            "Tiêu chí 4.2",
            "A",
            "B",
            "C",
            "Tháng 3/2025",
            "Hiệu trưởng",
            "Nguồn xã hội hóa\n3 triệu đồng",
            "",
            "",
        ],
    ]
    first, second = table.build_items(rows, _doc())
    assert first.budget_text == "Ngân sách: 5.000.000 đồng"
    assert first.support == "Hội cha mẹ học sinh góp công"
    assert [a.vnd for a in first.budget_amounts] == [5_000_000]
    # Without the "Hỗ trợ khác:" line the whole cell is the budget text.
    assert (second.budget_text, second.support) == ("Nguồn xã hội hóa 3 triệu đồng", "")


PRIORITY = [
    "TT",
    "Tiêu chuẩn",
    "Tiêu chí liên quan (nếu có)",
    "Đánh giá hiện trạng",
    "Điểm hạn chế",
    "Nguyên nhân của hạn chế",
]
MONITORING = ["Thời điểm", "Nội dung theo dõi", "Kết quả thực hiện", "Điều chỉnh (nếu có)", "Người đánh giá"]


def test_each_table_of_a_57_plan_is_recognised_by_its_header():
    plan = [
        [
            "TT",
            "Nội dung cải tiến",
            "Mục tiêu cải tiến",
            "Hoạt động/giải pháp",
            "Chỉ số đánh giá kết quả",
            "Thời gian thực hiện",
            "Đơn vị/cá nhân phụ trách",
            "Nguồn lực bảo đảm",
            "Thông tin, dữ liệu hoặc minh chứng dự kiến",
            "Mức độ thực hiện",
        ],
        ["1", "Tiêu chí 2.2", "A", "B", "C", "Tháng 2/2025", "Hiệu trưởng", "", "", ""],
    ]
    priority = [
        PRIORITY,
        ["1", "Tiêu chuẩn 2", "2.2, 2.3", "Thiếu giáo viên Tin học", "Dạy chưa đủ giờ", "Chưa tuyển được"],
    ]
    monitoring = [MONITORING, ["Cuối học kỳ I", "Số giờ dạy Tin học", "", "", "Tổ giám sát"]]
    other = [["Nơi nhận:", "", "HIỆU TRƯỞNG"], ["- Lưu: VT", "", "Lò Văn Sáng"]]
    assert [table.table_kind(t) for t in (plan, priority, monitoring, other)] == [
        "plan",
        "priority_issues",
        "monitoring",
        None,
    ]
    doc = _doc()
    kinds = [
        table.read_table(t, doc, where=f"bảng {n}") for n, t in enumerate((priority, plan, monitoring, other))
    ]
    assert kinds == ["priority_issues", "plan", "monitoring", None]
    assert [i.criterion for i in doc.items] == ["2.2"]
    [issue] = doc.priority_issues
    assert (issue.standard, issue.criteria, issue.current_state, issue.limitation, issue.cause) == (
        2,
        "2.2, 2.3",
        "Thiếu giáo viên Tin học",
        "Dạy chưa đủ giờ",
        "Chưa tuyển được",
    )
    [entry] = doc.monitoring
    assert (entry.moment, entry.content, entry.result, entry.adjustment, entry.assessor) == (
        "Cuối học kỳ I",
        "Số giờ dạy Tin học",
        "",
        "",
        "Tổ giám sát",
    )


def test_a_plan_table_is_still_a_plan_table_whatever_its_words():
    # 2018 headers name "kết quả" and "thời gian" too: they are not the monitoring table.
    assert (
        table.table_kind([HEADER_2018, ["1", "Tiêu chí 1.1", "", "A", "B", "C", "", "HKI", "", "", "", ""]])
        == "plan"
    )


def test_a_plan_table_naming_weaknesses_and_causes_stays_a_plan_table():
    rows = [
        ["Tiêu chí", "Điểm hạn chế", "Nguyên nhân", "Kết quả cần đạt", "Giải pháp", "Thời gian"],
        [
            "Tiêu chí 2.3",
            "Thiếu nhân viên y tế",
            "Chưa có biên chế",
            "Có nhân viên kiêm nhiệm",
            "Phân công",
            "HKI",
        ],
    ]
    assert table.table_kind(rows) == "plan"
    doc = _doc()
    assert table.read_table(rows, doc) == "plan"
    assert [i.criterion for i in doc.items] == ["2.3"] and doc.priority_issues == []


def test_a_cells_own_line_breaks_are_kept_and_wrapped_lines_joined():
    rows = [
        ["Tiêu chí", "Kết quả cần đạt", "Giải pháp", "Chủ trì", "Thời gian"],
        [
            "Tiêu chí 1.2",
            "Hội đồng trường họp đủ các kỳ\ntheo quy chế. Có biên bản\nlưu đầy đủ",
            "Rà soát quy chế\nLập lịch họp định kỳ",
            "Hiệu trưởng\nThư ký",
            "Tháng 9/2024 -\ntháng 5/2025",
        ],
    ]
    word = table.build_items(rows, Document(), hard_breaks=True)[0]
    assert word.solutions == "Rà soát quy chế\nLập lịch họp định kỳ"  # two paragraphs of a Word cell
    assert word.lead == "Hiệu trưởng Thư ký" and word.time_text == "Tháng 9/2024 - tháng 5/2025"
    wrapped = table.build_items(rows, Document())[0]  # PDF or text: lines wrapped by the column width
    assert wrapped.expected_result == "Hội đồng trường họp đủ các kỳ theo quy chế. Có biên bản lưu đầy đủ"
    assert wrapped.solutions == "Rà soát quy chế Lập lịch họp định kỳ"
    sentences = [rows[0], ["Tiêu chí 1.2", "Họp đủ các kỳ.\nCó biên bản;\n- Lưu hồ sơ", "", "", ""]]
    assert table.build_items(sentences, Document())[0].expected_result == (
        "Họp đủ các kỳ.\nCó biên bản;\n- Lưu hồ sơ"
    )
