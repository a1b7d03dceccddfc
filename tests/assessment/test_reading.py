"""Bounded, strict reading (`assessment.reading`): sizes, special files, JSON and YAML strictness."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.errors import InputError
from assessment.reading import (
    MAX_YAML_NODES,
    decode_text,
    expanded_size,
    parse_json,
    parse_yaml,
    read_limited,
)


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100) == b"x" * 100
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match=r"101 bytes; the limit is 0\.0001 MB") as refused:
        read_limited(path, 100)
    assert refused.value.kind == "too-large"


def test_special_files_are_refused_before_reading(tmp_path: Path) -> None:
    for special in ("/dev/zero", "/dev/null"):
        with pytest.raises(InputError, match="not a regular file"):
            read_limited(special, 1000)
    with pytest.raises(InputError, match="is a folder"):
        read_limited(tmp_path, 1000)
    with pytest.raises(InputError, match="cannot read file"):
        read_limited(tmp_path / "missing", 1000)


def test_a_byte_order_mark_is_dropped_and_other_bytes_are_not_text() -> None:
    assert decode_text(b"\xef\xbb\xbf{}", "f") == "{}"
    with pytest.raises(InputError, match="not a UTF-8 text file"):
        decode_text(b"\xff\xfe{", "f")


@pytest.mark.parametrize("text, message", [
    ('{"a": 1, "a": 2}', "duplicate key 'a'"),
    ('{"a": {"b": 1, "b": 1}}', "duplicate key 'b'"),
    ("[" + "9" * 31 + "]", "31 digits"),
    ('{"a": -Infinity}', "-Infinity is not a number"),
    ('{"a": 1e999}', "too large"),
])
def test_strict_json(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_json(text, "f")
    assert parse_json('{"a": [1, 2.5, "' + "9" * 40 + '"]}', "f") == {"a": [1, 2.5, "9" * 40]}


@pytest.mark.parametrize("text, message", [
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' at line 3"),
    ("a: " + "1" * 31 + "\n", "31 digits"),
    ("a: 1_" + "0" * 40 + "\n", "41 digits"),
    ("a: .inf\n", "not finite"),
    ("a: -.Inf\n", "not finite"),
    ("a: .nan\n", "not finite"),
    ("a: 1.0e+400\n", "not finite"),
    ("a: !!python/object:os.system x\n", "invalid YAML"),
    ("a: [1, 2\n", "invalid YAML at line"),
])
def test_strict_yaml(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_yaml(text, "f")


def test_aliases_are_allowed_until_they_expand_too_far() -> None:
    assert parse_yaml("x: &x [1, 2]\ny: *x\n", "f") == {"x": [1, 2], "y": [1, 2]}
    bomb = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6))
    with pytest.raises(InputError, match="values once its aliases are expanded"):
        parse_yaml(bomb, "f")


def test_expanded_size_counts_shared_parts_each_time_without_walking_them() -> None:
    leaf = [1] * 10
    level = leaf
    for _ in range(30):  # 10 ** 31 values once expanded; counted in microseconds
        level = [level] * 10
    assert expanded_size(level, MAX_YAML_NODES) > MAX_YAML_NODES
    assert expanded_size({"a": leaf, "b": leaf}, 100) == 1 + 2 + 11 + 11


def test_a_key_overriding_a_merged_one_is_yaml_not_a_duplicate() -> None:
    """Found by a breaker: `{<<: *b, x: 2}` was refused as a duplicate key; a key written twice still is."""
    from assessment.reading import parse_yaml

    assert parse_yaml("b: &b {x: 1, y: 2}\nc: {<<: *b, x: 2}\n", "f.yaml")["c"] == {"x": 2, "y": 2}
    with pytest.raises(InputError, match="duplicate key 'x' at line 1"):
        parse_yaml("c: {x: 1, x: 2}\n", "f.yaml")
