"""`caitien evidence --school CODE [--year YYYY] (--json | --to docx|xlsx -o OUT)`: a school's
evidence register (danh mục minh chứng) of a school year, as JSON on standard output or as a file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from caitien.evidence import exports, selectors
from caitien.plans.calendar import current_school_year
from caitien.schools.models import School


class Command(BaseCommand):
    help = (
        "Danh mục minh chứng của một trường cho một năm học: JSON (--json) hoặc tệp DOCX/XLSX "
        "(--to docx|xlsx -o TỆP). --school là mã viết tắt của trường, --year là năm bắt đầu năm học."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="mã viết tắt của trường (ví dụ THHB)")
        parser.add_argument("--year", type=int, help="năm bắt đầu năm học (mặc định: năm học hiện tại)")
        out = parser.add_mutually_exclusive_group(required=True)
        out.add_argument("--json", action="store_true", help="in danh mục dạng JSON")
        out.add_argument("--to", choices=["docx", "xlsx"], help="định dạng tệp")
        parser.add_argument("-o", "--output", help="tệp ghi ra (cùng --to)")

    def handle(self, *args, **options):
        code = options["school"].strip()
        school = School.objects.select_related("regulation").filter(short_code__iexact=code).first()
        if school is None:
            raise CommandError(f"Không có trường mã “{code}”. Mã là tên viết tắt của trường, ví dụ THHB.")
        year = options["year"] or current_school_year()
        if not 2000 <= year <= 2100:
            raise CommandError(f"Năm học {year} không hợp lệ; ghi năm bắt đầu năm học, ví dụ --year 2025.")
        if options["json"]:
            self.stdout.write(json.dumps(selectors.register_json(school, year), ensure_ascii=False, indent=2))
            return
        if not options["output"]:
            raise CommandError("Hãy ghi tệp ra bằng -o TỆP, ví dụ -o danh-muc.docx.")
        regulation = selectors.register_regulation(school, year)
        doc = exports.register_document(
            school, year, regulation, list(selectors.register_items(school, year))
        )
        data = exports.docx_bytes(doc) if options["to"] == "docx" else exports.xlsx_bytes(doc)
        out = Path(options["output"])
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được {out}: {exc}") from exc
        self.stdout.write(f"Đã ghi danh mục minh chứng ({len(doc.items)} minh chứng) vào {out}.")
