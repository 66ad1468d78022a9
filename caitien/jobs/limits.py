"""Run untrusted work (reading an uploaded file) in a child process that cannot run away.

The child gets hard limits the kernel enforces — CPU seconds (RLIMIT_CPU: SIGXCPU, then SIGKILL)
and address space (RLIMIT_AS: allocations fail with MemoryError) — and the parent adds a wall-clock
deadline (a reader waiting on a subprocess uses no CPU). Past any of them the child's whole process
group is killed (LibreOffice or OCR helpers started by a reader die with it) and the caller gets an
`Outcome` saying which limit was hit. The child dies too if its parent (the worker) dies.

The child is forked: it starts at once with everything imported, and it never touches the
database — it talks to the parent only through a pipe (progress messages, then one result).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# What a child can end with.
DONE = "done"  # the function returned; Outcome.value holds its result
RAISED = "raised"  # the function raised; Outcome.error is the exception (re-created if picklable)
CPU_LIMIT = "cpu"  # more CPU time than allowed
MEMORY_LIMIT = "memory"  # more memory than allowed
TIMEOUT = "timeout"  # more wall-clock time than allowed
CRASHED = "crashed"  # the child died otherwise (a signal, a C library abort)


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int  # CPU time the work may use
    memory_bytes: int  # memory it may add to what the forked child starts with
    wall_seconds: float  # time from start to end, waiting included


@dataclass
class Outcome:
    status: str
    value: Any = None
    error: BaseException | None = None
    detail: str = ""
    seconds: float = 0.0
    pid: int | None = None


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _address_space() -> int:
    """This process's virtual size now: a forked child starts with its parent's."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _child(conn, limits: Limits, func, args, kwargs) -> None:
    os.setsid()  # its own process group, so the parent can kill every helper it starts
    _die_with_parent()
    for name in ("SIGINT", "SIGTERM", "SIGQUIT"):  # not the worker's graceful-shutdown handlers
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(used.ru_utime + used.ru_stime) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    memory = _address_space() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    def progress(*values) -> None:
        conn.send(("progress", values))

    try:
        value = func(*args, progress=progress, **kwargs)
    except MemoryError:
        conn.send(("memory", None))
        return
    except BaseException as exc:  # everything the function raises goes back to the parent
        try:
            conn.send(("raised", (exc, traceback.format_exc())))
        except Exception:  # an exception that does not pickle: its text is enough
            conn.send(("raised", (RuntimeError(f"{type(exc).__name__}: {exc}"), traceback.format_exc())))
        return
    try:
        conn.send(("done", value))
    except MemoryError:
        conn.send(("memory", None))


def run_limited(
    func: Callable[..., Any],
    *args,
    limits: Limits,
    on_progress: Callable[..., None] | None = None,
    **kwargs,
) -> Outcome:
    """`func(*args, progress=callback, **kwargs)` in a limited child. `on_progress(*values)` runs in
    this process for each `callback(*values)` the child makes (e.g. pages done, pages total)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, limits, func, args, kwargs), daemon=True)
    started = time.monotonic()
    deadline = started + limits.wall_seconds
    child.start()
    send.close()  # the child holds the writing end; EOF here means it is gone
    outcome = None
    try:
        while outcome is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                outcome = Outcome(TIMEOUT, detail=f"quá {limits.wall_seconds:g} giây")
                break
            if not receive.poll(min(remaining, 0.5)):
                continue
            try:
                kind, payload = receive.recv()
            except (EOFError, OSError):
                break  # the child died without a word: see its exit code below
            if kind == "progress":
                if on_progress is not None:
                    on_progress(*payload)
            elif kind == "done":
                outcome = Outcome(DONE, value=payload)
            elif kind == "memory":
                outcome = Outcome(MEMORY_LIMIT)
            else:
                error, trace = payload
                outcome = Outcome(RAISED, error=error, detail=trace)
    finally:
        receive.close()
        _end(child)
    if outcome is None:
        outcome = _died(child.exitcode)
    outcome.seconds = time.monotonic() - started
    outcome.pid = child.pid
    return outcome


def _end(child) -> None:
    """The child and everything it started are gone when this returns."""
    child.join(0.5)
    if child.exitcode is None or child.is_alive():
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.join()
    else:
        try:  # helpers the child left behind in its group
            os.killpg(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _died(exitcode: int | None) -> Outcome:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        # SIGXCPU at the soft CPU limit, SIGKILL at the hard one (a child ignoring SIGXCPU).
        return Outcome(CPU_LIMIT, detail=f"mã thoát {exitcode}")
    return Outcome(CRASHED, detail=f"mã thoát {exitcode}")
