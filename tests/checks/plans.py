"""Invented plans for the checker tests: a clean primary-school plan (Thông tư 17/2018) and a
clean plan in the 57/2026 form. Each test spoils one thing and expects the matching finding."""

from caitien.planfile.model import Amount, Document, Item, MonitoringEntry, PriorityIssue, Signer

LEGAL_BASES_2018 = (
    "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy định "
    "về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường tiểu học; "
    "Căn cứ Công văn số 5932/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn tự đánh giá "
    "và đánh giá ngoài cơ sở giáo dục phổ thông; "
    "Căn cứ kết quả thực hiện kế hoạch cải tiến năm học 2023 - 2024 và Báo cáo tự đánh giá năm 2023 của trường."
)


def good_doc(**changes) -> Document:
    doc = Document(
        source="ke-hoach-song-may.docx",
        governing_body="UBND huyện Phú Giáo",
        school="Trường Tiểu học Sông Mây",
        school_level="tieu_hoc",
        circular="17/2018/TT-BGDĐT",
        document_number="45/KH-THSM",
        place="Sông Mây",
        date="2024-09-20",
        title="Kế hoạch cải tiến chất lượng giáo dục năm học 2024 - 2025",
        period={"start_year": 2024, "end_year": 2025},
        signer=Signer(title="HIỆU TRƯỞNG", name="Lê Thị Hoa"),
        recipients=["Phòng GDĐT (để báo cáo)", "Hội đồng tự đánh giá", "Lưu: VT"],
        sections={
            "purposes": "Khắc phục các điểm yếu đã nêu trong báo cáo tự đánh giá, duy trì các điểm mạnh.",
            "legal_bases": LEGAL_BASES_2018,
            "organisation": "Hiệu trưởng chỉ đạo chung; tổ giám sát kiểm tra tiến độ mỗi học kỳ.",
        },
        standard_headings={"1": "Tổ chức và quản lý nhà trường", "3": "Cơ sở vật chất và thiết bị dạy học"},
        closing_text="Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2024 - 2025 của Trường Tiểu học Sông Mây.",
        items=[
            Item(
                criterion="1.4",
                expected_result="Tổ chuyên môn sinh hoạt theo nghiên cứu bài học hai lần mỗi tháng",
                solutions="Xây dựng lịch sinh hoạt chuyên môn; dự giờ, góp ý theo nghiên cứu bài học",
                lead="Phó hiệu trưởng; tổ trưởng chuyên môn",
                time_text="Tháng 10/2024 đến tháng 5/2025",
                start="2024-10",
                end="2025-05",
            ),
            Item(
                criterion="3.4",
                expected_result="Sửa chữa khu vệ sinh của học sinh khối 1, đủ nước sạch",
                solutions="Khảo sát, lập dự toán; thuê đơn vị thi công sửa chữa",
                lead="Hiệu trưởng, kế toán",
                time_text="Học kỳ I năm học 2024 - 2025",
                start="2024-09",
                end="2024-12",
                budget_text="40.000.000 đồng",
                budget_amounts=[Amount(vnd=40_000_000)],
                funding_source="Ngân sách",
            ),
            Item(
                criterion="3.6",
                expected_result="Bổ sung 200 đầu sách thiếu nhi cho thư viện",
                solutions="Lấy ý kiến giáo viên, học sinh về sách cần mua; vận động cha mẹ học sinh tặng sách",
                lead="Nhân viên thư viện; giáo viên chủ nhiệm",
                time_text="Tháng 11/2024",
                start="2024-11",
                end="2024-11",
                budget_text="15 triệu đồng",
                budget_amounts=[Amount(vnd=15_000_000)],
                funding_source="Xã hội hóa",
            ),
        ],
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def good_57_doc(**changes) -> Document:
    doc = good_doc(
        regulation="tt57-2026-pl2",
        circular="57/2026/TT-BGDĐT",
        date="2026-09-15",
        document_number="12/KH-THSM",
        title="Kế hoạch cải tiến chất lượng giáo dục năm học 2026 - 2027",
        period={"start_year": 2026, "end_year": 2027},
        closing_text="Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2026 - 2027.",
        standard_headings={"2": "Phát triển đội ngũ"},
        sections={
            "general_info": "Trường có 24 lớp, 980 học sinh, 41 giáo viên.",
            "legal_bases": "Căn cứ Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ trưởng Bộ Giáo dục và Đào tạo.",
            "purposes": "Tập trung vào các vấn đề trọng tâm đã nêu trong báo cáo tự đánh giá.",
            "organisation": "Hiệu trưởng chỉ đạo chung; tổ giám sát kiểm tra mỗi học kỳ.",
            "review_mechanism": "Rà soát cuối học kỳ I và cuối năm học, báo cáo Phòng GDĐT.",
        },
        priority_issues=[
            PriorityIssue(
                standard=2,
                criteria="2.2",
                current_state="Còn 2 giáo viên chưa đạt chuẩn",
                limitation="Thiếu giáo viên Tin học",
                cause="Chưa tuyển được",
            )
        ],
        monitoring=[MonitoringEntry(moment="Cuối học kỳ I", content="Tiến độ bồi dưỡng giáo viên")],
        items=[
            Item(
                criterion="2.2",
                standard=2,
                issue="Trình độ đào tạo của giáo viên",
                expected_result="100% giáo viên đạt chuẩn trình độ đào tạo",
                solutions="Cử 2 giáo viên học nâng chuẩn; sắp xếp thời khóa biểu cho giáo viên đi học",
                indicator="Số giáo viên đạt chuẩn trình độ đào tạo / tổng số giáo viên",
                lead="Hiệu trưởng; tổ trưởng chuyên môn",
                time_text="Tháng 10/2026 đến tháng 5/2027",
                start="2026-10",
                end="2027-05",
                budget_text="Ngân sách nhà nước",
                expected_evidence="MC.2.2.01 Quyết định cử giáo viên đi học",
                status="Đang thực hiện",
            ),
        ],
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc
