"""Money and time readers: how many of the phrase table's phrases are read right (tests/planfile/phrases.py)."""

import time

from tests.planfile import phrases


def run():
    t0 = time.perf_counter()
    results = phrases.results()
    elapsed = time.perf_counter() - t0
    for kind in ("money", "time"):
        mine = [r for r in results if r.kind == kind]
        right = sum(r.right for r in mine)
        print(f"{kind:5s}: {right}/{len(mine)} phrases read right")
    right = sum(r.right for r in results)
    print(f"all  : {right}/{len(results)} phrases read right ({elapsed * 1000:.0f} ms, cold cache)")
    for r in results:
        if not r.right:
            print(f"  wrong: {r.kind} {r.text!r}: expected {r.expected!r}, got {r.got!r}")
