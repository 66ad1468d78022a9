"""Default section texts of a plan, per regulation and school level.

A new plan starts from these texts and the school edits them; a writer uses them for every section
the document leaves empty. Each text is a list of paragraphs joined with "\n"; a paragraph starting
with "- " is a bullet, one starting with "1. " (a digit and a dot) is a sub-heading.
"""

from __future__ import annotations

from caitien.catalog import registry

# The accreditation circulars of 2018, each amended by Thông tư 22/2024/TT-BGDĐT.
_CIRCULARS_2018 = {
    "17/2018/TT-BGDĐT": "trường tiểu học",
    "18/2018/TT-BGDĐT": "trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học",
    "19/2018/TT-BGDĐT": "trường mầm non",
}
_TT22 = (
    "Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024 của Bộ trưởng Bộ Giáo dục và Đào tạo sửa đổi, bổ sung "
    "một số điều của Quy định ban hành kèm theo các Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT và "
    "19/2018/TT-BGDĐT ngày 22/8/2018"
)
_TT57 = (
    "Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về bảo đảm "
    "chất lượng giáo dục đối với cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông, cơ sở giáo dục thường "
    "xuyên; công nhận đạt chuẩn quốc gia đối với trường mầm non và trường phổ thông"
)


def period_phrase(start_year: int | None, end_year: int | None) -> str:
    """'năm học 2025 - 2026' for one school year, 'giai đoạn 2022 - 2027' for several."""
    if not start_year or not end_year:
        return "năm học"
    if end_year - start_year <= 1:
        return f"năm học {start_year} - {end_year}"
    return f"giai đoạn {start_year} - {end_year}"


def default_sections(regulation, school_level, *, school_name, start_year, end_year) -> dict[str, str]:
    """The section texts a plan of `regulation` (a registry.Regulation) starts from, keyed as the
    regulation's plan form keys its sections."""
    school = school_name or "nhà trường"
    level = school_level or (regulation.school_levels[0] if regulation.school_levels else None)
    preschool = level == "mam_non"
    words = _Words(preschool)
    period = period_phrase(start_year, end_year)
    if regulation.plan_form.get("code") == "57-mau-2":
        return {
            "general_info": _general_info_57(regulation, level, school, period),
            "legal_bases": _legal_bases_57(school, period, words, start_year),
            "purposes": _purposes(school, period, words, new_form=True),
            "organisation": _organisation(words, new_form=True),
            "review_mechanism": _review_mechanism_57(words),
        }
    return {
        "purposes": _purposes(school, period, words, new_form=False),
        "legal_bases": _legal_bases_2018(regulation, school, period, words, start_year),
        "organisation": _organisation(words, new_form=False),
    }


class _Words:
    """Preschools speak of children (trẻ) and their parents (cha mẹ trẻ), schools of pupils."""

    def __init__(self, preschool: bool):
        self.learners = "trẻ" if preschool else "học sinh"
        self.parents = "cha mẹ trẻ" if preschool else "cha mẹ học sinh"
        self.work = "nuôi dưỡng, chăm sóc, giáo dục trẻ" if preschool else "dạy học và giáo dục"


def _lines(*paragraphs: str) -> str:
    return "\n".join(p for p in paragraphs if p)


def _purposes(school: str, period: str, w: _Words, *, new_form: bool) -> str:
    check = (
        "- Theo dõi, đánh giá việc thực hiện ít nhất hai lần trong năm học (cuối học kỳ I và cuối năm học), "
        "kịp thời điều chỉnh nội dung, giải pháp chưa phù hợp."
        if new_form
        else "- Định kỳ rà soát, đánh giá tiến độ thực hiện, kịp thời điều chỉnh nội dung, giải pháp chưa phù hợp."
    )
    return _lines(
        "1. Mục đích",
        f"- Khắc phục những điểm yếu, phát huy những điểm mạnh đã chỉ ra trong báo cáo tự đánh giá, từng bước "
        f"nâng cao chất lượng {w.work} của {school} trong {period}.",
        "- Làm căn cứ để nhà trường phân công nhiệm vụ, bố trí nguồn lực và theo dõi việc thực hiện; "
        "cán bộ, giáo viên, nhân viên nắm rõ việc cần làm, thời gian hoàn thành và người chịu trách nhiệm.",
        f"- Công khai để {w.parents}, chính quyền địa phương và cộng đồng biết, giám sát và cùng tham gia.",
        "2. Yêu cầu",
        "- Nội dung cải tiến bám sát kết quả tự đánh giá, phù hợp với điều kiện thực tế của nhà trường và địa phương.",
        "- Mỗi nội dung có kết quả cần đạt đo được, giải pháp cụ thể, người chủ trì, thời gian thực hiện và dự kiến "
        "kinh phí rõ ràng.",
        check,
        "- Những nội dung vượt quá khả năng của nhà trường được tham mưu kịp thời với cấp có thẩm quyền.",
    )


def _legal_bases_2018(regulation, school: str, period: str, w: _Words, start_year) -> str:
    code = regulation.code
    kind = _CIRCULARS_2018.get(code)
    if kind is None:  # a regulation of the 2018 form that is not one of the three circulars
        circular = f"Căn cứ {regulation.label} ({regulation.name});"
    else:
        circular = (
            f"Căn cứ Thông tư số {code} ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy định "
            f"về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với {kind}; {_TT22};"
        )
    if code == "19/2018/TT-BGDĐT":
        guidance = (
            "Căn cứ Công văn số 5942/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn "
            "tự đánh giá và đánh giá ngoài trường mầm non;"
        )
    else:
        guidance = (
            "Căn cứ Công văn số 5932/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn "
            "tự đánh giá và đánh giá ngoài cơ sở giáo dục phổ thông;"
        )
    return _lines(
        circular,
        guidance,
        f"Căn cứ Báo cáo tự đánh giá của {school} và kết quả đánh giá ngoài gần nhất (nếu có);",
        _last_year(start_year),
        f"Căn cứ tình hình thực tế của nhà trường, {school} xây dựng Kế hoạch cải tiến chất lượng giáo dục "
        f"{period} như sau:",
    )


def _last_year(start_year) -> str:
    if not start_year:
        return "Căn cứ kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục năm học trước;"
    return (
        "Căn cứ kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục năm học "
        f"{start_year - 1} - {start_year} và nhiệm vụ năm học của ngành;"
    )


def _legal_bases_57(school: str, period: str, w: _Words, start_year) -> str:
    return _lines(
        f"Căn cứ {_TT57};",
        f"Căn cứ kết quả tự đánh giá chất lượng giáo dục của {school} và kết quả đánh giá ngoài gần nhất (nếu có);",
        _last_year(start_year),
        f"Căn cứ tình hình thực tế của nhà trường, {school} xây dựng Kế hoạch cải tiến chất lượng giáo dục "
        f"{period} như sau:",
    )


def _general_info_57(regulation, level, school: str, period: str) -> str:
    level_name = registry.SCHOOL_LEVELS.get(level or "", "")
    return _lines(
        f"1. Tên cơ sở giáo dục: {school}.",
        f"2. Cấp học: {level_name}." if level_name else "",
        f"3. Thời gian thực hiện kế hoạch: {period}.",
        f"4. Bộ tiêu chuẩn áp dụng: {regulation.label}.",
        "5. Kế hoạch tập trung vào các vấn đề trọng tâm rút ra từ kết quả tự đánh giá, ưu tiên các tiêu chí "
        "bắt buộc chưa đạt hoặc đạt ở mức thấp.",
    )


def _organisation(w: _Words, *, new_form: bool) -> str:
    monitor = (
        "3. Tổ giám sát",
        "- Theo dõi tiến độ, thu thập thông tin, minh chứng về kết quả thực hiện từng nội dung; báo cáo Hiệu trưởng "
        "vào cuối học kỳ I và cuối năm học"
        + (", ghi kết quả vào bảng theo dõi của kế hoạch;" if new_form else ";"),
        "- Đề xuất điều chỉnh những nội dung chậm tiến độ hoặc không còn phù hợp.",
    )
    return _lines(
        "1. Hiệu trưởng (Chủ tịch Hội đồng tự đánh giá)",
        "- Ban hành kế hoạch, phân công nhiệm vụ cho các thành viên, tổ chức và bộ phận; bố trí kinh phí, "
        "cơ sở vật chất để thực hiện;",
        "- Chỉ đạo, kiểm tra việc thực hiện; phê duyệt các điều chỉnh; tham mưu với cấp trên những nội dung vượt "
        "quá khả năng của nhà trường.",
        "2. Thành viên Hội đồng tự đánh giá, các tổ và bộ phận",
        "- Cụ thể hóa nội dung được phân công thành kế hoạch của tổ, bộ phận; tổ chức thực hiện đúng tiến độ;",
        "- Thu thập, lưu trữ minh chứng, báo cáo kết quả và khó khăn với Hiệu trưởng.",
        *monitor,
        "4. Cán bộ, giáo viên, nhân viên",
        "- Thực hiện đầy đủ nhiệm vụ được giao trong kế hoạch; chủ động đề xuất giải pháp nâng cao chất lượng "
        f"{w.work}.",
    )


def _review_mechanism_57(w: _Words) -> str:
    return _lines(
        "- Cuối học kỳ I và cuối năm học, Tổ giám sát đánh giá mức độ thực hiện từng nội dung (Hoàn thành, "
        "Đang thực hiện, Chưa hoàn thành) dựa trên chỉ số đánh giá kết quả và minh chứng đã thu thập.",
        "- Hiệu trưởng tổ chức họp Hội đồng tự đánh giá xem xét kết quả, quyết định điều chỉnh kế hoạch (nếu có) "
        "và ghi nhận vào biên bản.",
        "- Kết quả thực hiện được công khai tại nhà trường, trên trang thông tin điện tử và báo cáo cơ quan quản lý "
        "giáo dục cấp trên theo quy định; những nội dung chưa hoàn thành được chuyển vào kế hoạch năm học tiếp theo.",
    )


def default_closing(school_name: str, start_year: int | None, end_year: int | None) -> str:
    """The closing sentence a new plan starts from (the writer prints `Document.closing_text` as is)."""
    school = school_name or "nhà trường"
    return (
        f"Trên đây là Kế hoạch cải tiến chất lượng giáo dục {period_phrase(start_year, end_year)} của {school}. "
        "Đề nghị các tổ, bộ phận và cán bộ, giáo viên, nhân viên nghiêm túc thực hiện; trong quá trình thực hiện "
        "nếu có khó khăn, vướng mắc, kịp thời báo cáo Hiệu trưởng để xem xét, điều chỉnh."
    )
