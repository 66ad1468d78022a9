import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from caitien.imports import services
from caitien.planfile.readers import ReadError
from caitien.schools.models import School


class Command(BaseCommand):
    help = "Nhập một tệp kế hoạch (.docx, .xlsx, .pdf, .txt, .json) thành dự thảo mới của trường; in mã kế hoạch."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp kế hoạch")
        parser.add_argument("--school", required=True, help="ký hiệu viết tắt của trường, ví dụ THHB")
        parser.add_argument("--user", help="tên đăng nhập của người nhập (ghi vào nhật ký)")

    def handle(self, *args, **options):
        school = School.objects.filter(short_code__iexact=options["school"]).first()
        if school is None:
            raise CommandError(
                f"Không có trường nào có ký hiệu “{options['school']}”. Hãy xem ký hiệu viết tắt của trường trong trang quản trị."
            )
        actor = None
        if options.get("user"):
            from django.contrib.auth import get_user_model

            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
        try:
            plan = services.import_file(path=Path(options["file"]), school=school, actor=actor)
        except (ReadError, services.ImportRefused) as exc:
            sys.stderr.write(f"Lỗi: {exc}\n")
            sys.exit(2)
        self.stdout.write(str(plan.pk))
        self.stderr.write(f"Đã nhập {plan.items.count()} dòng kế hoạch vào dự thảo mới của {school.name}.\n")
