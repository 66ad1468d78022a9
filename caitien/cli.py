"""The `caitien` command.

Product commands are Django management commands; this maps the public names onto them
(`check` is Django's own system check, so the plan checker lives under another name) and
passes everything else (migrate, runserver, createsuperuser, ...) through unchanged.
"""

import os
import sys

# Public name -> management command. Documented in README.md (tests check it).
COMMANDS = {
    "parse": "plan_parse",
    "check": "plan_check",
    "export": "plan_export",
    "import": "plan_import",
    "catalog": "catalog",
    "loadcatalog": "loadcatalog",
    "demo": "demo",
    "generate": "province_generate",
    "rollup": "rollup",
    "remind": "remind",
    "report": "report",
    "progress": "progress",
    "evidence": "evidence",
    "worker": "worker",
    "backup": "backup",
    "restore": "restore",
    "unlock": "unlock",
}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caitien.settings")
    if argv and argv[0] in COMMANDS:
        argv[0] = COMMANDS[argv[0]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["caitien", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
