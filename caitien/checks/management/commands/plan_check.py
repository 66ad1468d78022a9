"""`caitien check FILE` / `caitien check --plan ID`: what a reviewer would ask the school to fix."""

import json
import sys

from django.core.management.base import BaseCommand

from caitien.checks import run_checks
from caitien.checks.rules import SEVERITY_LABELS


class Command(BaseCommand):
    help = (
        "Kiểm tra một kế hoạch cải tiến (tệp .docx, .xlsx, .pdf, .txt, JSON của kế hoạch, hoặc kế hoạch đã lưu) "
        "và chỉ ra những chỗ cần sửa. Mã thoát 1 khi có lỗi, 2 khi không đọc được tệp."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="tệp kế hoạch")
        parser.add_argument("--plan", type=int, help="mã số kế hoạch đã lưu")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, **options):
        if bool(options["file"]) == bool(options["plan"]):
            self._fail("Hãy chỉ định đúng một tệp kế hoạch hoặc --plan <mã số kế hoạch đã lưu>.")
        if options["plan"]:
            doc, context = self._saved(options["plan"])
        else:
            doc, context = self._file(options["file"]), None
        findings = run_checks(doc, context=context)
        if options["json"]:
            payload = {"findings": [f.to_dict() for f in findings]}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        else:
            self._print(doc, findings)
        sys.stdout.flush()
        if any(f.severity == "error" for f in findings):
            sys.exit(1)

    def _file(self, path):
        from caitien.planfile.readers import ReadError, read_path

        try:
            return read_path(path)
        except ReadError as exc:
            self._fail(str(exc))
        except (OSError, ValueError, UnicodeError):
            self._fail(
                f"Không đọc được tệp “{path}”. Hãy kiểm tra tệp có đúng là kế hoạch (.docx, .xlsx, .pdf, "
                ".txt hoặc JSON) và không bị hỏng."
            )

    def _saved(self, plan_id):
        from caitien.plans.documents import check_context_for, plan_to_document
        from caitien.plans.models import Plan

        plan = Plan.objects.select_related("school", "regulation").filter(pk=plan_id).first()
        if plan is None:
            self._fail(f"Không có kế hoạch mã số {plan_id}. Hãy kiểm tra lại mã số kế hoạch.")
        return plan_to_document(plan), check_context_for(plan)

    def _fail(self, message):
        sys.stderr.write(f"Lỗi: {message}\n")
        sys.exit(2)

    def _print(self, doc, findings):
        out = self.stdout
        out.write(
            f"Kiểm tra kế hoạch: {doc.school or 'trường không rõ'}"
            + (f" — {doc.source}" if doc.source else "")
        )
        if not findings:
            out.write("Không phát hiện vấn đề nào.")
            return
        general = [f for f in findings if f.item is None]
        if general:
            out.write("")
            out.write("Toàn văn bản:")
            for f in general:
                out.write(f"  [{SEVERITY_LABELS[f.severity]}] {f.message} ({f.rule})")
        current = None
        for f in findings:
            if f.item is None:
                continue
            if f.item != current:
                current = f.item
                code = f.criterion or (doc.items[f.item].criterion if f.item < len(doc.items) else None)
                out.write("")
                out.write(f"Dòng {f.item + 1}" + (f" — tiêu chí {code}:" if code else ":"))
            out.write(f"  [{SEVERITY_LABELS[f.severity]}] {f.message} ({f.rule})")
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        out.write("")
        out.write(f"Tổng cộng: {counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} gợi ý.")
