"""Invented plans for the writer tests: a 2018-form primary-school plan and a 57/2026-form lower
secondary plan. Every name, number and row is made up for these tests."""

from __future__ import annotations

from caitien.planfile.model import (
    Amount,
    Document,
    Item,
    MonitoringEntry,
    PriorityIssue,
    Signer,
)


def plan_2018() -> Document:
    return Document(
        source="",
        governing_body="UBND huyện Tân Châu",
        school="Trường Tiểu học Phước Hòa",
        school_level="tieu_hoc",
        circular="17/2018/TT-BGDĐT",
        regulation="tt17-2018",
        document_number="112/KH-THPH",
        place="Phước Hòa",
        date="2024-09-16",
        title="Cải tiến chất lượng giáo dục năm học 2024 - 2025",
        period={"start_year": 2024, "end_year": 2025},
        items=[
            Item(
                criterion="1.2",
                expected_result="Hội đồng trường hoạt động đúng quy chế, họp đủ các kỳ trong năm học",
                solutions="- Rà soát, bổ sung quy chế hoạt động của Hội đồng trường; - Lập lịch họp định kỳ và "
                "lưu biên bản đầy đủ.",
                lead="Hiệu trưởng, Thư ký Hội đồng trường",
                time_text="Tháng 10/2024",
                start="2024-10",
                end="2024-10",
                budget_text="Không có",
                budget_amounts=[],
                support="",
                notes="Thực hiện thường xuyên",
            ),
            Item(
                criterion="1.10",
                expected_result="Có phương án phòng cháy, chữa cháy và diễn tập ít nhất một lần mỗi năm",
                solutions="- Mời lực lượng phòng cháy địa phương hướng dẫn diễn tập; - Kiểm tra bình chữa "
                "cháy theo quý.",
                lead="Phó Hiệu trưởng, Tổng phụ trách Đội",
                time_text="Tháng 3/2025",
                start="2025-03",
                end="2025-03",
                budget_text="3.500.000 đồng",
                budget_amounts=[Amount(3500000)],
                support="Công an xã hỗ trợ chuyên môn",
                notes="",
            ),
            Item(
                criterion="2.2",
                expected_result="100% giáo viên hoàn thành bồi dưỡng thường xuyên, 80% đạt loại khá trở lên",
                solutions="- Xây dựng kế hoạch bồi dưỡng theo tổ; - Tổ chức chuyên đề mỗi tháng một lần.",
                lead="Phó Hiệu trưởng; tổ trưởng chuyên môn",
                time_text="Năm học 2024 - 2025",
                start="2024-09",
                end="2025-05",
                budget_text="6.000.000 đồng",
                budget_amounts=[Amount(6000000)],
                support="Ngân sách chi thường xuyên",
                notes="",
            ),
            Item(
                criterion="3.3",
                expected_result="Lát lại nền hai phòng học khu B, thay 20 bộ bàn ghế hỏng",
                solutions="- Khảo sát, lập dự toán; - Tham mưu UBND huyện bố trí kinh phí sửa chữa.",
                lead="Hiệu trưởng, Kế toán",
                time_text="Tháng 11/2024 đến tháng 01/2025",
                start="2024-11",
                end="2025-01",
                budget_text="45.000.000 đồng",
                budget_amounts=[Amount(45000000)],
                support="Ngân sách huyện, vận động xã hội hóa",
                notes="Kinh phí không thường xuyên",
            ),
            Item(
                criterion="4.1",
                expected_result="Ban đại diện cha mẹ học sinh họp đủ ba kỳ, có biên bản",
                solutions="Phối hợp với Ban đại diện cha mẹ học sinh xây dựng kế hoạch hoạt động năm học.",
                lead="Hiệu trưởng, giáo viên chủ nhiệm",
                time_text="Học kỳ I năm học 2024 - 2025",
                start="2024-09",
                end="2024-12",
                budget_text="",
                budget_amounts=[],
                support="Ban đại diện cha mẹ học sinh",
                notes="",
            ),
            Item(
                criterion="5.3",
                expected_result="Tỷ lệ học sinh hoàn thành chương trình lớp học đạt từ 98% trở lên",
                solutions="- Phụ đạo học sinh chưa hoàn thành vào chiều thứ Năm; - Thông báo kết quả học tập "
                "cho gia đình mỗi tháng.",
                lead="Giáo viên chủ nhiệm các lớp",
                time_text="Quý I/2025",
                start="2025-01",
                end="2025-03",
                budget_text="1.200.000 đồng/tháng",
                budget_amounts=[Amount(1200000, "month")],
                support="",
                notes="",
            ),
        ],
        signer=Signer(title="HIỆU TRƯỞNG", name="Lâm Thị Ngọc Hân"),
        recipients=[
            "Phòng GDĐT huyện Tân Châu (để báo cáo)",
            "Hội đồng trường",
            "Website nhà trường",
            "Lưu: VT",
        ],
        sections={
            "purposes": "1. Mục đích\n- Khắc phục các điểm yếu nêu trong báo cáo tự đánh giá năm 2024.\n"
            "2. Yêu cầu\n- Mỗi nội dung có người chủ trì và thời hạn hoàn thành.",
            "legal_bases": "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và "
            "Đào tạo;\nCăn cứ Báo cáo tự đánh giá của Trường Tiểu học Phước Hòa năm 2024;",
            "organisation": "1. Hiệu trưởng\n- Chỉ đạo chung, kiểm tra tiến độ hằng tháng.\n"
            "2. Tổ giám sát\n- Báo cáo kết quả vào cuối mỗi học kỳ.",
        },
        standard_headings={},
        closing_text="Trên đây là Kế hoạch cải tiến chất lượng giáo dục năm học 2024 - 2025 của Trường Tiểu học "
        "Phước Hòa.",
    )


def plan_57() -> Document:
    return Document(
        source="",
        governing_body="UBND xã Tân Lập",
        school="Trường THCS Tân Lập",
        school_level="thcs",
        circular="57/2026/TT-BGDĐT",
        regulation="tt57-2026-pl2",
        document_number="08/KH-THCSTL",
        place="Tân Lập",
        date="2026-09-21",
        title="Cải tiến chất lượng giáo dục năm học 2026 - 2027",
        period={"start_year": 2026, "end_year": 2027},
        items=[
            Item(
                criterion="1.3",
                standard=1,
                issue="Tiêu chí 1.3: Công tác tự đánh giá chưa gắn với cải tiến",
                expected_result="Kết quả tự đánh giá được dùng để lập và điều chỉnh kế hoạch hằng năm",
                solutions="- Tập huấn cách viết minh chứng cho thành viên Hội đồng; - Rà soát kế hoạch sau mỗi "
                "học kỳ.",
                indicator="100% thành viên Hội đồng được tập huấn; có 2 biên bản rà soát",
                lead="Hiệu trưởng",
                time_text="Tháng 10/2026",
                start="2026-10",
                end="2026-10",
                budget_text="Ngân sách nhà nước: 4.000.000 đồng",
                budget_amounts=[Amount(4000000)],
                expected_evidence="MC.1.3.02 Biên bản rà soát kế hoạch",
                status="Đang thực hiện",
            ),
            Item(
                criterion="2.1",
                standard=2,
                issue="Tiêu chí 2.1: Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo",
                expected_result="Thêm 3 giáo viên đạt chuẩn trình độ đại học",
                solutions="Cử giáo viên học nâng chuẩn theo lộ trình của tỉnh.",
                indicator="Số giáo viên có bằng đại học tăng từ 25 lên 28",
                lead="Phó Hiệu trưởng",
                time_text="Năm học 2026 - 2027",
                start="2026-09",
                end="2027-05",
                budget_text="Kinh phí cá nhân và hỗ trợ của tỉnh",
                budget_amounts=[],
                expected_evidence="MC.2.1.05 Danh sách giáo viên học nâng chuẩn",
                status="",
            ),
            Item(
                criterion="3.2",
                standard=3,
                issue="Tiêu chí 3.2: Đổi mới phương pháp dạy học",
                expected_result="Mỗi tổ chuyên môn có ít nhất 2 chuyên đề dạy học theo dự án",
                solutions="- Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học; - Dự giờ, góp ý sau mỗi "
                "chuyên đề.",
                indicator="8 chuyên đề được thực hiện và đánh giá",
                lead="Tổ trưởng chuyên môn",
                time_text="Học kỳ II năm học 2026 - 2027",
                start="2027-01",
                end="2027-05",
                budget_text="Ngân sách nhà nước: 10.000.000 đồng",
                budget_amounts=[Amount(10000000)],
                expected_evidence="MC.3.2.04 Kế hoạch và biên bản chuyên đề",
                status="",
            ),
        ],
        signer=Signer(title="HIỆU TRƯỞNG", name="Đặng Quốc Vinh"),
        recipients=["Phòng Văn hóa - Xã hội xã Tân Lập (để báo cáo)", "Sở GDĐT (để báo cáo)", "Lưu: VT"],
        sections={
            "general_info": "1. Tên cơ sở giáo dục: Trường THCS Tân Lập.\n2. Quy mô: 18 lớp, 702 học sinh.",
            "legal_bases": "Căn cứ Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ trưởng Bộ Giáo dục và "
            "Đào tạo;\nCăn cứ kết quả tự đánh giá năm học 2025 - 2026;",
            "purposes": "- Tập trung khắc phục ba vấn đề trọng tâm đã xác định.",
            "organisation": "- Hiệu trưởng chỉ đạo chung; các tổ chuyên môn triển khai.",
            "review_mechanism": "- Tổ giám sát đánh giá vào cuối học kỳ I và cuối năm học.",
        },
        priority_issues=[
            PriorityIssue(
                standard=1,
                criteria="1.3",
                current_state="Báo cáo tự đánh giá còn chung chung",
                limitation="Minh chứng chưa đủ",
                cause="Thành viên chưa được tập huấn",
            ),
            PriorityIssue(
                standard=2,
                criteria="2.1",
                current_state="25/31 giáo viên đạt chuẩn đại học",
                limitation="Còn 6 giáo viên chưa đạt chuẩn",
                cause="Thiếu kinh phí đi học",
            ),
        ],
        monitoring=[
            MonitoringEntry(
                moment="Cuối học kỳ I",
                content="Tiến độ tập huấn và chuyên đề",
                result="",
                adjustment="",
                assessor="Tổ giám sát",
            ),
            MonitoringEntry(
                moment="Cuối năm học",
                content="Mức độ đạt các chỉ số",
                result="",
                adjustment="",
                assessor="Hội đồng tự đánh giá",
            ),
        ],
        closing_text="",
    )


def plan_rows(n: int) -> Document:
    """A 2018-form plan with `n` rows, the six invented rows repeated over the criteria."""
    base = plan_2018()
    codes = [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "1.8",
        "1.9",
        "1.10",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
        "3.6",
        "4.1",
        "4.2",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
    ]
    items = []
    for k in range(n):
        src = base.items[k % len(base.items)]
        item = Item(**{**src.__dict__, "budget_amounts": list(src.budget_amounts), "doubtful": []})
        item.criterion = codes[k % len(codes)] if k < len(codes) else f"5.{k - len(codes) + 6}"
        items.append(item)
    base.items = items
    return base
