"""The background job that reads an uploaded plan file (run by `caitien worker`)."""

import datetime

from caitien.imports import services
from caitien.jobs.framework import job

MAX_ATTEMPTS = 3


def _gave_up(error, pending_id, **kwargs) -> None:
    services.pending_import_read_gave_up(pending_id, attempts=MAX_ATTEMPTS)


@job(max_attempts=MAX_ATTEMPTS, backoff=datetime.timedelta(seconds=10), on_give_up=_gave_up)
def read_import(pending_id: str) -> str:
    """Read the upload of one PendingImport. A file that cannot be read, or that runs past the
    limits, is a result (the import fails with its message), not an error: only the system's own
    faults (storage, database) are retried."""
    return services.pending_import_read(pending_id)
