"""Untrusted work in a limited child: the kernel's CPU and memory limits and the parent's clock end it."""

from caitien.jobs.limits import CPU_LIMIT, DONE, MEMORY_LIMIT, RAISED, TIMEOUT, Limits, run_limited
from tests.jobs import hostile


def _limits(**changes):
    values = {"cpu_seconds": 1, "memory_bytes": 200 * 1024 * 1024, "wall_seconds": 20}
    return Limits(**{**values, **changes})


def test_work_past_its_cpu_time_is_ended():
    outcome = run_limited(hostile.spin, b"", "x.txt", limits=_limits())
    assert outcome.status == CPU_LIMIT
    assert 0.9 <= outcome.seconds < 10  # the second of CPU it was allowed, then the end
    assert not hostile.alive(outcome.pid)


def test_work_past_its_memory_is_ended():
    outcome = run_limited(hostile.hoard, b"", "x.txt", limits=_limits(cpu_seconds=20))
    assert outcome.status == MEMORY_LIMIT
    assert not hostile.alive(outcome.pid)


def test_work_past_its_wall_clock_is_ended_with_the_helpers_it_started(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    monkeypatch.setenv("CAITIEN_TEST_PID_FILE", str(pids))
    outcome = run_limited(hostile.stall, b"", "x.txt", limits=_limits(cpu_seconds=20, wall_seconds=1.5))
    assert outcome.status == TIMEOUT
    assert 1.5 <= outcome.seconds < 10
    child, helper = map(int, pids.read_text().split())
    assert child == outcome.pid
    assert not hostile.alive(child) and not hostile.alive(helper)


def test_progress_and_the_result_come_back():
    seen = []
    outcome = run_limited(
        hostile.paged,
        "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường".encode(),
        "ke-hoach.txt",
        limits=_limits(cpu_seconds=30),
        on_progress=lambda *values: seen.append(values),
    )
    assert outcome.status == DONE
    assert seen == [(1, 3), (2, 3), (3, 3)]
    document, text = outcome.value
    assert "Phương hướng" in text


def test_an_exception_comes_back_as_itself():
    outcome = run_limited(hostile.buggy, b"", "x.txt", limits=_limits())
    assert outcome.status == RAISED
    assert isinstance(outcome.error, KeyError) and "missing" in outcome.detail
