"""Every rule of the plan checker as data: id, severity, what it finds, why it matters, how to fix.

`docs/rules.md` is generated from this table (`python -m caitien.checks.rules > docs/rules.md`),
and a test keeps the two in sync with the rules the engine actually runs.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_LABELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Gợi ý"}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" | "warning" | "info"
    what: str
    why: str
    fix: str


_RULES = [
    # The regulation and the document as a whole.
    Rule(
        "regulation-assumed",
        "info",
        "Kế hoạch không ghi rõ văn bản quy định áp dụng (hoặc ghi không khớp cấp học), bộ kiểm tra phải tự suy ra.",
        "Mã tiêu chí, tên tiêu chuẩn và mẫu kế hoạch khác nhau giữa các thông tư.",
        "Ghi rõ thông tư kiểm định áp dụng trong phần Căn cứ.",
    ),
    Rule(
        "circular-level-mismatch",
        "error",
        "Thông tư kiểm định được trích dẫn không dành cho cấp học của trường, hoặc được ghi kèm tên, phạm vi của thông tư khác.",
        "Trích sai thông tư là lỗi dễ thấy nhất khi Phòng GDĐT đọc kế hoạch, và kéo theo sai mã tiêu chí.",
        "Trích đúng thông tư của cấp học (tiểu học: 17/2018; THCS, THPT, nhiều cấp học: 18/2018; mầm non: 19/2018) với đúng tên gọi.",
    ),
    Rule(
        "guidance-number",
        "error",
        "Số Công văn hướng dẫn tự đánh giá, đánh giá ngoài bị ghi sai (ví dụ 5923 thay cho 5932) hoặc dùng công văn của cấp học khác.",
        "Căn cứ sai số văn bản làm kế hoạch thiếu tin cậy.",
        "Ghi Công văn số 5932/BGDĐT-QLCL (phổ thông) hoặc 5942/BGDĐT-QLCL (mầm non) ngày 28/12/2018.",
    ),
    Rule(
        "standard-name-mismatch",
        "warning",
        "Tên một tiêu chuẩn trong bảng là tên của thông tư hoặc cấp học khác (ví dụ tên Tiêu chuẩn 5 của mầm non trong kế hoạch tiểu học).",
        "Cho thấy kế hoạch được sao chép từ mẫu của trường khác mà chưa sửa.",
        "Ghi đúng tên tiêu chuẩn theo thông tư áp dụng.",
    ),
    Rule(
        "period-missing",
        "warning",
        "Không xác định được năm học hoặc giai đoạn của kế hoạch.",
        "Không có thời kỳ thì không thể theo dõi, đánh giá việc thực hiện.",
        "Ghi rõ năm học (ví dụ “năm học 2024 - 2025”) hoặc giai đoạn trong tên kế hoạch.",
    ),
    Rule(
        "period-mismatch",
        "error",
        "Các năm ghi ở tên kế hoạch, câu kết, phần căn cứ, ngày ban hành hoặc các dòng kế hoạch không thống nhất.",
        "Năm học ghi lệch là dấu hiệu sao chép kế hoạch cũ; người đọc không biết kế hoạch áp dụng cho năm nào.",
        "Sửa cho mọi chỗ cùng ghi một năm học (giai đoạn).",
    ),
    Rule(
        "document-number-format",
        "warning",
        "Thiếu số văn bản hoặc số không đúng dạng “Số: 67/KH-TVT” (số/KH-tên viết tắt của trường).",
        "Văn bản hành chính phải có số, ký hiệu đúng thể thức.",
        "Ghi số theo sổ văn bản của trường, dạng “Số: …/KH-…”.",
    ),
    Rule(
        "date-format",
        "warning",
        "Thiếu hoặc sai địa danh, ngày tháng ban hành.",
        "Ngày ban hành cho biết kế hoạch có được lập kịp đầu năm học không.",
        "Ghi “<địa danh>, ngày … tháng … năm …” dưới quốc hiệu.",
    ),
    Rule(
        "missing-section",
        "error",
        "Thiếu một phần bắt buộc của mẫu kế hoạch (mục đích yêu cầu, căn cứ, nội dung, tổ chức thực hiện…), nơi nhận hoặc người ký.",
        "Mẫu kế hoạch quy định các phần này; thiếu phần nào thì kế hoạch chưa đủ để triển khai.",
        "Bổ sung phần còn thiếu theo mẫu.",
    ),
    Rule(
        "sections-unknown",
        "info",
        "Tệp không có nội dung các phần của kế hoạch (chỉ có bảng), nên chưa kiểm tra được các phần bắt buộc.",
        "Nhiều lỗi (căn cứ sai, câu kết sai năm) chỉ thấy được trong các phần này.",
        "Kiểm tra từ tệp kế hoạch đầy đủ (.docx, .pdf) thay vì chỉ bảng.",
    ),
    Rule(
        "signer-incomplete",
        "warning",
        "Phần người ký thiếu chức danh hoặc họ tên.",
        "Kế hoạch phải do Hiệu trưởng ký, ghi rõ chức danh và họ tên.",
        "Ghi “HIỆU TRƯỞNG” và họ tên người ký.",
    ),
    Rule(
        "recipient-office-missing",
        "warning",
        "Nơi nhận không có Phòng (Sở) GDĐT.",
        "Kế hoạch cải tiến phải gửi cơ quan quản lý để báo cáo và theo dõi.",
        "Thêm “Phòng GDĐT (để báo cáo)” vào nơi nhận.",
    ),
    Rule(
        "no-items",
        "error",
        "Kế hoạch không có dòng cải tiến nào.",
        "Không có nội dung cải tiến thì kế hoạch không thực hiện được.",
        "Bổ sung bảng nội dung cải tiến, mỗi dòng một tiêu chí (vấn đề) cần cải tiến.",
    ),
    # Criteria and levels.
    Rule(
        "unknown-criterion",
        "error",
        "Mã tiêu chí không có trong thông tư áp dụng cho cấp học của trường.",
        "Mã tiêu chí sai làm dòng kế hoạch không gắn được với kết quả tự đánh giá.",
        "Sửa mã tiêu chí theo đúng danh mục tiêu chí của thông tư.",
    ),
    Rule(
        "missing-criterion",
        "error",
        "Dòng kế hoạch chỉ ghi tiêu chuẩn, không ghi tiêu chí, trong khi mẫu kế hoạch 2018 yêu cầu mỗi dòng một tiêu chí.",
        "Kế hoạch phải bám sát kết quả tự đánh giá từng tiêu chí.",
        "Ghi tiêu chí cụ thể (ví dụ “Tiêu chí 3.2”) cho dòng này.",
    ),
    Rule(
        "duplicate-criterion",
        "warning",
        "Cùng một tiêu chí xuất hiện ở nhiều dòng.",
        "Thường là gõ nhầm mã tiêu chí; nếu cố ý thì nên gộp để dễ theo dõi.",
        "Kiểm tra lại mã tiêu chí của dòng sau; nếu đúng là cùng tiêu chí thì gộp hai dòng.",
    ),
    Rule(
        "criterion-content-mismatch",
        "warning",
        "Nội dung dòng kế hoạch khớp với một tiêu chí khác rõ hơn so với tiêu chí đang ghi.",
        "Dòng ghi nhầm tiêu chí thì tiêu chí thật sự yếu vẫn không được cải tiến.",
        "Đối chiếu nội dung với chỉ báo của tiêu chí; sửa mã tiêu chí hoặc viết lại nội dung.",
    ),
    Rule(
        "level-invalid",
        "error",
        "Mức hướng tới của dòng không phải là một mức hợp lệ của thông tư (ví dụ Mức 4 theo Thông tư 57/2026).",
        "Mức không tồn tại thì không đánh giá được dòng đã đạt hay chưa.",
        "Ghi mức từ 1 đến mức cao nhất của thông tư.",
    ),
    Rule(
        "level-not-in-criterion",
        "error",
        "Tiêu chí không có yêu cầu ở mức mà dòng hướng tới (ví dụ tiêu chí chỉ có Mức 1, 2 nhưng dòng ghi Mức 3).",
        "Không có chỉ báo ở mức đó nên mục tiêu của dòng không có căn cứ.",
        "Chọn mức có trong tiêu chí, hoặc ghi mục tiêu theo chỉ báo của mức cao nhất.",
    ),
    Rule(
        "level-content-mismatch",
        "warning",
        "Dòng ghi một mức nhưng nội dung nhắm tới chỉ báo của mức cao hơn (ví dụ ghi Mức 2 nhưng hướng tới 6m²/học sinh là chỉ báo Mức 3).",
        "Mức ghi sai làm lệch mục tiêu và kết quả tự đánh giá năm sau.",
        "Sửa mức hướng tới cho khớp chỉ báo, hoặc tách thành hai dòng.",
    ),
    # Time.
    Rule(
        "time-outside-period",
        "warning",
        "Thời gian của dòng nằm ngoài năm học (giai đoạn) của kế hoạch.",
        "Việc làm ngoài thời kỳ kế hoạch sẽ không được theo dõi, đánh giá cùng kế hoạch.",
        "Sửa thời gian cho nằm trong năm học, hoặc đưa việc đó vào kế hoạch năm sau.",
    ),
    Rule(
        "time-before-plan-date",
        "warning",
        "Dòng bắt đầu trước ngày ban hành kế hoạch.",
        "Kế hoạch không thể giao việc cho thời gian đã qua.",
        "Sửa thời gian bắt đầu từ sau ngày ban hành, hoặc ghi rõ đây là việc đang làm tiếp.",
    ),
    Rule(
        "time-reversed",
        "error",
        "Thời gian kết thúc của dòng trước thời gian bắt đầu.",
        "Mốc thời gian sai thì không theo dõi được tiến độ.",
        "Sửa lại mốc bắt đầu, kết thúc.",
    ),
    Rule(
        "time-note-conflict",
        "warning",
        "Thời gian của dòng chỉ là một tháng nhưng ghi chú (hoặc cột khác) nói việc làm xuyên suốt năm học.",
        "Hai chỗ mâu thuẫn thì Tổ giám sát không biết kiểm tra vào lúc nào.",
        "Ghi thời gian bắt đầu và kết thúc cho khớp (ví dụ “Tháng 9/2024 đến tháng 5/2025”).",
    ),
    Rule(
        "time-unparsed",
        "warning",
        "Không hiểu được thời gian ghi ở dòng (không ra được tháng, năm cụ thể).",
        "Không có mốc thời gian cụ thể thì Tổ giám sát không biết khi nào kiểm tra.",
        "Ghi thời gian dạng “Tháng 10/2024”, “Học kỳ I năm học 2024 - 2025”, “Tháng 9/2024 đến tháng 5/2025”.",
    ),
    Rule(
        "time-invalid",
        "error",
        "Thời gian ghi sai: tháng không có (tháng 0, tháng 13), quý không có (quý V), ngày không có trong lịch (30/02), hoặc kết thúc trước khi bắt đầu.",
        "Bộ đọc không đoán thời gian sai, nên dòng không có mốc để theo dõi.",
        "Sửa lại tháng, quý, ngày cho đúng; ghi mốc bắt đầu trước mốc kết thúc.",
    ),
    Rule(
        "missing-time",
        "error",
        "Dòng không có thời gian thực hiện, hoàn thành.",
        "Dòng không có thời hạn thì không theo dõi được.",
        "Ghi thời gian bắt đầu và hoàn thành.",
    ),
    # Content of the rows.
    Rule(
        "missing-expected-result",
        "error",
        "Dòng không có kết quả cần đạt (mục tiêu cải tiến).",
        "Không có kết quả cần đạt thì cuối năm không biết đã cải tiến được chưa.",
        "Ghi kết quả đo được so với hiện trạng (ví dụ “100% giáo viên đạt chuẩn trình độ đào tạo”).",
    ),
    Rule(
        "missing-solutions",
        "error",
        "Dòng không có công việc, giải pháp.",
        "Không có giải pháp thì không ai biết phải làm gì.",
        "Ghi các việc cụ thể cần làm.",
    ),
    Rule(
        "missing-lead",
        "error",
        "Dòng không ghi người (bộ phận) chủ trì.",
        "Việc không có người chịu trách nhiệm sẽ không được làm.",
        "Ghi người chủ trì và người phối hợp.",
    ),
    Rule(
        "lead-not-accountable",
        "warning",
        "Người chủ trì chỉ ghi chung chung (“Toàn trường”, “Tập thể sư phạm”, “CB-GV-NV”), không có người chịu trách nhiệm.",
        "Giao cho tất cả là không giao cho ai.",
        "Ghi một người hoặc bộ phận chủ trì (Hiệu trưởng, Phó Hiệu trưởng, Tổ trưởng…), các bộ phận khác phối hợp.",
    ),
    Rule(
        "missing-indicator",
        "error",
        "Dòng không có chỉ số đánh giá kết quả (mẫu kế hoạch Thông tư 57/2026).",
        "Mẫu số 2 yêu cầu chỉ số đo được để đánh giá mức độ thực hiện.",
        "Ghi chỉ số đo được (tỷ lệ, số lượng, sản phẩm).",
    ),
    Rule(
        "evidence-code-format",
        "warning",
        "Mã minh chứng dự kiến không đúng dạng mã của thông tư áp dụng.",
        "Mã minh chứng sai dạng thì không tra được trong danh mục minh chứng.",
        "Ghi mã theo dạng của thông tư (2018: [H1-1.1-01]; 57/2026: MC.1.1.01).",
    ),
    Rule(
        "status-value",
        "warning",
        "Mức độ thực hiện ghi khác các giá trị của mẫu (Hoàn thành, Đang thực hiện, Chưa hoàn thành).",
        "Giá trị thống nhất thì mới tổng hợp được tiến độ.",
        "Chọn một trong các giá trị của mẫu.",
    ),
    # Budget.
    Rule(
        "budget-unparsed",
        "warning",
        "Kinh phí có ghi số nhưng không đọc được số tiền.",
        "Không đọc được số tiền thì không tổng hợp, đối chiếu được dự toán.",
        "Ghi số tiền dạng “3.000.000 đồng” hoặc “7 triệu đồng”.",
    ),
    Rule(
        "budget-invalid",
        "warning",
        "Kinh phí ghi sai: số tiền âm, lớn bất thường (hơn 100 tỷ đồng một dòng), ghi một khoảng thay vì một số, hoặc các khoản thành phần cộng lại khác tổng.",
        "Số tiền sai làm tổng kinh phí của kế hoạch sai theo; khoản sai không được cộng vào tổng.",
        "Ghi một số tiền dự kiến cụ thể; khi ghi tổng kèm các khoản, kiểm tra các khoản cộng lại đúng bằng tổng.",
    ),
    Rule(
        "budget-suspicious",
        "warning",
        "Số tiền quá nhỏ so với việc phải làm (ví dụ 350.000 đồng để sửa hàng rào), có thể thiếu chữ số.",
        "Dự toán sai làm kế hoạch không thực hiện được hoặc bị trả lại.",
        "Kiểm tra lại số tiền.",
    ),
    Rule(
        "budget-total",
        "info",
        "Tổng kinh phí dự kiến theo tiêu chuẩn và theo nguồn.",
        "Giúp Hiệu trưởng và kế toán đối chiếu với dự toán của trường.",
        "Không cần sửa; đối chiếu với dự toán.",
    ),
    # The writing.
    Rule(
        "repeated-words",
        "info",
        "Một chữ bị gõ lặp (“qua qua”, “của của”).",
        "Lỗi gõ làm văn bản hành chính kém trang trọng.",
        "Bỏ chữ thừa.",
    ),
    Rule(
        "misplaced-diacritics",
        "info",
        "Chữ bị đặt dấu sai chỗ (“gia điǹh”, “xã hôị”), thường do gõ hoặc chuyển phông chữ lỗi.",
        "Chữ sai dấu khó đọc, khó tìm kiếm và trông cẩu thả.",
        "Gõ lại các chữ này với dấu thanh đặt trên nguyên âm.",
    ),
    Rule(
        "misspelling",
        "info",
        "Lỗi chính tả thường gặp trong văn bản nhà trường (“nghiêm yết” thay cho “niêm yết”, “đẩy đủ” thay cho “đầy đủ”).",
        "Kế hoạch được công khai; lỗi chính tả làm giảm uy tín của nhà trường.",
        "Sửa theo cách viết đúng được gợi ý.",
    ),
    Rule(
        "level-wording",
        "info",
        "Kế hoạch của trường mầm non nhưng gọi trẻ là “học sinh”, “cha mẹ học sinh”.",
        "Thường do chép kế hoạch của trường phổ thông; cũng có thể là cấp học bị xác định sai.",
        "Dùng “trẻ”, “cha mẹ trẻ”; kiểm tra lại cấp học và thông tư áp dụng.",
    ),
    # What the self-assessment says (saved plans).
    Rule(
        "level-not-above-current",
        "warning",
        "Dòng hướng tới một mức mà tiêu chí đã đạt theo kết quả tự đánh giá.",
        "Cải tiến phải nâng mức hoặc khắc phục điểm yếu, không lặp lại điều đã đạt.",
        "Nâng mức hướng tới hoặc ghi rõ việc duy trì ở phần ghi chú.",
    ),
    Rule(
        "weakness-not-covered",
        "warning",
        "Một điểm yếu trong tự đánh giá, hoặc một tiêu chí chưa đạt mức trường hướng tới, không có dòng cải tiến nào.",
        "Kế hoạch cải tiến phải bám sát kết quả tự đánh giá.",
        "Thêm dòng cải tiến cho tiêu chí này.",
    ),
    # The evidence register (danh mục minh chứng) behind a saved plan.
    Rule(
        "evidence-code-unknown",
        "warning",
        "Một mã minh chứng ghi trong cột minh chứng dự kiến hoặc ghi chú của một dòng không có trong danh mục minh chứng của trường cho các năm học của kế hoạch (khi trường đã lập danh mục trên Cải Tiến).",
        "Mã không có trong danh mục thì không ai tìm được minh chứng, và đoàn đánh giá coi như nhận định thiếu minh chứng.",
        "Thêm minh chứng vào danh mục (mã được cấp theo tiêu chí), hoặc sửa mã trong dòng cho đúng mã đã có.",
    ),
    Rule(
        "evidence-code-duplicate",
        "warning",
        "Một mã minh chứng được dòng kế hoạch trích dẫn nhưng trỏ tới hai minh chứng khác nhau (cùng mã ở hai năm học của kế hoạch), hoặc một minh chứng được trích dẫn có trùng tên và số, ngày ban hành với một minh chứng khác mang mã khác.",
        "Mỗi minh chứng chỉ có một mã (dùng chung cho nhiều tiêu chí); một văn bản vào danh mục hai lần, hay một mã chỉ hai văn bản, làm người đọc không biết minh chứng nào được trích.",
        "Giữ một mục cho mỗi văn bản: xóa mục thừa và dùng mã còn lại (gắn thêm tiêu chí nếu dùng chung); với kế hoạch nhiều năm, ghi rõ năm học của minh chứng.",
    ),
    Rule(
        "mandatory-criterion-at-risk",
        "error",
        "Một tiêu chí bắt buộc (Thông tư 57/2026) chưa đạt Mức 1 mà kế hoạch không có dòng cải tiến.",
        "Chỉ một tiêu chí bắt buộc chưa đạt là trường không đạt Mức 1.",
        "Ưu tiên thêm dòng cải tiến cho tiêu chí bắt buộc này.",
    ),
    # Carrying out the published plan (saved plans in execution).
    Rule(
        "task-overdue",
        "warning",
        "Một việc của dòng kế hoạch đã quá hạn hoàn thành mà chưa hoàn thành (cũng chưa ghi nhận không thực hiện được).",
        "Việc quá hạn không ai cập nhật là dấu hiệu kế hoạch chỉ nằm trên giấy; tổ giám sát cần biết để nhắc, hỗ trợ.",
        "Cập nhật tiến độ của việc, gia hạn (sửa hạn trong thời gian của dòng) hoặc ghi nhận không thực hiện được kèm lý do.",
    ),
    Rule(
        "row-ended-without-status",
        "warning",
        "Dòng kế hoạch đã qua tháng kết thúc mà chưa ghi nhận trạng thái nào (không có việc, không có cập nhật tiến độ).",
        "Kết quả từng dòng là căn cứ của lần giám sát nội bộ, báo cáo cuối năm và kế hoạch năm sau.",
        "Ghi nhận trạng thái của dòng: hoàn thành, đang thực hiện hoặc không thực hiện được (kèm lý do).",
    ),
    Rule(
        "task-outside-row-time",
        "warning",
        "Ngày bắt đầu hoặc hạn hoàn thành của một việc nằm ngoài thời gian thực hiện của dòng kế hoạch (thường do kế hoạch đã điều chỉnh thời gian).",
        "Việc phải nằm trong thời gian đã ký của dòng; lệch thời gian làm kết quả giám sát sai lệch.",
        "Sửa ngày của việc cho nằm trong thời gian của dòng, hoặc điều chỉnh kế hoạch nếu thời gian thực hiện thay đổi.",
    ),
    Rule(
        "spent-over-planned",
        "warning",
        "Tổng kinh phí đã chi ghi trong các cập nhật tiến độ của một dòng vượt kinh phí dự kiến của dòng.",
        "Chi vượt dự toán cần được giải trình và phê duyệt; Phòng GDĐT đối chiếu kinh phí khi tổng hợp.",
        "Kiểm tra lại số tiền đã chi; nếu đúng, điều chỉnh kế hoạch để ghi kinh phí và nguồn bổ sung.",
    ),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


def rules_markdown() -> str:
    """docs/rules.md: every rule, in the order the checker reports them."""
    lines = [
        "# Các quy tắc kiểm tra kế hoạch",
        "",
        "Bảng này được sinh từ `caitien/checks/rules.py` (`python -m caitien.checks.rules > docs/rules.md`).",
        "Mức độ: **Lỗi** phải sửa trước khi ban hành; **Cảnh báo** nên xem lại; **Gợi ý** để tham khảo.",
        "",
    ]
    for rule in _RULES:
        lines += [
            f"## `{rule.id}` — {SEVERITY_LABELS[rule.severity]}",
            "",
            f"- **Phát hiện:** {rule.what}",
            f"- **Vì sao:** {rule.why}",
            f"- **Cách sửa:** {rule.fix}",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(rules_markdown(), end="")
