"""Reading a model card (a README.md with YAML front matter) into the facts the prefill uses.

The metadata is read by huggingface_hub's `ModelCardData` from the text given, never from the
network (nothing that downloads is imported). Before that, the bytes are bounded and checked (size, binary, front
matter, YAML, alias expansion), so every bad card is an `InputError` with one clear line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from assessment.errors import InputError
from assessment.reading import construct_yaml, strict_yaml_loader

MAX_CARD_BYTES = 1_000_000
# A YAML alias can repeat a large node many times ("billion laughs"); the parsed card, expanded,
# may hold at most this many values.
MAX_EXPANDED_NODES = 200_000
MAX_EVIDENCE_CHARS = 300

# What the metadata of each kind of Hub card has (https://huggingface.co/docs/hub/model-cards).
MODEL_KEYS = frozenset({
    "license", "license_name", "license_link", "library_name", "base_model", "datasets", "model-index",
    "pipeline_tag", "tags", "language", "metrics", "model_name", "widget", "inference", "co2_eq_emissions",
    "thumbnail", "new_version", "base_model_relation",
})
DATASET_ONLY_KEYS = frozenset({
    "task_categories", "task_ids", "size_categories", "annotations_creators", "language_creators",
    "multilinguality", "source_datasets", "dataset_info", "configs", "pretty_name", "paperswithcode_id",
})
SPACE_ONLY_KEYS = frozenset({"sdk", "sdk_version", "app_file", "app_port", "colorFrom", "colorTo", "emoji"})
MODEL_ONLY_KEYS = frozenset({"library_name", "base_model", "model-index", "pipeline_tag", "model_name"})
GATED_KEYS = ("gated", "extra_gated_prompt", "extra_gated_fields", "extra_gated_heading",
              "extra_gated_description", "extra_gated_button_content")
_FENCE = re.compile(r"^ {0,3}(```|~~~)\s*([\w+-]*)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Fact:
    """One thing the card says, with the line it is on (1-based) for the evidence."""

    field: str
    value: str
    line: int

    @property
    def evidence(self) -> str:
        return clip(f"line {self.line}: {self.field}: {self.value}")


@dataclass(frozen=True)
class CardFacts:
    licence: Fact | None = None
    licence_names: tuple[str, ...] = ()  # the licence id(s) to classify (license_name when license is "other")
    gated: Fact | None = None
    datasets: Fact | None = None
    benchmarks: tuple[str, ...] = ()
    benchmark_fact: Fact | None = None
    usage_code: Fact | None = None
    library_name: Fact | None = None
    base_model: Fact | None = None
    problems: tuple[Fact, ...] = ()  # what the card has but could not be read (e.g. a malformed model-index)
    other_fields: tuple[Fact, ...] = field(default_factory=tuple)  # fields no fact is taken from


def clip(text: str, limit: int = MAX_EVIDENCE_CHARS) -> str:
    """One line of plain text: control characters dropped, whitespace collapsed, at most `limit` characters."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def decode_card(raw: bytes | str, source: str) -> str:
    """The card's text, or InputError: over 1 MB, binary, or not UTF-8."""
    if isinstance(raw, str):
        if len(raw) > MAX_CARD_BYTES:  # characters >= bytes/4; the byte count is checked below too
            raise InputError(source, f"the model card is over 1 MB ({len(raw):,} characters)", kind="too-large")
        raw = raw.encode("utf-8", errors="surrogatepass")
    if len(raw) > MAX_CARD_BYTES:
        raise InputError(source, f"the model card is {len(raw):,} bytes; the limit is 1 MB", kind="too-large")
    if b"\x00" in raw:
        raise InputError(source, "not a text file (it holds NUL bytes): a model card is a Markdown file",
                         kind="not-text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(source, "not a UTF-8 text file (is it a binary file?)", kind="not-text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, source: str) -> tuple[str, int, int]:
    """(YAML block, line of its first key, line after the closing '---'), as the Hub reads it."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or lines[start].strip() != "---":
        raise InputError(source, "no YAML front matter: a model card starts with a '---' line, its metadata,"
                                 " and another '---' line", kind="no-front-matter")
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip(" \t") == "---":
            return "\n".join(lines[start + 1 : end]), start + 2, end + 2
    raise InputError(source, f"the front matter opened on line {start + 1} is never closed with a '---' line",
                     kind="no-front-matter")


def _compose(block: str, first_line: int, source: str) -> tuple[yaml.Node | None, Any]:
    """The YAML's node graph (aliases not expanded) and the project's strict loader that constructs it
    (`assessment.reading`). The block is padded to where it starts, so every line number (marks, and the
    strict constructors' messages) is that of the card file."""
    loader = strict_yaml_loader("\n" * (first_line - 1) + block)
    try:
        return loader.get_single_node(), loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(source, f"the front matter is not valid YAML{where}: {clip(str(problem), 120)}",
                         kind="broken-yaml") from None
    except RecursionError:
        raise InputError(source, "the front matter is nested too deeply to be a model card",
                         kind="broken-yaml") from None


def _expanded_size(root: yaml.Node) -> int:
    """How many values the YAML holds once every alias is expanded (shared nodes counted each time).

    A node that contains itself (`a: &a [*a]`) expands without end: it counts as too many."""
    too_many = MAX_EXPANDED_NODES + 1
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the path from the root to where the walk is
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if done or not children:
            open_nodes.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes.get(id(c), 1) for c in children), too_many)
            continue
        if any(id(c) in open_nodes or c is node for c in children):
            return too_many  # a recursive alias
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def key_lines(root: yaml.MappingNode) -> dict[str, int]:
    """Top-level key -> the card line it is on (the node graph of `_compose`, marks counted in the file)."""
    return {k.value: k.start_mark.line + 1 for k, _ in root.value if isinstance(k, yaml.ScalarNode)}


def check_front_matter(block: str, first_line: int, source: str) -> tuple[dict[str, int], Any]:
    """Check the YAML is safe to construct and is a model card's metadata: (key lines, its plain data)."""
    root, loader = _compose(block, first_line, source)
    if root is None:
        raise InputError(source, "the front matter is empty: a model card's metadata names at least its licence"
                                 " or library", kind="not-model-card")
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise InputError(source, f"the front matter is {kind}, not the field: value metadata of a model card",
                         kind="not-model-card")
    # An alias is written `*name`: without a `*` nothing is shared, and the count can be skipped.
    if "*" in block and _expanded_size(root) > MAX_EXPANDED_NODES:
        raise InputError(source, f"the front matter expands to more than {MAX_EXPANDED_NODES:,} values"
                                 " (YAML aliases); no model card needs that", kind="broken-yaml")
    lines = key_lines(root)
    keys = set(lines)
    if keys & SPACE_ONLY_KEYS and not keys & MODEL_ONLY_KEYS:
        found = ", ".join(sorted(keys & SPACE_ONLY_KEYS))
        raise InputError(source, f"this is a Hugging Face Space card ({found}), not a model card",
                         kind="not-model-card")
    if keys & DATASET_ONLY_KEYS and not keys & MODEL_ONLY_KEYS:
        found = ", ".join(sorted(keys & DATASET_ONLY_KEYS))
        raise InputError(source, f"this is a dataset card ({found}), not a model card", kind="not-model-card")
    if not keys & MODEL_KEYS:
        found = ", ".join(sorted(keys)[:5])
        raise InputError(source, f"the front matter has none of a model card's fields (license, library_name,"
                                 f" base_model, datasets, model-index, ...); it has {clip(found, 100)}",
                         kind="not-model-card")
    # Built by the strict loader that composed it: a duplicate key or an over-long number is refused with its
    # line, as in a rubric.
    try:
        return lines, construct_yaml(loader, root, source, max_nodes=MAX_EXPANDED_NODES)
    except InputError as exc:
        raise InputError(source, f"the front matter cannot be used: {exc.message.removeprefix('not accepted: ')}",
                         kind="broken-yaml") from None


def parse_metadata(data: dict[str, Any], source: str) -> Any:
    """huggingface_hub's `ModelCardData` of the front matter's data (its model-index read into eval results).

    The YAML is loaded with libyaml's safe loader (what `ModelCard` does with the pure-Python one,
    some 10x slower on a large model-index), then handed to `ModelCardData` as `ModelCard` does.
    Only `repocard_data` is imported: no code that could reach the network is even loaded.
    """
    from huggingface_hub.repocard_data import ModelCardData  # ~0.6 s to import; only when a card is read

    # Its "Invalid model-index" warning would be a second line on stderr and in the server log: the
    # prefill already lists an unreadable model-index under "Not used".
    logging.getLogger("huggingface_hub.repocard_data").setLevel(logging.ERROR)
    try:
        return ModelCardData(**data, ignore_metadata_errors=True)
    except RecursionError:
        raise InputError(source, "the front matter is nested too deeply to be a model card",
                         kind="broken-yaml") from None
    except Exception as exc:  # any failure of the third-party parser on hostile input is bad input
        why = clip(str(exc) or type(exc).__name__, 160)
        raise InputError(source, f"the metadata is not a valid model card ({why})", kind="not-model-card") from None


def _as_strings(value: Any) -> tuple[str, ...]:
    """A card field's value as a tuple of short strings (str or list of str; anything else ignored)."""
    items = value if isinstance(value, list) else [value]
    return tuple(clip(str(v), 200) for v in items if isinstance(v, str | int | float) and not isinstance(v, bool)
                 and str(v).strip())


def _usage_code(lines: list[str], body_start: int) -> Fact | None:
    """The first fenced code block after the front matter, with its line and first line of code."""
    for i in range(max(body_start - 1, 0), len(lines)):
        match = _FENCE.match(lines[i])
        if match:
            code = next((ln.strip() for ln in lines[i + 1 : i + 20] if ln.strip() and not _FENCE.match(ln)), "")
            language = match.group(2) or "code"
            return Fact("usage example", clip(f"{language} block: {code}" if code else f"{language} block"), i + 1)
    return None


def _benchmarks(data: Any) -> tuple[tuple[str, ...], str]:
    """Distinct benchmark (dataset) names of the card's model-index, and the first few with a metric, as text."""
    from huggingface_hub.repocard_data import EvalResult

    names: dict[str, str] = {}
    results = getattr(data, "eval_results", None)
    # Only what the parser made of a model-index: a raw `eval_results:` key in the YAML can hold anything.
    for result in results if isinstance(results, list) else ():
        if not isinstance(result, EvalResult):
            continue
        name = getattr(result, "dataset_name", None) or getattr(result, "dataset_type", None)
        if not isinstance(name, str) or not name.strip():
            continue
        name = clip(name, 80)
        if name not in names:
            metric = f"{clip(str(result.metric_type), 40)} {clip(str(result.metric_value), 20)}"
            names[name] = f"{name} ({metric})" if len(names) < 12 else ""
    return tuple(names), ", ".join(text for text in names.values() if text)


def read_facts(raw: bytes | str, source: str = "model card") -> CardFacts:
    """Every fact the prefill can use from a model card's bytes or text; InputError for a bad card."""
    text = decode_card(raw, source)
    block, first_line, body_start = split_front_matter(text, source)
    lines_of, plain = check_front_matter(block, first_line, source)
    data = parse_metadata(plain, source)
    values = vars(data)

    def fact(key: str, shown: str | None = None) -> Fact | None:
        found = _as_strings(values.get(key))
        if not found and shown is None:
            return None
        return Fact(key, shown if shown is not None else ", ".join(found), lines_of.get(key, first_line))

    licence = fact("license")
    names = _as_strings(values.get("license"))
    if [n.lower() for n in names] == ["other"] and _as_strings(values.get("license_name")):
        names = _as_strings(values.get("license_name"))
        licence = Fact("license", f"other (license_name: {', '.join(names)})", lines_of.get("license", first_line))
    gated_key = next((k for k in GATED_KEYS if values.get(k) not in (None, False, "", [], {})), None)
    gated = None
    if gated_key is not None:
        gated = Fact(gated_key, clip(str(values[gated_key]), 120), lines_of.get(gated_key, first_line))
    benchmarks, benchmark_text = _benchmarks(data)
    problems: list[Fact] = []
    if "model-index" in lines_of and not benchmarks:
        problems.append(Fact("model-index", "not in the Hub's model-index format: no benchmark names read",
                             lines_of["model-index"]))
    used = {"license", "license_name", "datasets", "model-index", "library_name", "base_model", *GATED_KEYS}
    others = tuple(Fact(k, clip(str(values.get(k, "")), 80), line) for k, line in lines_of.items() if k not in used)
    return CardFacts(
        licence=licence,
        licence_names=names,
        gated=gated,
        datasets=fact("datasets"),
        benchmarks=benchmarks,
        benchmark_fact=Fact("model-index", benchmark_text, lines_of.get("model-index", first_line))
        if benchmarks else None,
        usage_code=_usage_code(text.split("\n"), body_start),
        library_name=fact("library_name"),
        base_model=fact("base_model"),
        problems=tuple(problems),
        other_fields=others,
    )
