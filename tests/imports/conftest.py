import pytest

from caitien.imports.services import wait_for_readers


@pytest.fixture(autouse=True)
def _readers_finish():
    """Background reads end (and close their database connections) before the test's database goes."""
    yield
    wait_for_readers()
