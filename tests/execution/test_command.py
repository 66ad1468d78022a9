import io
import json

import pytest
from django.core.management import CommandError, call_command

from caitien.cli import COMMANDS
from caitien.execution import services
from tests.execution.conftest import rows_of


def test_progress_command_prints_the_progress_json(published, cast):
    services.task_create(
        plan=published, item_key=rows_of(published)[0].key, title="Lập lịch họp", actor=cast.principal
    )
    assert COMMANDS["progress"] == "progress"
    out = io.StringIO()
    call_command("progress", "--plan", str(published.pk), "--json", "--as-of", "2025-11-20", stdout=out)
    data = json.loads(out.getvalue())
    assert data["plan"] == published.pk and data["as_of"] == "2025-11-20"
    assert data["summary"]["tasks"] == 1 and data["items"][0]["tasks"][0]["title"] == "Lập lịch họp"
    text = io.StringIO()
    call_command("progress", "--plan", str(published.pk), "--as-of", "2025-11-20", stdout=text)
    assert "Dòng 1 (1.3): Chưa bắt đầu 0%, 1 việc" in text.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--plan", "abc"], "không hợp lệ"),
        (["--plan", "99999"], "Không có kế hoạch"),
        (["--as-of", "31/1/2026"], "YYYY-MM-DD"),
    ],
)
def test_progress_command_refuses_in_vietnamese(published, args, message):
    if args[0] == "--as-of":
        args = ["--plan", str(published.pk), *args]
    with pytest.raises(CommandError, match=message):
        call_command("progress", *args, stdout=io.StringIO())
