"""Load: simulated people against the production server (gunicorn), on SQLite and PostgreSQL.

For each database a throwaway one is made and filled by the province generator (CAITIEN_BENCH_LOAD_SCHOOLS
schools, default 1000: a whole province; 100 for a quick run) with 5 plans × 30 rows each; gunicorn serves it with
DEBUG off and 2 × cores + 1 workers. CAITIEN_BENCH_USERS people (default 50) then work for
CAITIEN_BENCH_SECONDS (default 60) seconds each, pausing about CAITIEN_BENCH_THINK seconds (default 5, a
person reading the page) between requests and arriving spread over the first pause: one in ten (CAITIEN_BENCH_OFFICE_EVERY, 0 for none) is an office
specialist opening the overview, half are principals opening
their draft plan and saving a row of it, the rest are public readers opening published plans. Printed:
requests per second, p50/p95/p99 latency and errors per kind of request and overall, the number of
"database is locked" in the server's log, and (from the preparing child) the CPU time per request of
the heaviest pages.

    CAITIEN_BENCH_DATABASES=postgres .venv/bin/python -m bench.load
    CAITIEN_BENCH_LOAD_SCHOOLS=100 CAITIEN_BENCH_SECONDS=30 .venv/bin/python -m bench.load
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

from bench._databases import on_each_database

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("CAITIEN_BENCH_USERS", "50"))
SECONDS = float(os.environ.get("CAITIEN_BENCH_SECONDS", "60"))
THINK = float(os.environ.get("CAITIEN_BENCH_THINK", "5"))
# One person in CAITIEN_BENCH_OFFICE_EVERY (default 10) is an office specialist; 0: none (to see
# what the schools' and the public's pages cost without the office overview beside them).
OFFICE_EVERY = int(os.environ.get("CAITIEN_BENCH_OFFICE_EVERY", "10"))
SETUP_TIMEOUT = 900


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Person(threading.Thread):
    """One simulated person: a session cookie, a loop of requests, the latencies it saw."""

    def __init__(self, port, kind, plan, index, deadline, results):
        super().__init__(daemon=True)
        self.port, self.kind, self.plan, self.deadline, self.results = port, kind, plan, deadline, results
        self.random = random.Random(index)
        self.cookies: dict[str, str] = {}
        self.editor = None
        if kind == "principal":
            self.editor = dict(plan["editors"][index % len(plan["editors"])])
            self.cookies["sessionid"] = self.editor["session"]
        elif kind == "specialist":
            self.cookies["sessionid"] = plan["specialists"][index % len(plan["specialists"])]

    def request(self, label, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        t0 = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            conn.close()
        except OSError as exc:
            status = f"{type(exc).__name__}"
        self.results.append((label, status, time.perf_counter() - t0, time.time()))
        return status

    def run(self):
        # People arrive spread over one pause rather than all in the same millisecond (what a
        # spawn rate does in locust): a burst of fifty first requests measures a queue no site sees.
        time.sleep(THINK * self.random.random())
        if self.editor:  # the editor page gives the CSRF cookie a save needs
            self.request("soạn kế hoạch", "GET", f"/ke-hoach/{self.editor['plan']}/soan/")
        n = 0
        while time.time() < self.deadline:
            n += 1
            if self.kind == "specialist":
                self.request("tổng quan", "GET", "/tong-quan/")
            elif self.kind == "public":
                pk = self.random.choice(self.plan["published"])
                self.request("trang công khai", "GET", f"/cong-khai/{pk}/")
            elif n % 2:
                self.request("xem kế hoạch", "GET", f"/ke-hoach/{self.editor['plan']}/")
            else:
                self.save_row()
            time.sleep(THINK * self.random.uniform(0.5, 1.5))

    def save_row(self):
        from urllib.parse import urlencode

        e = self.editor
        body = urlencode({"revision": e["revision"], "notes": f"Ghi chú lần {e['revision']}"})
        status = self.request(
            "lưu một dòng",
            "POST",
            f"/ke-hoach/{e['plan']}/dong/{e['row']}/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "HX-Request": "true",
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
            },
        )
        if status == 200:
            e["revision"] += 1


def _percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _report(results, seconds):
    kinds = sorted({r[0] for r in results})
    print(f"  {'yêu cầu':<18}{'số':>7}{'mỗi giây':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'lỗi':>6}")
    for label in [*kinds, "tất cả"]:
        rows = [r for r in results if label in (r[0], "tất cả")]
        times = [r[2] * 1000 for r in rows]
        errors = sum(1 for r in rows if not (isinstance(r[1], int) and r[1] < 400))
        print(
            f"  {label:<18}{len(rows):>7}{len(rows) / seconds:>10.1f}{_percentile(times, 0.5):>9.0f}"
            f"{_percentile(times, 0.95):>9.0f}{_percentile(times, 0.99):>9.0f}{errors:>6}"
        )
    statuses = {}
    for r in results:
        statuses[r[1]] = statuses.get(r[1], 0) + 1
    print(f"  mã trả lời: {dict(sorted(statuses.items(), key=str))}")


def _wait_ready(port, server, log) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn dừng ngay: {Path(log).read_text(errors='replace')[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/cong-khai/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn không trả lời sau 60 giây")


def _warm_up(port, plan, workers) -> None:
    """Every worker imports its views and templates on its first requests: not what is measured."""
    specialist = plan["specialists"][0] if plan["specialists"] else ""
    visits = [("/tong-quan/", specialist), *((f"/cong-khai/{pk}/", "") for pk in plan["published"][:2])]
    visits += [(f"/ke-hoach/{e['plan']}/", e["session"]) for e in plan["editors"][:2]]

    def hit(path, session):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
        conn.getresponse().read()
        conn.close()

    for path, session in visits:
        threads = [threading.Thread(target=hit, args=(path, session)) for _ in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def _load(env_extra: dict) -> int:
    env = {
        **os.environ,
        **env_extra,
        "CAITIEN_HOSTS": "127.0.0.1,testserver",
        "CAITIEN_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "caitien.settings",
    }
    env.pop("CAITIEN_TESTING", None)
    var_dir = Path(env["CAITIEN_VAR_DIR"])
    env["CAITIEN_BENCH_PLAN"] = str(var_dir / "load-plan.json")
    try:
        subprocess.run(
            [sys.executable, "-m", "bench._load_site"], cwd=ROOT, env=env, timeout=SETUP_TIMEOUT, check=True
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"FAILED: chuẩn bị dữ liệu không xong ({exc})")
        return 1
    plan = json.loads(Path(env["CAITIEN_BENCH_PLAN"]).read_text(encoding="utf-8"))
    from caitien.serving import web_threads, web_workers

    # The production server as scripts/serve starts it: gthread workers, same counts.
    port, workers, threads = _free_port(), web_workers(), web_threads()
    log = var_dir / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "caitien.wsgi", f"--bind=127.0.0.1:{port}",
             f"--workers={workers}", f"--threads={threads}", "--worker-class=gthread",
             "--timeout=120", "--graceful-timeout=5"],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_ready(port, server, log)
            _warm_up(port, plan, workers)
            results: list = []
            deadline = time.time() + SECONDS
            people, editors = [], 0
            for i in range(USERS):
                office = OFFICE_EVERY > 0 and i % OFFICE_EVERY == 0
                kind = "specialist" if office else ("principal" if i % 2 else "public")
                if kind == "principal":  # each principal edits a plan of their own: no edit conflicts
                    kind = "principal" if editors < len(plan["editors"]) else "public"
                    editors += kind == "principal"
                if kind == "public" and not plan["published"]:
                    kind = "specialist"
                people.append(
                    Person(port, kind, plan, editors - 1 if kind == "principal" else i, deadline, results)
                )
            load_before = os.getloadavg()[0]
            t0 = time.perf_counter()
            for p in people:
                p.start()
            for p in people:
                p.join()
            elapsed = time.perf_counter() - t0
            load_after = os.getloadavg()[0]
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    counted = [r for r in results if r[0] != "soạn kế hoạch"]
    print(
        f"{USERS} người, {SECONDS:.0f} s, nghỉ ~{THINK:g} s giữa hai yêu cầu, gunicorn {workers} tiến trình "
        f"× {threads} luồng; tải máy (1 phút) {load_before:.1f} lúc đầu, {load_after:.1f} lúc cuối "
        f"({os.cpu_count()} lõi):",
        flush=True,
    )
    _report(counted, elapsed)
    text = log.read_text(errors="replace")
    print(f"  “database is locked” trong nhật ký máy chủ: {text.count('database is locked')}")
    print(f"  lỗi máy chủ (Traceback) trong nhật ký: {text.count('Traceback')}")
    if "Traceback" in text:
        lines = text[text.index("Traceback") :].splitlines()[1:80]
        end = next((n for n, line in enumerate(lines) if line and not line.startswith(" ")), len(lines) - 1)
        print("  lỗi đầu tiên:", " | ".join(x.strip() for x in lines[max(end - 2, 0) : end + 1])[:600])
    return 0


def run():
    on_each_database(_load, "load")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    run()
