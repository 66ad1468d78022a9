from pathlib import Path

from django.core.management.base import BaseCommand

from caitien.backups.errors import BackupError
from caitien.backups.services import backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của caitien backup vào cơ sở dữ liệu đang cấu hình (phải trống, "
        "hoặc thêm --force để ghi đè). Hãy dừng trang trong lúc khôi phục."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu (.tar.gz) do caitien backup tạo ra")
        parser.add_argument(
            "--force", action="store_true", help="ghi đè cả khi cơ sở dữ liệu hiện tại đã có dữ liệu"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            manifest = backup_restore(path, force=options["force"])
        except BackupError as exc:
            self.stderr.write(f"Lỗi: {exc}")
            raise SystemExit(2) from exc
        counts = manifest["counts"]
        self.stdout.write(
            f"Đã khôi phục {path} (tạo lúc {manifest['created_at']}): "
            f"{counts.get('plans.plan', 0)} kế hoạch, {counts.get('plans.planitem', 0)} dòng, "
            f"{counts.get('audit.auditevent', 0)} sự kiện nhật ký, {manifest['media_files']} tệp."
        )
