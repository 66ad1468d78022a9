"""Fuzz: 2,000 mutated DOCX/XLSX/PDF/TXT/JSON plan files (fuzz.py, seeded) read in child processes.

Every file must be read or refused with the readers' own one-line Vietnamese ReadError: any other
exception is a crash, a file taking longer than PER_FILE_SECONDS is a hang, a child that dies (the
memory limit, a fault in a C library) is a kill. The whole run is bounded: two children, each file
under its time limit (CPU time, so that a busy machine is not taken for a hang).
"""

import json
import multiprocessing
import os
import time
from multiprocessing.connection import wait

from caitien.planfile import readers
from tests.readers import builders, fuzz

FILES = 2000
PER_FILE_SECONDS = 20  # CPU time of the child for one file: a loop, not a busy machine's slowness
PER_FILE_WALL_SECONDS = 180  # and a bound on waiting (a child stuck without using CPU)
MEMORY_LIMIT = 3 * 1024**3  # address space of one child


def _child(connection) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from caitien.planfile import readers as child_readers

    while True:
        job = connection.recv()
        if job is None:
            return
        name, data = job
        try:
            child_readers.read_bytes(data, name)
            connection.send(("read", ""))
        except child_readers.ReadError as exc:
            connection.send(("refused", str(exc)))
        except BaseException as exc:  # noqa: BLE001 - any other exception is the crash being looked for
            connection.send(("crash", f"{type(exc).__name__}: {str(exc)[:200]}"))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), children it waited for included."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(v) for v in fields[11:15]) / ticks


class _Pool:
    def __init__(self, size: int):
        self.context = multiprocessing.get_context("spawn")
        self.children = [self._start() for _ in range(size)]

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_child, args=(child,), daemon=True)
        process.start()
        return {"process": process, "pipe": parent, "job": None, "since": 0.0, "cpu": 0.0}

    def run(self, jobs):
        results = []
        jobs = iter(jobs)
        pending = True
        while pending or any(c["job"] for c in self.children):
            for child in self.children:
                if child["job"] is None and pending:
                    job = next(jobs, None)
                    if job is None:
                        pending = False
                        continue
                    child["job"], child["since"] = job[0], time.monotonic()
                    child["cpu"] = _cpu_seconds(child["process"].pid)
                    try:
                        child["pipe"].send(job)
                    except OSError:  # the child died between two files
                        results.append((job[0], "killed", f"exit code {child['process'].exitcode}"))
                        child.update(self._replace(child))
                        child["job"] = None
            busy = [c for c in self.children if c["job"]]
            if not busy:
                break
            ready = wait([c["pipe"] for c in busy], timeout=1.0)
            now = time.monotonic()
            for index, child in enumerate(self.children):
                if not child["job"]:
                    continue
                if child["pipe"] in ready:
                    try:
                        outcome, detail = child["pipe"].recv()
                    except EOFError:
                        outcome, detail = "killed", f"exit code {child['process'].exitcode}"
                        self.children[index] = self._replace(child)
                    results.append((child["job"], outcome, detail))
                    child["job"] = None
                elif (
                    _cpu_seconds(child["process"].pid) - child["cpu"] > PER_FILE_SECONDS
                    or now - child["since"] > PER_FILE_WALL_SECONDS
                ):
                    results.append((child["job"], "hang", f"over {PER_FILE_SECONDS} s"))
                    self.children[index] = self._replace(child)
        return results

    def _replace(self, child):
        child["process"].kill()
        child["process"].join(5)
        return self._start()

    def close(self):
        for child in self.children:
            try:
                child["pipe"].send(None)
            except OSError:
                pass
            child["process"].join(5)
            if child["process"].is_alive():
                child["process"].kill()


def _bases(built, tmp_path) -> dict[str, bytes]:
    short = builders.build_plan_docx(tmp_path / "ngan.docx", rows=builders.ROWS[:2])
    pdf = builders.soffice_pdf(short, tmp_path)
    doc = readers.read_path(short)
    lines = [f"{i.criterion}\t{i.expected_result}\t{i.solutions}\t{i.lead}\t{i.time_text}" for i in doc.items]
    text = "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024 - 2025\n" + "\n".join(lines)
    return {
        "docx": short.read_bytes(),
        "xlsx": built["xlsx"].read_bytes(),
        "pdf": pdf.read_bytes(),
        "txt": text.encode("utf-8"),
        "json": doc.to_json().encode("utf-8"),
    }


def test_two_thousand_mutated_files_never_crash_or_hang(built, tmp_path):
    bases = _bases(built, tmp_path)
    pool = _Pool(2)
    started = time.monotonic()
    try:
        results = pool.run(fuzz.mutations(bases, FILES))
    finally:
        pool.close()
    elapsed = time.monotonic() - started
    assert len(results) == FILES
    bad = [r for r in results if r[1] in ("crash", "hang", "killed")]
    refusals = [r[2] for r in results if r[1] == "refused"]
    assert all(message and "\n" not in message for message in refusals)
    summary = json.dumps(bad[:20], ensure_ascii=False, indent=1)
    assert not bad, (
        f"{len(bad)} of {FILES} files crashed, hung or killed the reader in {elapsed:.0f} s:\n{summary}"
    )
