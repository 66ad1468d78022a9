from django.core.management.base import BaseCommand

from caitien.catalog.services import catalog_load

LABELS = {"created": "đã thêm", "updated": "đã cập nhật", "unchanged": "không đổi"}


class Command(BaseCommand):
    help = (
        "Nạp danh mục văn bản quy định từ các tệp dữ liệu vào cơ sở dữ liệu (chạy lại nhiều lần không sao)."
    )

    def handle(self, *args, **options):
        for slug, what in catalog_load():
            self.stdout.write(f"{slug}: {LABELS[what]}")
