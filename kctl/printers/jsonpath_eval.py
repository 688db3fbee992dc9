"""Evaluator for parsed JSONPath templates, with kubectl's semantics and error texts.

Values are decoded JSON (dict, list, str, int, float, bool, None). Two extra markers model
what Go's reflection produces and kubectl's output depends on: ``GoByte`` (a string's bytes,
from ``.*`` or ``..`` over a string) and ``NOTHING`` (the invalid ``reflect.Value`` kubectl
walks when a ``{range}`` has no items, or ranges over a null).

``{range}``/``{end}`` work the way client-go's FindResults does: the root list is flat, a range
re-runs the rest of the list once per item and an ``{end}`` stops that run; after the range,
evaluation resumes behind the last ``{end}`` seen. Reproducing that loop (rather than building a
tree) keeps even odd templates (missing ``{end}``, ``{end}`` inside a union) byte-compatible.
"""

from __future__ import annotations

import re
from typing import Any

from kctl.printers.jsonpath_gofmt import GoByte, as_go_number, go_type_name, sprint
from kctl.printers.jsonpath_parser import (
    ArrayNode,
    BoolNode,
    FieldNode,
    FilterNode,
    FloatNode,
    IdentifierNode,
    IntNode,
    ListNode,
    Node,
    RecursiveNode,
    TextNode,
    UnionNode,
    WildcardNode,
)


class _Nothing:
    """Go's invalid ``reflect.Value`` (what ``reflect.ValueOf(nil)`` gives)."""

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING: Any = _Nothing()


class EvalError(Exception):
    """An execution error; ``partial`` is what the failing step returned alongside it in
    kubectl (an existence filter still counts those values)."""

    def __init__(self, message: str, partial: list[Any] | None = None) -> None:
        super().__init__(message)
        self.partial = partial if partial is not None else []


def _children(value: Any) -> list[Any]:
    """Map values, list items, or a string's bytes: what ``.*`` and ``..`` step into."""
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str) and not isinstance(value, bool):
        return [GoByte(b) for b in value.encode("utf-8", "surrogateescape")]
    return []


def _printable(value: Any) -> str:
    """``%v`` of a reflect.Value in an error message."""
    if value is NOTHING:
        return "<invalid reflect.Value>"
    return sprint(value)


# -- comparisons: the forked text/template eq/lt rules kubectl uses in filters


def _kind(value: Any) -> str:
    value = as_go_number(value)
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, GoByte):
        return "uint"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    raise EvalError("invalid type for comparison")


def _eq(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        if {ka, kb} == {"int", "uint"}:
            return bool(int(a) == int(b))
        raise EvalError("incompatible types for comparison")
    return bool(as_go_number(a) == as_go_number(b))


def _lt(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        if {ka, kb} == {"int", "uint"}:
            return bool(int(a) < int(b))
        raise EvalError("incompatible types for comparison")
    if ka == "bool":
        raise EvalError("invalid type for comparison")
    if ka == "string":
        # Go compares strings bytewise (UTF-8), which is code-point order
        return bool(a < b)
    return bool(as_go_number(a) < as_go_number(b))


def _compare(op: str, a: Any, b: Any, extensions: bool) -> bool:
    if op == "==":
        return _eq(a, b)
    if op == "!=":
        return not _eq(a, b)
    if op == "<":
        return _lt(a, b)
    if op == "<=":
        return _lt(a, b) or _eq(a, b)
    if op == ">":
        return not (_lt(a, b) or _eq(a, b))
    if op == ">=":
        return not _lt(a, b)
    if op == "=~" and extensions:
        if not isinstance(a, str) or not isinstance(b, str):
            raise EvalError("=~ needs a string on both sides")
        try:
            return re.search(b, a) is not None
        except re.error as exc:
            raise EvalError(f"invalid regular expression {b!r}: {exc}") from None
    raise EvalError(f"unrecognized filter operator {op}")


class Evaluator:
    """One execution of a template: kubectl keeps range bookkeeping in these counters."""

    def __init__(self, allow_missing_keys: bool, extensions: bool = False) -> None:
        self.allow_missing = allow_missing_keys
        self.extensions = extensions
        self.begin_range = 0
        self.in_range = 0
        self.end_range = 0
        self.last_end = -1

    def find_results(self, data: Any, nodes: list[Node], start: int = 0) -> list[list[Any]]:
        """Results per top-level node (text or action), ranges expanded."""
        current = [data]
        full: list[list[Any]] = []
        i = start
        while i < len(nodes):
            results = self.walk(current, nodes[i])
            if self.end_range > 0 and self.end_range <= self.in_range:
                self.end_range -= 1
                self.last_end = i
                break
            if self.begin_range > 0:
                self.begin_range -= 1
                self.in_range += 1
                if results:
                    for item in results:
                        # a null item becomes Go's invalid Value inside the range
                        full.extend(self.find_results(_range_item(item), nodes, i + 1))
                else:
                    self.find_results(NOTHING, nodes, i + 1)
                self.in_range -= 1
                # resume behind the {end} the range stopped at (if it is ahead of us)
                if self.last_end > i:
                    i = self.last_end
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def walk(self, values: list[Any], node: Node) -> list[Any]:
        if isinstance(node, ListNode):
            return self.eval_list(values, node)
        if isinstance(node, TextNode):
            return [node.text]
        if isinstance(node, FieldNode):
            return self.eval_field(values, node)
        if isinstance(node, ArrayNode):
            return self.eval_array(values, node)
        if isinstance(node, FilterNode):
            return self.eval_filter(values, node)
        if isinstance(node, (IntNode, FloatNode, BoolNode)):
            return [node.value] * len(values)
        if isinstance(node, WildcardNode):
            return [child for value in values for child in _children(value)]
        if isinstance(node, RecursiveNode):
            return self.eval_recursive(values)
        if isinstance(node, UnionNode):
            out: list[Any] = []
            for branch in node.branches:
                try:
                    out.extend(self.eval_list(values, branch))
                except EvalError as exc:
                    raise EvalError(str(exc), values) from None
            return out
        return self.eval_identifier(values, node)

    def eval_list(self, values: list[Any], node: ListNode) -> list[Any]:
        current = values
        for step in node.nodes:
            current = self.walk(current, step)
        return current

    def eval_identifier(self, values: list[Any], node: IdentifierNode) -> list[Any]:
        if node.name == "range":
            self.begin_range += 1
            return values
        if node.name == "end":
            if self.in_range > 0:
                self.end_range += 1
                return []
            raise EvalError("not in range, nothing to end")
        raise EvalError(f"unrecognized identifier {node.name}", values)

    def eval_field(self, values: list[Any], node: FieldNode) -> list[Any]:
        if not values:
            return []
        results = [v[node.name] for v in values if isinstance(v, dict) and node.name in v]
        if not results and not self.allow_missing:
            raise EvalError(f"{node.name} is not found")
        return results

    def eval_array(self, values: list[Any], node: ArrayNode) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None or value is NOTHING:
                continue  # kubectl skips nil (and would crash on an invalid value)
            if not isinstance(value, list):
                raise EvalError(f"{go_type_name(value)} is not array or slice", values)
            p0, p1, p2 = node.params
            length = len(value)
            start = p0.value if p0.known else 0
            if start < 0:
                start += length
            stop = p1.value if p1.known else length
            if stop < 0 or (stop == 0 and p1.derived):
                stop += length
            if stop == start:
                return result  # kubectl returns here, skipping later inputs
            if start >= length or start < 0:
                raise EvalError(
                    f"array index out of bounds: index {start}, length {length}", values
                )
            if stop > length or stop < 0:
                raise EvalError(
                    f"array index out of bounds: index {stop - 1}, length {length}", values
                )
            if start > stop:
                raise EvalError(
                    f"starting index {start} is greater than ending index {stop}", values
                )
            step = 1
            if p2.known:
                if p2.value <= 0:
                    raise EvalError("step must be > 0", values)
                step = p2.value
            result.extend(value[start:stop:step])
        return result

    def eval_recursive(self, values: list[Any]) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            children = _children(value)
            if children:
                result.append(value)
                result.extend(self.eval_recursive(children))
        return result

    def eval_filter(self, values: list[Any], node: FilterNode) -> list[Any]:
        results: list[Any] = []
        for value in values:
            if not isinstance(value, list):
                raise EvalError(
                    f"{_printable(value)} is not array or slice and cannot be filtered", values
                )
            for item in value:
                if self.filter_passes(item, node, values, results):
                    results.append(item)
        return results

    def filter_passes(
        self, item: Any, node: FilterNode, values: list[Any], done: list[Any]
    ) -> bool:
        passed = self.one_condition(item, node, values, done)
        for op, other in node.chain:
            if op == "&&":
                passed = passed and self.one_condition(item, other, values, done)
            else:
                passed = passed or self.one_condition(item, other, values, done)
        return passed

    def one_condition(
        self, item: Any, node: FilterNode, values: list[Any], done: list[Any]
    ) -> bool:
        try:
            lefts = self.eval_list([item], node.left)
            error: EvalError | None = None
        except EvalError as exc:
            lefts, error = exc.partial, exc
        if node.op == "exists":
            return bool(lefts)
        if error is not None:
            raise EvalError(str(error), values)
        if not lefts:
            return False
        if len(lefts) > 1:
            raise EvalError("can only compare one element at a time", values)
        try:
            rights = self.eval_list([item], node.right)
        except EvalError as exc:
            raise EvalError(str(exc), values) from None
        if not rights:
            return False
        if len(rights) > 1:
            raise EvalError("can only compare one element at a time", values)
        try:
            return _compare(node.op, lefts[0], rights[0], self.extensions)
        except EvalError as exc:
            raise EvalError(str(exc), done) from None


def _range_item(item: Any) -> Any:
    # FindResults(value.Interface()): a nil interface turns into reflect.ValueOf(nil)
    return NOTHING if item is None else item
