"""Fixtures shared by the unit tests that talk to the fault server (tests/faultserver.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faultserver import FaultServer, fault_server


@pytest.fixture(scope="module")
def _fault_server() -> Iterator[FaultServer]:
    with fault_server() as server:
        yield server


@pytest.fixture()
def fs(_fault_server: FaultServer) -> Iterator[FaultServer]:
    """The module's fault server with no routes and no recorded requests."""
    _fault_server.routes.clear()
    _fault_server.requests.clear()
    yield _fault_server
    _fault_server.routes.clear()
