"""Bounded, strict reading of input files: bytes, JSON and YAML, each refused with one clear line.

Every file a person hands the tool goes through here, so hostile input fails early and cheaply:

- a read is bounded before (only regular files; the size from `fstat`) and while reading (never
  more than the limit plus one byte), so `/dev/zero`, a pipe or a growing file cannot fill memory;
- a UTF-8 byte order mark is accepted (editors on Windows write one) and dropped;
- JSON and YAML refuse duplicate keys (no silent last-wins), integers longer than `MAX_INT_DIGITS`
  digits (Python refuses to convert more than 4,300 and says so in its own words), and numbers that
  are not finite (`NaN`, `Infinity`, `.inf`, `1e400`);
- YAML anchors and aliases are allowed, but the document they expand to is counted before any
  validation and refused above `MAX_YAML_NODES` (an alias bomb expands exponentially).

Pure Python; raises only `InputError`.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from assessment.errors import InputError

MAX_INT_DIGITS = 30  # far beyond any count, weight or score in these files
MAX_YAML_NODES = 200_000  # the shipped rubric expands to about 5,000
BOM = "\ufeff"
# libyaml's parser when available (about 8x faster); construction stays in Python, so the checks
# below apply to either parser.
# (`yaml.CParser` is not exported by the package: it lives in `yaml.cyaml`, present with libyaml.)
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    _Parser = None


def _megabytes(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def read_limited(path: str | Path, limit: int, *, kind: str = "too-large") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError for anything else.

    Opened without blocking (a FIFO would otherwise wait for a writer), checked with `fstat` on the
    open file (no race with a swapped path), then read with a hard cap.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(source, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, "is not a regular file (a device, pipe or socket cannot be read as input)")
        if info.st_size > limit:
            raise InputError(source, f"file is {info.st_size:,} bytes; the limit is {_megabytes(limit)}", kind=kind)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise InputError(source, f"file is larger than the limit of {_megabytes(limit)}", kind=kind)
    return b"".join(chunks)


def decode_text(raw: bytes, source: str, *, kind: str = "not-text") -> str:
    """UTF-8 text, with a leading byte order mark dropped. InputError for anything that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(source, "not a UTF-8 text file (is it a binary file?)", kind=kind) from None
    return text[1:] if text.startswith(BOM) else text


class _Refused(Exception):
    """A problem found while parsing, turned into an InputError by the caller."""


def _digits_ok(text: str) -> str:
    digits = text.lstrip("+-").replace("_", "")
    if len(digits) > MAX_INT_DIGITS:
        raise _Refused(f"a number with {len(digits):,} digits (at most {MAX_INT_DIGITS} are accepted)")
    return text


def _json_int(text: str) -> int:
    return int(_digits_ok(text))


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:40]} is too large")
    return value


def _json_constant(name: str) -> float:
    raise _Refused(f"{name} is not a number this file can hold")


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"duplicate key '{key[:80]}'")
        out[key] = value
    return out


def parse_json(text: str, source: str, *, kind: str = "not-json") -> Any:
    """Strict JSON: duplicate keys, huge integers and non-finite numbers are refused (InputError)."""
    try:
        return json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int,
                          parse_float=_json_float, parse_constant=_json_constant)
    except _Refused as exc:
        raise InputError(source, f"not accepted: {exc}", kind="bad-values") from None
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         kind=kind) from None
    except RecursionError:
        raise InputError(source, "not accepted: JSON nested too deeply", kind="not-assessment") from None


class StrictLoader(yaml.SafeLoader):
    """`yaml.SafeLoader`'s types (never arbitrary objects), minus duplicate keys and huge numbers."""


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    own = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")  # pairs written here
    loader.flatten_mapping(node)  # merged pairs (`<<: *base`) first, then this mapping's own
    merged = len(node.value) - own
    out: dict[Any, Any] = {}
    written: set[Any] = set()  # a key written twice is refused; one overriding a merged key is YAML
    for i, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in written if i >= merged else False
        except TypeError:  # an unhashable key (a list): let the base class say so
            return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep)
        if i >= merged:
            written.add(key)
        if duplicate:
            mark = key_node.start_mark
            raise _Refused(f"duplicate key '{str(key)[:80]}' at line {mark.line + 1}, column {mark.column + 1}")
        out[key] = loader.construct_object(value_node, deep=deep)
    return out


def _construct_int(loader: StrictLoader, node: yaml.ScalarNode) -> int:
    _digits_ok(str(node.value))
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_float(loader: StrictLoader, node: yaml.ScalarNode) -> float:
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        mark = node.start_mark
        raise _Refused(f"the number {str(node.value)[:40]} at line {mark.line + 1} is not finite")
    return value


StrictLoader.construct_mapping = _construct_mapping  # type: ignore[assignment, method-assign]
StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)

if _Parser is not None:
    class _FastStrictLoader(_Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
        """libyaml's parser with the strict constructors above."""

        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastStrictLoader.yaml_constructors = StrictLoader.yaml_constructors
    _FastStrictLoader.construct_mapping = _construct_mapping  # type: ignore[assignment, method-assign]
    _Loader: type = _FastStrictLoader
else:  # pragma: no cover - libyaml is part of the PyYAML wheels
    _Loader = StrictLoader


def expanded_size(data: Any, limit: int) -> int:
    """How many values `data` holds once every alias is expanded (shared parts count each time).

    Computed over the shared structure with a memo, so it is fast even when the answer is huge.
    """
    memo: dict[int, int] = {}

    def size(value: Any) -> int:
        if not isinstance(value, (dict, list)):
            return 1
        known = memo.get(id(value))
        if known is not None:
            return known
        memo[id(value)] = limit + 1  # a cycle (a recursive alias) counts as too large
        children = list(value.keys()) + list(value.values()) if isinstance(value, dict) else value
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                break
        memo[id(value)] = total
        return total

    try:
        return size(data)
    except RecursionError:
        return limit + 1


def strict_yaml_loader(text: str) -> Any:
    """The strict loader over `text` (libyaml's parser when present), for a caller that looks at the node
    graph first (`get_single_node()`) and then builds it with `construct_yaml`: the text is parsed once."""
    return _Loader(text)


def construct_yaml(loader: Any, node: yaml.Node | None, source: str, *, max_nodes: int = MAX_YAML_NODES) -> Any:
    """`node`, composed by `strict_yaml_loader`, as plain data with every check of `parse_yaml`."""
    try:
        data = None if node is None else loader.construct_document(node)
    except (_Refused, yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        raise _refusal(exc, source) from None
    if expanded_size(data, max_nodes) > max_nodes:
        raise InputError(source, f"not accepted: it holds more than {max_nodes:,} values once its aliases are"
                                 " expanded (a rubric or a model card needs a few thousand)")
    return data


def _refusal(exc: BaseException, source: str) -> InputError:
    if isinstance(exc, _Refused):
        return InputError(source, f"not accepted: {exc}")
    if isinstance(exc, yaml.YAMLError):
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return InputError(source, f"invalid YAML{where}: {problem}")
    return InputError(source, f"invalid YAML: {type(exc).__name__}")


def parse_yaml(text: str, source: str, *, max_nodes: int = MAX_YAML_NODES) -> Any:
    """Strict, safe YAML with a bound on what aliases expand to. InputError on any problem."""
    loader = strict_yaml_loader(text)
    try:
        node = loader.get_single_node()
    except (_Refused, yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        raise _refusal(exc, source) from None
    return construct_yaml(loader, node, source, max_nodes=max_nodes)
