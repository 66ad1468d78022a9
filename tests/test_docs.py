"""The README and docs/ describe the interfaces other tools rely on; these tests keep them in step."""

from pathlib import Path

from django.core.management import get_commands

from caitien.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_product_command_is_documented_in_the_readme():
    for name in COMMANDS:
        assert f"`caitien {name}" in README, f"caitien {name} is not documented in README.md"


def test_every_product_command_exists():
    available = get_commands()
    for public, command in COMMANDS.items():
        assert command in available, f"caitien {public} maps to a missing management command {command}"


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README


def test_plan_json_doc_names_every_document_key():
    from dataclasses import fields

    from caitien.planfile.model import Document, Item

    doc = (ROOT / "docs" / "plan-json.md").read_text(encoding="utf-8")
    for f in [*fields(Document), *fields(Item)]:
        assert f'"{f.name}"' in doc or f"`{f.name}`" in doc, f"{f.name} is not described in docs/plan-json.md"
