"""Run every benchmark module (bench/<name>.py with a `run()` function), in name order."""

import importlib
import pkgutil
import sys
import time
from pathlib import Path

import bench


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))
    failed = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"\n## {name}: {(module.__doc__ or '').strip().splitlines()[0] if module.__doc__ else ''}")
        t0 = time.perf_counter()
        try:
            module.run()
        except Exception as exc:  # a broken benchmark must not hide the others' figures
            failed += 1
            print(f"FAILED: {type(exc).__name__}: {exc}")
        print(f"({name}: {time.perf_counter() - t0:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
