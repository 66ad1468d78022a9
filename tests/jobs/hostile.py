"""Readers that misbehave on purpose, shaped like the product's reader (data, filename, *, progress).

The import tests name them in CAITIEN_IMPORT_READER, the setting the import job dispatches on, so
the real job, the real child process and the kernel's real limits deal with them."""

import os
import subprocess
import time

from caitien.planfile.readers import read_with_text


def spin(data, filename, *, progress=None):
    """Pure CPU, forever (a regular expression gone quadratic)."""
    n = 0
    while True:
        n += 1


def hoard(data, filename, *, progress=None):
    """Memory, without end (a table of a billion empty cells)."""
    chunks = []
    while True:
        chunks.append(bytearray(64 * 1024 * 1024))


def stall(data, filename, *, progress=None):
    """Waits on a helper that never finishes (a converter hung): no CPU used, so only the wall clock
    ends it. Writes its own pid and the helper's to CAITIEN_TEST_PID_FILE."""
    helper = subprocess.Popen(["sleep", "600"])
    with open(os.environ["CAITIEN_TEST_PID_FILE"], "w", encoding="ascii") as out:
        out.write(f"{os.getpid()} {helper.pid}\n")
    time.sleep(600)


def paged(data, filename, *, progress=None):
    """Says how far it is, page by page, like OCR does, then reads the file for real."""
    for page in range(1, 4):
        progress(page, 3)
    return read_with_text(data, filename)


def buggy(data, filename, *, progress=None):
    """A reader bug."""
    return {}["missing"]


def alive(pid: int) -> bool:
    """Whether the process still runs (a zombie waiting for a parent that does not reap is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
