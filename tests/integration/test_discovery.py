"""Discovery against the real control plane: request counts (from ``-v 6``), the cache file,
ETag revalidation, and kubectl's counts for the same operations."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kctl.discovery import cache as discovery_cache

pytestmark = pytest.mark.integration

_RESPONSE = re.compile(r'"Response" verb="GET" url="https://[^/"]+(/[^"]*)" status="(\d+)')


def requests_logged(stderr: str) -> list[tuple[str, str]]:
    """``(path, status)`` of every request a ``-v 6`` run logged."""
    return [(m.group(1), m.group(2)) for m in _RESPONSE.finditer(stderr)]


def test_cold_warm_and_refresh_request_counts(cluster: Any, kctl: Any, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = kctl("api-resources", "--cached", "-o", "name", "-v", "6", cache_dir=cache)
    assert cold.code == 0, cold
    assert requests_logged(cold.stderr) == [
        ("/api?timeout=32s", "200"),
        ("/apis?timeout=32s", "200"),
    ]
    warm = kctl("api-resources", "--cached", "-o", "name", "-v", "6", cache_dir=cache)
    assert warm.stdout == cold.stdout
    assert requests_logged(warm.stderr) == []
    # A refresh is two conditional requests; 304s unless discovery changed meanwhile (another
    # test's CRD going away), in which case the next refresh must be 304s.
    for _ in range(3):
        refreshed = kctl("api-resources", "-o", "name", "-v", "6", cache_dir=cache)
        logged = requests_logged(refreshed.stderr)
        assert [path for path, _status in logged] == ["/api?timeout=32s", "/apis?timeout=32s"]
        if [status for _path, status in logged] == ["304", "304"]:
            break
    else:
        raise AssertionError(f"no 304s on refresh: {logged}")


def test_kubectl_needs_as_many_requests(cluster: Any, kubectl: Any, tmp_path: Path) -> None:
    """The same operations through kubectl, for the record: kctl is never worse."""
    cache = tmp_path / "kcache"
    cold = kubectl("api-resources", "--cached", "-o", "name", "-v=6", cache_dir=cache)
    warm = kubectl("api-resources", "--cached", "-o", "name", "-v=6", cache_dir=cache)
    refreshed = kubectl("api-resources", "-o", "name", "-v=6", cache_dir=cache)
    assert len(requests_logged(cold.stderr)) >= 2
    assert requests_logged(warm.stderr) == []
    assert len(requests_logged(refreshed.stderr)) >= 2


def test_cache_file(cluster: Any, kctl: Any, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert kctl("api-resources", "--cached", "-o", "name", cache_dir=cache).code == 0
    path = discovery_cache.cache_file(cache, cluster.server)
    assert path.parent.parent == cache / "discovery"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    doc = json.loads(path.read_text())
    assert doc["server"] == cluster.server and doc["mode"] == "aggregated"
    assert set(doc["etags"]) == {"/api", "/apis"}
    assert doc["groups"][0] == {"name": "", "versions": ["v1"], "preferredVersion": "v1"}
    assert sorted(p.name for p in path.parent.iterdir()) == ["discovery.json"]


def test_corrupt_cache_is_refetched(cluster: Any, kctl: Any, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = kctl("api-resources", "--cached", "-o", "name", cache_dir=cache)
    path = discovery_cache.cache_file(cache, cluster.server)
    path.write_text('{"format": 1, "server": "' + cluster.server + '", "groups": [')
    again = kctl("api-resources", "--cached", "-o", "name", "-v", "6", cache_dir=cache)
    assert (again.code, again.stdout) == (0, first.stdout)
    assert len(requests_logged(again.stderr)) == 2
    assert discovery_cache.read(cache, cluster.server) is not None


def test_expired_cache_is_revalidated_with_etags(cluster: Any, kctl: Any, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = discovery_cache.cache_file(cache, cluster.server)
    for _ in range(3):
        kctl("api-resources", "-o", "name", cache_dir=cache)
        doc = json.loads(path.read_text())
        doc["fetchedAt"] -= 6 * 3600 + 60  # older than the 6 h TTL
        doc["failed"] = {}
        path.write_text(json.dumps(doc))
        again = kctl("api-resources", "--cached", "-o", "name", "-v", "8", cache_dir=cache)
        assert again.stderr.count("If-None-Match: ") == 2
        if again.stderr.count('status="304 Not Modified"') == 2:
            break
    else:
        raise AssertionError(f"no 304s after the TTL: {again.stderr}")
    assert json.loads(path.read_text())["fetchedAt"] > doc["fetchedAt"] + 6 * 3600
