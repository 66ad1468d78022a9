"""Invented plan-row texts for generated schools (the province generator and the demo).

Rows are grouped by theme; each theme has a few ways of writing the same solution, so that across a
thousand schools alike solutions recur with small differences in wording, as they do in real plans.
Some solutions ask the office or the district people's committee for what the school cannot do
alone ("tham mưu", "đề nghị", "đề xuất UBND"): those are the rows the escalation suggestion finds.
"""

from __future__ import annotations

# The theme of each standard, by regulation generation and standard number.
THEME_OF_STANDARD = {
    ("2018", 1): "management",
    ("2018", 2): "staff",
    ("2018", 3): "facilities",
    ("2018", 4): "community",
    ("2018", 5): "teaching",
    ("2026", 1): "management",
    ("2026", 2): "staff",
    ("2026", 3): "teaching",
    ("2026", 4): "facilities",
}

# theme -> rows; each row: issue, expected result, solution variants, indicator, lead, coordinators,
# amount (đồng, 0 when none), funding source, escalation type when the solution asks a higher level.
THEMES: dict[str, list[dict]] = {
    "management": [
        {
            "issue": "Hồ sơ quản lý tài sản còn ghi chép thủ công, chưa dán mã thiết bị",
            "expected_result": "100% tài sản, thiết bị được dán mã và quản lý trên phần mềm",
            "solutions": [
                "Triển khai phần mềm quản lý tài sản; dán mã cho toàn bộ thiết bị; kiểm kê định kỳ mỗi học kỳ.",
                "Ứng dụng phần mềm quản lý tài sản, dán mã từng thiết bị và kiểm kê tài sản mỗi học kỳ.",
                "Dùng phần mềm quản lý tài sản; dán mã thiết bị, kiểm kê tài sản theo học kỳ.",
            ],
            "indicator": "Tỷ lệ thiết bị có mã và có trong phần mềm",
            "lead": "Kế toán",
            "coordinators": "Nhân viên thiết bị",
            "amount": 6_000_000,
            "funding": "Kinh phí chi thường xuyên",
            "escalation": "",
        },
        {
            "issue": "Kế hoạch năm học chưa cụ thể hóa thành kế hoạch tháng của các tổ",
            "expected_result": "Các tổ có kế hoạch tháng, được rà soát và điều chỉnh kịp thời",
            "solutions": [
                "Xây dựng kế hoạch tháng của từng tổ; họp rà soát đầu mỗi tháng; lưu hồ sơ theo dõi.",
                "Các tổ xây dựng kế hoạch tháng, rà soát đầu tháng và lưu hồ sơ theo dõi thực hiện.",
                "Lập kế hoạch tháng cho từng tổ chuyên môn, rà soát vào đầu tháng, lưu hồ sơ.",
            ],
            "indicator": "Số tổ có kế hoạch tháng được rà soát",
            "lead": "Phó Hiệu trưởng",
            "coordinators": "Tổ trưởng chuyên môn",
            "amount": 0,
            "funding": "",
            "escalation": "",
        },
        {
            "issue": "Công tác kiểm tra nội bộ chưa thường xuyên, chưa có kết luận sau kiểm tra",
            "expected_result": "Kiểm tra nội bộ đúng kế hoạch, 100% cuộc kiểm tra có biên bản và kết luận",
            "solutions": [
                "Kiện toàn Ban kiểm tra nội bộ; lập lịch kiểm tra theo tháng; thông báo kết luận sau mỗi cuộc kiểm tra.",
                "Kiện toàn Ban kiểm tra nội bộ, kiểm tra theo lịch hằng tháng và thông báo kết luận kiểm tra.",
            ],
            "indicator": "Tỷ lệ cuộc kiểm tra có biên bản, kết luận",
            "lead": "Hiệu trưởng",
            "coordinators": "Ban kiểm tra nội bộ",
            "amount": 0,
            "funding": "",
            "escalation": "",
        },
    ],
    "staff": [
        {
            "issue": "Tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức khá trở lên còn thấp",
            "expected_result": "Ít nhất 80% giáo viên đạt chuẩn nghề nghiệp mức khá trở lên",
            "solutions": [
                "Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học; dự giờ, góp ý mỗi tháng; cử giáo viên dự tập huấn.",
                "Sinh hoạt chuyên môn theo nghiên cứu bài học, dự giờ góp ý hằng tháng, cử giáo viên tham gia tập huấn.",
                "Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học; dự giờ và góp ý hằng tháng; tập huấn giáo viên.",
            ],
            "indicator": "Tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức khá trở lên",
            "lead": "Phó Hiệu trưởng",
            "coordinators": "Tổ trưởng chuyên môn",
            "amount": 10_000_000,
            "funding": "Kinh phí chi thường xuyên",
            "escalation": "",
        },
        {
            "issue": "Còn thiếu giáo viên Tiếng Anh và Tin học so với định mức",
            "expected_result": "Đủ giáo viên các môn theo định mức",
            "solutions": [
                "Tham mưu với Phòng GDĐT bổ sung biên chế giáo viên Tiếng Anh, Tin học; trong khi chờ, hợp đồng giáo viên thỉnh giảng.",
                "Đề nghị Phòng GDĐT bổ sung biên chế giáo viên Tiếng Anh và Tin học; tạm thời mời giáo viên thỉnh giảng.",
            ],
            "indicator": "Số giáo viên còn thiếu so với định mức",
            "lead": "Hiệu trưởng",
            "coordinators": "",
            "amount": 0,
            "funding": "",
            "escalation": "staffing",
        },
        {
            "issue": "Nhân viên văn phòng kiêm nhiệm nhiều việc, chưa được bồi dưỡng nghiệp vụ",
            "expected_result": "Nhân viên được bồi dưỡng nghiệp vụ, phân công rõ việc",
            "solutions": [
                "Phân công lại nhiệm vụ nhân viên; cử nhân viên dự lớp bồi dưỡng nghiệp vụ văn thư, thiết bị.",
                "Rà soát, phân công lại nhiệm vụ nhân viên và cử đi bồi dưỡng nghiệp vụ văn thư, thiết bị.",
            ],
            "indicator": "Số nhân viên được bồi dưỡng nghiệp vụ",
            "lead": "Hiệu trưởng",
            "coordinators": "Tổ trưởng tổ văn phòng",
            "amount": 4_000_000,
            "funding": "Kinh phí chi thường xuyên",
            "escalation": "",
        },
    ],
    "facilities": [
        {
            "issue": "Một số phòng học xuống cấp, thấm dột vào mùa mưa",
            "expected_result": "Các phòng học được sửa chữa, không còn thấm dột",
            "solutions": [
                "Tham mưu với UBND huyện đầu tư sửa chữa mái, chống thấm các phòng học xuống cấp.",
                "Đề xuất UBND huyện bố trí kinh phí sửa chữa mái và chống thấm phòng học.",
                "Kiến nghị cấp trên đầu tư sửa chữa, chống thấm các phòng học đã xuống cấp.",
            ],
            "indicator": "Số phòng học được sửa chữa",
            "lead": "Hiệu trưởng",
            "coordinators": "Kế toán",
            "amount": 350_000_000,
            "funding": "Ngân sách nhà nước",
            "escalation": "building",
        },
        {
            "issue": "Bàn ghế học sinh chưa đúng quy cách, một số bộ hư hỏng",
            "expected_result": "100% bàn ghế đúng quy cách, phù hợp lứa tuổi",
            "solutions": [
                "Rà soát, thanh lý bàn ghế hư hỏng; mua bổ sung bàn ghế đúng quy cách từ nguồn chi thường xuyên và xã hội hóa.",
                "Thanh lý bàn ghế hư hỏng, mua mới bàn ghế đúng quy cách bằng kinh phí chi thường xuyên và xã hội hóa.",
                "Thay thế bàn ghế hư hỏng bằng bàn ghế đúng quy cách (kinh phí chi thường xuyên, xã hội hóa).",
            ],
            "indicator": "Tỷ lệ bàn ghế đúng quy cách",
            "lead": "Kế toán",
            "coordinators": "Nhân viên thiết bị",
            "amount": 45_000_000,
            "funding": "Xã hội hóa",
            "escalation": "",
        },
        {
            "issue": "Diện tích sân chơi, bãi tập chưa đủ theo quy định",
            "expected_result": "Mở rộng sân chơi, bãi tập đạt diện tích tối thiểu",
            "solutions": [
                "Đề nghị UBND xã, UBND huyện bố trí quỹ đất liền kề để mở rộng sân chơi, bãi tập.",
                "Tham mưu với UBND huyện giao thêm đất liền kề để mở rộng khuôn viên, sân chơi.",
            ],
            "indicator": "Diện tích sân chơi, bãi tập (m²)",
            "lead": "Hiệu trưởng",
            "coordinators": "",
            "amount": 0,
            "funding": "",
            "escalation": "land",
        },
        {
            "issue": "Thiết bị dạy học tối thiểu còn thiếu, nhiều thiết bị đã cũ",
            "expected_result": "Đủ thiết bị dạy học tối thiểu theo danh mục",
            "solutions": [
                "Rà soát danh mục thiết bị; đề xuất Phòng GDĐT cấp bổ sung; giáo viên tự làm đồ dùng dạy học.",
                "Kiểm kê thiết bị theo danh mục tối thiểu, đề xuất cấp bổ sung và phát động làm đồ dùng dạy học.",
            ],
            "indicator": "Tỷ lệ thiết bị dạy học tối thiểu hiện có",
            "lead": "Nhân viên thiết bị",
            "coordinators": "Tổ trưởng chuyên môn",
            "amount": 120_000_000,
            "funding": "Ngân sách nhà nước",
            "escalation": "equipment",
        },
    ],
    "community": [
        {
            "issue": "Cha mẹ học sinh ít tham gia các hoạt động của nhà trường",
            "expected_result": "Ban đại diện cha mẹ học sinh hoạt động đều, phối hợp tốt với nhà trường",
            "solutions": [
                "Họp Ban đại diện cha mẹ học sinh mỗi học kỳ; lập nhóm Zalo từng lớp; mời cha mẹ dự các hoạt động trải nghiệm.",
                "Tổ chức họp Ban đại diện cha mẹ học sinh theo học kỳ, lập nhóm Zalo lớp và mời cha mẹ dự hoạt động.",
            ],
            "indicator": "Tỷ lệ cha mẹ dự họp, dự hoạt động",
            "lead": "GVCN",
            "coordinators": "Ban đại diện cha mẹ học sinh",
            "amount": 0,
            "funding": "",
            "escalation": "",
        },
        {
            "issue": "Trang thông tin điện tử của trường cập nhật chưa thường xuyên",
            "expected_result": "Trang thông tin cập nhật ít nhất hai tin mỗi tháng, công khai đủ nội dung",
            "solutions": [
                "Phân công người phụ trách trang thông tin; đăng tin hoạt động hằng tháng; công khai theo quy định.",
                "Giao người phụ trách trang thông tin điện tử, đăng tin hằng tháng và công khai đúng quy định.",
            ],
            "indicator": "Số tin bài đăng mỗi tháng",
            "lead": "Phó Hiệu trưởng",
            "coordinators": "Văn thư",
            "amount": 2_000_000,
            "funding": "Kinh phí chi thường xuyên",
            "escalation": "",
        },
    ],
    "teaching": [
        {
            "issue": "Tỷ lệ học sinh đọc, viết chưa thành thạo ở khối lớp đầu cấp còn cao",
            "expected_result": "Giảm tỷ lệ học sinh đọc, viết chưa thành thạo xuống dưới 3%",
            "solutions": [
                "Phụ đạo học sinh chưa thành thạo theo nhóm nhỏ; phối hợp cha mẹ kèm đọc ở nhà; kiểm tra định kỳ hằng tháng.",
                "Phụ đạo theo nhóm nhỏ cho học sinh đọc, viết chưa thành thạo, phối hợp cha mẹ kèm đọc, kiểm tra hằng tháng.",
                "Tổ chức phụ đạo nhóm nhỏ, cha mẹ kèm đọc tại nhà và kiểm tra hằng tháng.",
            ],
            "indicator": "Tỷ lệ học sinh đọc, viết chưa thành thạo",
            "lead": "Tổ trưởng chuyên môn",
            "coordinators": "GVCN",
            "amount": 3_000_000,
            "funding": "Kinh phí chi thường xuyên",
            "escalation": "",
        },
        {
            "issue": "Hoạt động trải nghiệm chưa phong phú, ít gắn với địa phương",
            "expected_result": "Mỗi khối có ít nhất hai hoạt động trải nghiệm gắn với địa phương mỗi năm",
            "solutions": [
                "Xây dựng kế hoạch hoạt động trải nghiệm theo chủ đề địa phương; phối hợp Đoàn, Đội tổ chức mỗi học kỳ.",
                "Lập kế hoạch trải nghiệm theo chủ đề địa phương, phối hợp Đoàn, Đội tổ chức mỗi học kỳ.",
            ],
            "indicator": "Số hoạt động trải nghiệm đã tổ chức",
            "lead": "Tổng phụ trách Đội",
            "coordinators": "GVCN",
            "amount": 15_000_000,
            "funding": "Xã hội hóa",
            "escalation": "",
        },
        {
            "issue": "Ứng dụng công nghệ thông tin trong dạy học chưa đồng đều",
            "expected_result": "100% giáo viên dùng bài giảng điện tử và học liệu số",
            "solutions": [
                "Bồi dưỡng giáo viên soạn bài giảng điện tử; xây dựng kho học liệu số dùng chung; đề nghị cấp trên trang bị máy chiếu.",
                "Tập huấn soạn bài giảng điện tử, xây dựng kho học liệu số dùng chung và đề nghị trang bị thêm máy chiếu.",
            ],
            "indicator": "Tỷ lệ giáo viên dùng bài giảng điện tử",
            "lead": "Phó Hiệu trưởng",
            "coordinators": "Tổ trưởng chuyên môn",
            "amount": 80_000_000,
            "funding": "Ngân sách nhà nước",
            "escalation": "equipment",
        },
    ],
}

WEAKNESSES = {
    "management": "Hồ sơ quản lý còn ghi chép thủ công; kế hoạch các bộ phận chưa được rà soát thường xuyên.",
    "staff": "Tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức khá trở lên chưa cao; còn thiếu giáo viên một số môn.",
    "facilities": "Một số phòng học xuống cấp; thiết bị dạy học tối thiểu còn thiếu; sân chơi chưa đủ diện tích.",
    "community": "Việc phối hợp với cha mẹ học sinh chưa thường xuyên; trang thông tin cập nhật chậm.",
    "teaching": "Hoạt động trải nghiệm chưa phong phú; ứng dụng công nghệ thông tin chưa đồng đều.",
}

FUNDING_SOURCES = ("Ngân sách nhà nước", "Kinh phí chi thường xuyên", "Xã hội hóa")

PLACES = (
    "An Phú",
    "Bình Minh",
    "Tân Hòa",
    "Phước Long",
    "Long Thạnh",
    "Hòa Hiệp",
    "Thạnh Đức",
    "Mỹ Lộc",
    "Vĩnh Xuân",
    "Đông Hưng",
    "Tây Sơn",
    "Nam Định Hòa",
    "Hưng Thuận",
    "Lộc Ninh",
    "Tân Phong",
    "Cẩm Giang",
    "Phú Mỹ",
    "Suối Đá",
    "Bến Củi",
    "Trường Tây",
)

SCHOOL_NAMES = (
    "Lê Quý Đôn",
    "Nguyễn Du",
    "Trần Quốc Toản",
    "Hoa Sen",
    "Võ Thị Sáu",
    "Kim Đồng",
    "Nguyễn Trãi",
    "Hoa Phượng",
    "Lý Tự Trọng",
    "Chu Văn An",
    "Họa Mi",
    "Tuổi Thơ",
    "Phan Bội Châu",
    "Lê Lợi",
    "Sơn Ca",
    "Hùng Vương",
)

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh")
GIVEN_NAMES = (
    "Văn An",
    "Thị Bích",
    "Minh Châu",
    "Thị Dung",
    "Quốc Hùng",
    "Thị Lan",
    "Văn Minh",
    "Thị Ngọc",
    "Thanh Phong",
    "Thị Thu",
    "Hoàng Long",
    "Thị Hạnh",
)
