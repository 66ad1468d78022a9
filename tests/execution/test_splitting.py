import pytest

from caitien.execution.splitting import suggest_tasks


@pytest.mark.parametrize(
    "text, titles",
    [
        (
            "Lập lịch họp cả năm; phân công thư ký ghi biên bản; đăng nghị quyết lên bảng tin.",
            ["Lập lịch họp cả năm", "Phân công thư ký ghi biên bản", "Đăng nghị quyết lên bảng tin"],
        ),
        (
            "- Khảo sát hiện trạng\n- Lập dự toán\n+ Đề xuất UBND xã",
            ["Khảo sát hiện trạng", "Lập dự toán", "Đề xuất UBND xã"],
        ),
        (
            "1. Dự giờ\n2) Rút kinh nghiệm\n3. Tổ chức chuyên đề",
            ["Dự giờ", "Rút kinh nghiệm", "Tổ chức chuyên đề"],
        ),
        (
            "• Mua sắm thiết bị\n• Tập huấn giáo viên\n  sử dụng thiết bị",
            ["Mua sắm thiết bị", "Tập huấn giáo viên sử dụng thiết bị"],
        ),
        ("- Họp tổ - Dự giờ - Báo cáo", ["Họp tổ", "Dự giờ", "Báo cáo"]),
        ("Sửa mái che", ["Sửa mái che"]),
        ("", []),
        ("Họp tổ; họp tổ;  ;", ["Họp tổ"]),
    ],
)
def test_solutions_text_becomes_task_titles(text, titles):
    assert suggest_tasks(text) == titles
