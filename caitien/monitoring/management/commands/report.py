"""`caitien report --plan ID [--review N] --to docx|pdf -o OUT`: the results report of a plan."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from caitien.monitoring import documents, lineage
from caitien.monitoring.models import ResultsReport, ReviewPoint
from caitien.monitoring.report import docx as report_docx
from caitien.monitoring.report import pdf as report_pdf
from caitien.planfile.writers import WriteError
from caitien.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Xuất báo cáo kết quả thực hiện kế hoạch cải tiến (DOCX hoặc PDF, thể thức Nghị định 30). "
        "--review N chọn lần giám sát thứ N của kế hoạch (1 là lần đầu, theo ngày dự kiến); "
        "không ghi thì lấy lần gần nhất đã ghi nhận."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, required=True, help="mã số kế hoạch đã lưu")
        parser.add_argument("--review", type=int, help="lần giám sát thứ mấy (đếm từ 1)")
        parser.add_argument("--to", choices=["docx", "pdf"], required=True, help="định dạng tệp")
        parser.add_argument("-o", "--output", required=True, help="tệp ghi ra")

    def handle(self, *args, **options):
        plan = Plan.objects.select_related("school", "regulation").filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã số {options['plan']}.")
        current = lineage.in_force(plan) or plan
        points = list(ReviewPoint.objects.filter(plan=plan.root).order_by("planned_date", "id"))
        if not points:
            raise CommandError("Kế hoạch này chưa có lần giám sát nào (kế hoạch chưa công khai?).")
        if options["review"] is not None:
            n = options["review"]
            if not 1 <= n <= len(points):
                raise CommandError(
                    f"Kế hoạch có {len(points)} lần giám sát; hãy chọn --review từ 1 đến {len(points)}."
                )
            point = points[n - 1]
        else:
            recorded = [p for p in points if p.recorded_on]
            if not recorded:
                raise CommandError("Chưa có lần giám sát nào được ghi nhận; hãy chọn --review N.")
            point = recorded[-1]
        report = ResultsReport.objects.filter(point=point).select_related("plan").first()
        doc = documents.point_to_document(point, report.plan if report else current, report)
        out = Path(options["output"])
        try:
            if options["to"] == "docx":
                report_docx.write_docx(doc, out)
            else:
                report_pdf.write_pdf(doc, out)
        except (WriteError, OSError) as exc:
            raise CommandError(f"Không ghi được {out}: {exc}") from exc
        self.stdout.write(f"Đã ghi báo cáo “{doc.title}” vào {out}.")
