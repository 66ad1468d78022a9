"""Serving in production: how many gunicorn processes, and how static files are prepared.

`scripts/serve` (what `make run` starts) and the deployment units in deploy/ read these.
"""

from __future__ import annotations

import os

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

MAX_WEB_WORKERS = 8


def web_workers() -> int:
    """CAITIEN_WEB_WORKERS, else gunicorn's rule of thumb (2 × cores + 1), capped: each process
    holds the whole application in memory."""
    configured = os.environ.get("CAITIEN_WEB_WORKERS", "").strip()
    if configured:
        return max(1, int(configured))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(2 * cores + 1, MAX_WEB_WORKERS)


def web_threads() -> int:
    """Threads per process (CAITIEN_WEB_THREADS, default 4): a request waiting on the database
    does not hold a whole process."""
    return max(1, int(os.environ.get("CAITIEN_WEB_THREADS", "").strip() or 4))


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names (cached for a year by browsers) and gzip copies whitenoise serves to browsers
    that take them. No brotli copies and no compressed source maps: brotli at its best level took
    minutes over the API documentation's bundles for little gain over gzip."""

    def create_compressor(self, **kwargs):
        extensions = kwargs.pop("extensions", None) or Compressor.SKIP_COMPRESS_EXTENSIONS
        return Compressor(extensions=(*extensions, "map"), use_brotli=False, **kwargs)
