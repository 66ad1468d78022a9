from pathlib import Path

from django.core.management.base import BaseCommand

from caitien.backups.errors import BackupError
from caitien.backups.services import backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ trang (cơ sở dữ liệu và các tệp đã tải lên) vào một tệp .tar.gz; "
        "chạy được trong lúc trang đang phục vụ."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="tệp sao lưu sẽ tạo, ví dụ caitien.tar.gz")

    def handle(self, *args, **options):
        path = Path(options["output"])
        try:
            manifest = backup_create(path)
        except BackupError as exc:
            self.stderr.write(f"Lỗi: {exc}")
            raise SystemExit(2) from exc
        counts = manifest["counts"]
        self.stdout.write(
            f"Đã sao lưu vào {path}: cơ sở dữ liệu {manifest['database']['vendor']}, "
            f"{counts.get('plans.plan', 0)} kế hoạch, {counts.get('plans.planitem', 0)} dòng, "
            f"{counts.get('audit.auditevent', 0)} sự kiện nhật ký, {manifest['media_files']} tệp, "
            f"{format(path.stat().st_size, ',').replace(',', '.')} byte."
        )
