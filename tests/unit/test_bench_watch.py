"""bench.watch's pieces that need no cluster: line timing, names, the report."""

from __future__ import annotations

import subprocess
import sys

from bench.watch import Lines, Tool, first_words, render


def test_lines_are_counted_as_they_arrive_with_their_times() -> None:
    code = (
        "import sys,time;print('NAME');sys.stdout.flush();time.sleep(0.3);print('a 1');print('b 2')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    out = Lines(proc)
    assert out.wait_for(3, timeout=30)
    proc.wait()
    assert out.lines == [b"NAME", b"a 1", b"b 2"]
    assert out.times[0] <= out.times[1] <= out.times[2]
    assert first_words(out.lines[1:]) == ["a", "b"]


def test_report_gives_ratios_and_names_problems() -> None:
    kctl = Tool("kctl", [], first_row=[0.2], last_row=[1.0], rss_quarter=[2**20], rss_end=[2**20])
    kubectl = Tool("kubectl", [], first_row=[0.1], last_row=[2.0], problem="printed 3 of 5 rows")
    text = render(
        [kctl, kubectl], {"date": "d", "runs": "1", "pods": "5", "events": "2", "load": "0"}
    )
    assert "| `get pods -A -w`: first row | 200 ms | 100 ms | 2.00× |" in text
    assert "| `get pods -A -w`: last initial row | 1000 ms | 2000 ms | 0.50× |" in text
    assert "kubectl: printed 3 of 5 rows" in text
