"""`caitien export FILE --to docx|pdf|xlsx -o OUT`, or `caitien export --plan ID …` for a saved plan."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from caitien.planfile.readers import ReadError, read_path
from caitien.planfile.writers import FORMATS, WriteError, write


class Command(BaseCommand):
    help = "Xuất kế hoạch thành văn bản chính thức: DOCX theo Nghị định 30/2020/NĐ-CP, PDF hoặc bảng XLSX."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="tệp kế hoạch (.docx, .xlsx, .pdf, .txt hoặc JSON)")
        parser.add_argument("--plan", type=int, help="mã số kế hoạch đã lưu (thay cho FILE)")
        parser.add_argument("--to", choices=FORMATS, help="định dạng xuất; mặc định theo phần mở rộng của -o")
        parser.add_argument("-o", "--output", help="tệp kết quả; mặc định cùng tên với FILE")

    def handle(self, *args, **options):
        fmt = options["to"] or _format_of(options["output"])
        if fmt is None:
            _fail(
                "Hãy chọn định dạng bằng --to docx, --to pdf hoặc --to xlsx (hoặc đặt -o với đuôi tương ứng)."
            )
        if options["plan"] is not None:
            doc, stem = _saved_plan(options["plan"]), f"ke-hoach-{options['plan']}"
        elif options["file"]:
            try:
                doc = read_path(options["file"])
            except ReadError as exc:
                _fail(str(exc))
            stem = Path(options["file"]).stem
        else:
            _fail("Hãy nêu tệp kế hoạch cần xuất, hoặc --plan với mã số kế hoạch đã lưu.")
        out = Path(options["output"] or f"{stem}.{fmt}")
        if options["file"] and out.resolve() == Path(options["file"]).resolve():
            _fail(f"Tệp kết quả “{out.name}” trùng với tệp đầu vào; hãy đặt tên khác bằng -o.")
        try:
            write(doc, out, fmt)
        except WriteError as exc:
            sys.stderr.write(f"Lỗi: {exc}\n")
            sys.exit(1)
        except OSError as exc:
            sys.stderr.write(f"Lỗi: không ghi được tệp “{out}” ({exc.strerror}).\n")
            sys.exit(1)
        self.stdout.write(f"Đã xuất {len(doc.items)} dòng kế hoạch ra tệp {out} ({fmt.upper()}).")


def _format_of(output: str | None) -> str | None:
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMATS else None


def _saved_plan(plan_id: int):
    from caitien.plans.documents import plan_to_document
    from caitien.plans.models import Plan

    plan = Plan.objects.filter(pk=plan_id).select_related("school").first()
    if plan is None:
        _fail(f"Không có kế hoạch mã số {plan_id}. Hãy kiểm tra lại mã số kế hoạch.")
    return plan_to_document(plan)


def _fail(message: str):
    sys.stderr.write(f"Lỗi: {message}\n")
    sys.exit(2)
