"""Real servers and workers in subprocesses, on this test's database.

`site` starts `scripts/serve`, gunicorn or `caitien worker` as separate processes that share the
test database — the very test database on PostgreSQL (a `transaction=True` test commits), a copy
of it in a file on SQLite (`site.publish()` copies the in-memory test database there) — and one
files folder, as several machines share a database and an object store. Everything started is
stopped at the end of the test.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET = "cai-tien-kiem-thu-nhieu-may-" + "x" * 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    def __init__(self, tmp_path: Path):
        self.var = tmp_path / "var"
        self.var.mkdir()
        self.logs = tmp_path / "logs"
        self.logs.mkdir()
        self.processes: list[tuple[str, subprocess.Popen]] = []
        env = {k: v for k, v in os.environ.items() if k not in ("CAITIEN_TESTING", "DATABASE_URL")}
        env.update(
            CAITIEN_VAR_DIR=str(self.var),
            CAITIEN_SECRET_KEY=SECRET,  # every machine of a site shares one key
            CAITIEN_HOSTS="127.0.0.1,localhost",
            CAITIEN_WEB_WORKERS="1",
            CAITIEN_WEB_THREADS="2",
            PYTHONPATH=str(ROOT),  # the workers import test jobs (tests.jobs.sample_jobs)
        )
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            auth = urllib.parse.quote(s["USER"] or "")
            if s.get("PASSWORD"):
                auth += ":" + urllib.parse.quote(s["PASSWORD"])
            env["DATABASE_URL"] = (
                f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
            )
        self.env = env

    @property
    def sqlite_file(self) -> Path:
        return self.var / "caitien.sqlite3"

    def publish(self) -> None:
        """Make what the test wrote so far visible to the subprocesses."""
        if connection.vendor != "sqlite":
            return  # PostgreSQL: committed already
        connection.ensure_connection()
        target = sqlite3.connect(self.sqlite_file)
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()

    def query(self, sql: str, params=()) -> list[tuple]:
        """Rows as the subprocesses left them."""
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.sqlite_file) as db:
                return db.execute(sql, params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall()

    def start(self, name: str, argv: list[str], **env) -> subprocess.Popen:
        out = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        return process

    def web(self, name: str, *extra: str, wait: bool = True) -> str:
        """An app server (scripts/serve without its worker); its address (once it answers)."""
        port = free_port()
        self.start(name, [sys.executable, "scripts/serve", "--port", str(port), "--no-worker", *extra])
        url = f"http://127.0.0.1:{port}"
        if wait:
            self.wait_until_up(url, name)
        return url

    def worker(self, name: str, *extra: str, **env) -> subprocess.Popen:
        argv = [str(BIN / "caitien"), "worker", "--no-startup-delay", "--interval=0.2", *extra]
        return self.start(name, argv, **env)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def wait_until_up(self, url: str, name: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/dang-nhap/", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError(f"{name} did not start:\n{self.log(name)}")

    def stop(self, process: subprocess.Popen, timeout: float = 20) -> int:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            return process.wait()

    def stop_all(self) -> None:
        for _name, process in reversed(self.processes):
            self.stop(process)


@pytest.fixture
def site(transactional_db, tmp_path):
    started = Site(tmp_path)
    yield started
    started.stop_all()


class Browser:
    """A person's browser over plain HTTP: one cookie jar for every server of the site (cookies
    belong to the host, not the port), CSRF token sent back like a form does."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def get(self, url: str, headers=None):
        return self._open(urllib.request.Request(url, headers=headers or {}))

    def post(self, url: str, fields: dict, files: dict | None = None):
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for key, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                )
            for key, (filename, data) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n".encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self._open(urllib.request.Request(url, data=body, headers={"Content-Type": content_type}))

    def _open(self, request):
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        response.text = response.read().decode("utf-8", errors="replace")
        return response

    def login(self, base: str, username: str, password: str) -> None:
        self.get(base + "/dang-nhap/")
        page = self.post(base + "/dang-nhap/", {"username": username, "password": password})
        assert "/dang-nhap/" not in page.url, page.text[:2000]


@pytest.fixture
def browser():
    return Browser()


@pytest.fixture
def server_password(settings):
    """Set a user's password the way the servers check it (they run with production hashers)."""
    from django.contrib.auth.hashers import make_password

    def set_password(user, password):
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
        user.password = make_password(password)
        user.save(update_fields=["password"])

    return set_password
