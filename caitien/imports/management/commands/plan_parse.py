import sys

from django.core.management.base import BaseCommand

from caitien.planfile.readers import ReadError, read_path


class Command(BaseCommand):
    help = "Đọc một tệp kế hoạch (.docx, .doc, .xlsx, .xls, .pdf, bản quét, ảnh chụp, .txt, .json…) và in những gì hiểu được."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp kế hoạch")
        parser.add_argument("--json", action="store_true", help="in dạng JSON của kế hoạch")

    def handle(self, *args, **options):
        try:
            doc = read_path(options["file"])
        except ReadError as exc:
            sys.stderr.write(f"Lỗi: {exc}\n")
            sys.exit(2)
        if options["json"]:
            sys.stdout.write(doc.to_json(indent=1) + "\n")
            return
        self.stdout.write(
            f"{doc.school or 'Trường: không rõ'} — {doc.document_number or 'không rõ số văn bản'}"
        )
        self.stdout.write(f"{doc.title or ''}")
        self.stdout.write(f"Số dòng kế hoạch: {len(doc.items)}")
        for i, item in enumerate(doc.items, 1):
            self.stdout.write(
                f"  {i}. Tiêu chí {item.criterion or '—'}: {item.expected_result[:80] or item.solutions[:80]}"
            )
        for w in doc.warnings:
            self.stdout.write(f"Cảnh báo ({w.where or 'chung'}): {w.message}")
