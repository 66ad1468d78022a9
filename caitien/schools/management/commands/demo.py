from django.core.management.base import BaseCommand, CommandError

from caitien.schools.demo import DemoError, demo_load


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: một Phòng GDĐT với ba trường, người dùng cho mỗi vai trò, tự đánh giá và kế hoạch "
        "của từng trường. Chạy lại không thay đổi gì, chỉ in lại danh sách tài khoản."
    )

    def handle(self, *args, **options):
        from caitien.evidence.demo import evidence_demo_load
        from caitien.execution.demo import execution_demo_load
        from caitien.offices.demo import offices_demo_load
        from caitien.people.demo import people_demo_load

        try:
            result = demo_load()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        # The office's side: a dozen more schools of the demo Phòng, escalations, a Sở specialist.
        office_logins = offices_demo_load(year=result.school_year)
        people_demo_load()  # the demo schools' staff directories, the demo users linked to their entry
        evidence_demo_load(year=result.school_year)  # the evidence register of the demo school
        execution_logins = execution_demo_load(password=result.logins[0].password)  # the plan in execution
        # Monitoring: last year's plan closed with its report, this year's mid-year review half done.
        from caitien.monitoring.demo import monitoring_demo_load

        monitoring_logins = monitoring_demo_load(year=result.school_year)
        if result.created:
            self.stdout.write(
                f"Đã tạo dữ liệu mẫu cho năm học {result.school_year}-{result.school_year + 1}."
            )
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn, không thay đổi gì.")
        self.stdout.write("")
        self.stdout.write(
            "Tài khoản dùng thử (chỉ dùng cho dữ liệu mẫu, đừng dùng mật khẩu này cho dữ liệu thật):"
        )
        self.stdout.write(
            _table(
                ["Tên đăng nhập", "Mật khẩu", "Vai trò", "Trường / cơ quan"],
                [[x.username, x.password, x.role, x.place] for x in result.logins]
                + [[x.username, result.logins[0].password, x.role, x.place] for x in office_logins]
                + [[u, result.logins[0].password, role, place] for u, role, place in execution_logins]
                + [[u, result.logins[0].password, "Thành viên tổ giám sát", p] for u, p in monitoring_logins],
            )
        )
        self.stdout.write("")
        self.stdout.write("Đăng nhập tại /dang-nhap/; trang quản trị ở /quan-tri/ (tài khoản quantri).")
        self.stdout.write(
            "Hiệu trưởng các trường sinh thêm của Phòng (ký hiệu GD0001…GD0012): gd_ht0001…gd_ht0012, cùng mật khẩu."
        )


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])
