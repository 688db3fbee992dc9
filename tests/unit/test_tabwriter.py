"""Layout rules of Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3)."""

from __future__ import annotations

import io

from kctl.printers.tabwriter import TabWriter, format_rows


def test_width_is_widest_cell_plus_padding_and_last_column_unpadded() -> None:
    out = format_rows([["NAME", "STATUS"], ["nginx-deployment-abc", "Running"], ["x", "Pending"]])
    assert out == (
        "NAME                   STATUS\n"
        "nginx-deployment-abc   Running\n"
        "x                      Pending\n"
    )


def test_minimum_width_is_six() -> None:
    assert format_rows([["A", "B", "C"], ["a", "b", "c"]]) == "A     B     C\na     b     c\n"


def test_empty_cells_are_padded_to_the_column() -> None:
    # NAME column: max(6, 4 + 3) = 7; IP column: max(6, 2 + 3) = 6; an empty cell is all padding.
    assert format_rows([["NAME", "IP", "NODE"], ["p", "", "n1"]]) == (
        "NAME   IP    NODE\n" + "p      " + "      " + "n1\n"
    )


def test_a_line_without_tabs_ends_the_column_block() -> None:
    # kubectl separates resource types with a blank line; each block is sized on its own.
    out = format_rows(
        [["NAME", "AGE"], ["a-very-long-name", "1s"], [""], ["NAME", "AGE"], ["b", "2s"]]
    )
    assert out == ("NAME               AGE\na-very-long-name   1s\n\nNAME   AGE\nb      2s\n")


def test_remembered_widths_only_grow_across_flushes() -> None:
    buf = io.StringIO()
    tw = TabWriter(buf)
    tw.write_row(["NAME", "AGE"])
    tw.write_row(["a-long-pod-name", "1s"])
    tw.flush()
    tw.write_row(["b", "2s"])
    tw.flush()
    tw.write_row(["an-even-longer-pod-name", "3s"])
    tw.flush()
    assert buf.getvalue().splitlines() == [
        "NAME              AGE",
        "a-long-pod-name   1s",
        "b                 2s",
        "an-even-longer-pod-name   3s",
    ]


def test_without_remembered_widths_each_flush_is_sized_alone() -> None:
    buf = io.StringIO()
    tw = TabWriter(buf, remember_widths=False)
    tw.write_row(["a-long-pod-name", "1s"])
    tw.flush()
    tw.write_row(["b", "2s"])
    tw.flush()
    assert buf.getvalue() == "a-long-pod-name   1s\nb     2s\n"


def test_width_counts_code_points_like_go_runes() -> None:
    assert format_rows([["ñandú", "x"], ["ab", "y"]]) == "ñandú   x\nab      y\n"
