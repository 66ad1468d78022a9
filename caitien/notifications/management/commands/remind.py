import json

from django.core.management.base import BaseCommand

from caitien.notifications.reminders import remind


class Command(BaseCommand):
    help = (
        "Một lượt nhắc việc: tạo thông báo cho những gì đến hạn hôm nay (việc sắp đến hạn, quá hạn, "
        "lần giám sát sắp tới hoặc đã qua mà chưa ghi nhận) rồi đưa e-mail vào hàng đợi việc nền "
        "(caitien worker gửi) theo lựa chọn của từng người. "
        "Chạy lại trong ngày không gửi trùng; hai lượt chạy cùng lúc cũng không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ in những gì sẽ làm, không ghi và không gửi gì"
        )
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, **options):
        result = remind(dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        r, e = result["reminders"], result["emails"]
        day = "/".join(reversed(result["date"].split("-")))
        prefix = "Chạy thử, không ghi và không gửi gì. " if result["dry_run"] else ""
        self.stdout.write(
            f"{prefix}Ngày {day}: {r['new']} nhắc việc mới"
            + (f" ({r['existing']} đã nhắc từ trước)" if r["existing"] else "")
            + "."
        )
        self.stdout.write(
            f"E-mail đưa vào hàng đợi việc nền: {e['immediate']} gửi ngay, {e['digests']} bản tổng hợp "
            f"trong ngày ({e['in_digests']} thông báo); {e['skipped']} không cần gửi; {e['failed']} gửi lại "
            "sau lần trước chưa được."
        )
