import json
import sys

from django.core.management.base import BaseCommand

from caitien.catalog import registry
from caitien.catalog.registry import SCHOOL_LEVELS
from caitien.catalog.services import catalog_as_json


class Command(BaseCommand):
    help = "In danh mục văn bản quy định (tiêu chuẩn, tiêu chí, chỉ báo)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args, **options):
        if options["json"]:
            sys.stdout.write(json.dumps(catalog_as_json(), ensure_ascii=False, indent=1) + "\n")
            return
        for reg in registry.regulations():
            levels = ", ".join(SCHOOL_LEVELS.get(x, x) for x in reg.school_levels)
            flag = "" if reg.verified else " (chưa đối chiếu văn bản gốc)"
            self.stdout.write(f"{reg.label}{flag} — {levels}")
            for s in reg.standards:
                mandatory = sum(c.mandatory for c in s.criteria)
                extra = f", {mandatory} bắt buộc" if mandatory else ""
                self.stdout.write(f"  Tiêu chuẩn {s.number}: {s.name} ({len(s.criteria)} tiêu chí{extra})")
