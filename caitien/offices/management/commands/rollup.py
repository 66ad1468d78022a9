import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from caitien.dashboards.overview import NO_PLAN, PLAN_STATUS_LABELS, school_year_of_today
from caitien.offices.rollup import office_rollup
from caitien.schools.models import Office


class Command(BaseCommand):
    help = (
        "Tổng hợp các trường của một Phòng/Sở GDĐT trong một năm học: tiến độ, kinh phí, giám sát, "
        "đề xuất, điểm yếu chung. --json in dạng JSON mô tả trong README."
    )

    def add_arguments(self, parser):
        parser.add_argument("--office", required=True, help="mã cơ quan, ví dụ PGD-GODAU")
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="năm bắt đầu năm học, ví dụ 2025 (mặc định: năm học hiện tại)",
        )
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args, **o):
        code = (o["office"] or "").strip()
        office = Office.objects.filter(code__iexact=code).first()
        if office is None:
            known = ", ".join(Office.objects.order_by("code").values_list("code", flat=True)[:10])
            raise CommandError(
                f"Không có cơ quan mã “{code}”. Các mã hiện có: {known or 'chưa có cơ quan nào'}."
            )
        year = o["year"] or school_year_of_today(timezone.localdate())
        if not 2000 <= year <= 2100:
            raise CommandError("Năm học phải là năm bắt đầu, ví dụ --year 2025 cho năm học 2025-2026.")
        data = office_rollup(office, year)
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        t = data["totals"]
        self.stdout.write(f"{office.name} ({office.code}), năm học {year}-{year + 1}: {t['schools']} trường")
        self.stdout.write(
            f"Dòng kế hoạch: {t['items']} (hoàn thành {t['done']}, đang thực hiện {t['in_progress']}, "
            f"chưa bắt đầu {t['not_started']}, quá hạn {t['overdue']}); kinh phí dự kiến {_vnd(t['planned_vnd'])} "
            f"đồng, đã chi {_vnd(t['spent_vnd'])} đồng"
        )
        e = data["escalations"]
        self.stdout.write(
            f"Đề xuất chưa giải quyết xong: {e['open']}, kinh phí đề nghị {_vnd(e['amount_vnd'])} đồng"
        )
        for s in data["schools"]:
            plan = PLAN_STATUS_LABELS[s["plan"]["status"] if s["plan"] else NO_PLAN]
            self.stdout.write(
                f"  {s['code']:<10} {s['name'][:50]:<50} {plan:<18} {s['done']}/{s['items']} dòng xong"
            )


def _vnd(n: int) -> str:
    return f"{n:,}".replace(",", ".")
