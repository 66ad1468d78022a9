"""Importer quality: the ground-truth scorer over the seed plans in ../shared/seeds."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The shared folder sits beside the repository (or beside the folder of its work trees).
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "seeds").is_dir()), REPO.parent / "shared"
)


def run() -> None:
    seeds = SHARED / "seeds"
    scorer = SHARED / "eval" / "score_import.py"
    if not seeds.is_dir() or not scorer.is_file():
        print(f"Không có thư mục dữ liệu mẫu {seeds} (hoặc bộ chấm {scorer}); bỏ qua phép đo.")
        return
    exe = REPO / ".venv" / "bin" / "caitien"
    cmd = f"{exe} parse --json {{}}" if exe.exists() else f"{sys.executable} -m caitien.cli parse --json {{}}"
    out = subprocess.run(
        [sys.executable, str(scorer), "--truth", str(seeds), "--cmd", cmd],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    print(out.stdout.rstrip())
    if out.returncode not in (0, 1) or out.stderr.strip():
        print(out.stderr.rstrip())


if __name__ == "__main__":
    run()
