from django.core.management.base import BaseCommand, CommandError

from caitien.offices.generator import DEFAULT_PASSWORD, GenerateError, province_generate


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu quy mô tỉnh để đo hiệu năng và thử tải: một Sở, các Phòng, các trường với tự đánh giá "
        "và kế hoạch (toàn bộ là dữ liệu giả, không dùng cho dữ liệu thật)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--offices", type=int, default=10, help="số Phòng GDĐT (mặc định 10)")
        parser.add_argument("--schools", type=int, default=1000, help="tổng số trường (mặc định 1000)")
        parser.add_argument("--plans", type=int, default=5, help="số kế hoạch mỗi trường (mặc định 5)")
        parser.add_argument("--rows", type=int, default=30, help="số dòng mỗi kế hoạch (mặc định 30)")
        parser.add_argument(
            "--prefix", default="PA", help="tiền tố mã cơ quan, ký hiệu trường, tên đăng nhập"
        )
        parser.add_argument("--year", type=int, default=None, help="năm học hiện tại, ví dụ 2025")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="mật khẩu chung của các tài khoản")
        parser.add_argument(
            "--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt, cùng dữ liệu)"
        )

    def handle(self, *args, **o):
        try:
            r = province_generate(
                offices=o["offices"],
                schools=o["schools"],
                plans=o["plans"],
                rows=o["rows"],
                prefix=o["prefix"],
                school_year=o["year"],
                password=o["password"],
                seed=o["seed"],
            )
        except GenerateError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã sinh {r.so.name} (mã {r.so.code}): {len(r.offices)} Phòng, {r.schools} trường, "
            f"{r.assessments} tự đánh giá, {r.plans} kế hoạch, {r.rows} dòng kế hoạch, {r.tasks} việc, "
            f"{r.review_points} lần giám sát, "
            f"năm học {r.school_year}-{r.school_year + 1}, trong {r.seconds:.1f} giây."
        )
        self.stdout.write(
            f"Đăng nhập (mật khẩu {r.password}): chuyên viên Sở {r.so_specialist}; chuyên viên Phòng "
            f"{r.office_specialists[0]} … {r.office_specialists[-1]}; hiệu trưởng "
            f"{r.principals[0]} … {r.principals[-1]}."
        )
