import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from caitien.execution.derive import status_label
from caitien.execution.selectors import plan_progress
from caitien.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Tiến độ thực hiện một kế hoạch: trạng thái, tiến độ, các việc, quá hạn, minh chứng, kinh phí đã chi. "
        "--json in dạng JSON mô tả trong README (giống GET /api/plans/{id}/progress)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="mã số kế hoạch, ví dụ 12")
        parser.add_argument("--as-of", default=None, help="ngày tính quá hạn, YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args, **o):
        raw = str(o["plan"]).strip()
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            raise CommandError(f"Mã số kế hoạch “{raw}” không hợp lệ: hãy ghi một số, ví dụ --plan 12.")
        plan = Plan.objects.select_related("school", "regulation", "lineage").filter(pk=int(raw)).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã số {raw}. Hãy kiểm tra lại mã số kế hoạch.")
        try:
            as_of = datetime.date.fromisoformat(o["as_of"]) if o["as_of"] else datetime.date.today()
        except ValueError:
            raise CommandError(
                f"Ngày “{o['as_of']}” không hợp lệ. Hãy ghi --as-of YYYY-MM-DD, ví dụ 2026-01-31."
            ) from None
        data = plan_progress(plan, as_of)
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        s = data["summary"]
        self.stdout.write(f"{plan.title or 'Kế hoạch'} ({plan.school.name}), tính đến {as_of:%d/%m/%Y}")
        self.stdout.write(
            f"{s['items']} dòng: hoàn thành {s['done']}, đang thực hiện {s['in_progress']}, chưa bắt đầu "
            f"{s['not_started']}, không thực hiện được {s['not_done']}, quá hạn {s['overdue']}; "
            f"{s['tasks']} việc ({s['tasks_overdue']} quá hạn); {s['evidence']} minh chứng; "
            f"đã chi {s['spent_vnd']:,} / {s['planned_vnd']:,} đồng".replace(",", ".")
        )
        for item in data["items"]:
            late = " — QUÁ HẠN" if item["overdue"] else ""
            self.stdout.write(
                f"  Dòng {item['index']} ({item['criterion'] or '—'}): {status_label(item['status'])} "
                f"{item['progress']}%, {len(item['tasks'])} việc{late}"
            )
