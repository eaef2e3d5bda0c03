"""Fixtures shared by the local service's HTTP suites (each module chooses its own `server`)."""

from __future__ import annotations

import pytest

from tests.conftest import RawApi
from tests.localserver.helpers import Storage


@pytest.fixture
def storage(api: RawApi) -> Storage:
    """A client for the default unionId, of the module's service."""
    return Storage(api)
