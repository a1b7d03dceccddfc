"""The layout rules of the source tree, checked with `ast` (no module is imported).

Layers, lowest first: `assessment` (the engine and its features), `reports` (renderers), then the two
faces `cli` and `ui` (with `app.py`), which never import each other. An import may point down or
stay in its layer, never up. Inside the engine, the core modules (`assessment/*.py`) never import the
features built on them (`storage`, `workshop`). Only the UI imports streamlit. No import cycles, no
module over `MAX_LINES`, and every package says in its docstring what lives there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_LINES = 400
PACKAGES = ("assessment", "reports", "cli", "ui")
LAYER = {"assessment": 0, "reports": 1, "cli": 2, "ui": 2, "app": 2}
# Entry points sit above every layer: `python -m assessment` runs the command line that lives in cli/.
ENTRY_POINTS = frozenset({"assessment.__main__", "cli.__main__"})
ENGINE_FEATURES = ("assessment.storage", "assessment.workshop")  # built on the core, never imported by it
STREAMLIT_TOPS = frozenset({"ui", "app"})


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool


def source_modules(root: Path) -> dict[str, Module]:
    """Every module of the source packages (and app.py) under `root`, by dotted name."""
    found: dict[str, Module] = {}
    if (root / "app.py").is_file():
        found["app"] = Module("app", root / "app.py", False)
    for top in PACKAGES:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            parts = rel.parts
            is_package = parts[-1] == "__init__"
            name = ".".join(parts[:-1] if is_package else parts)
            found[name] = Module(name, path, is_package)
    return found


def _resolve(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: Module, known: dict[str, Module]) -> Iterator[tuple[str, int]]:
    """(imported module name, line) for every import in the file, at any depth (lazy ones too)."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"), filename=str(module.path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in known else target), node.lineno


def _top(name: str) -> str:
    return name.split(".")[0]


@dataclass(frozen=True)
class Problem:
    module: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.what}"


def _closest_known(name: str, known: dict[str, Module]) -> str | None:
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def graph(known: dict[str, Module]) -> dict[str, dict[str, int]]:
    """module -> {imported source module: line}; imports of third-party code are left out."""
    edges: dict[str, dict[str, int]] = {}
    for name, module in known.items():
        out: dict[str, int] = {}
        for target, line in imports_of(module, known):
            hit = _closest_known(target, known)
            if hit is not None and hit != name:
                out.setdefault(hit, line)
        edges[name] = out
    return edges


def layer_problems(known: dict[str, Module]) -> list[Problem]:
    problems = []
    for name, module in known.items():
        if name in ENTRY_POINTS:
            continue
        top = _top(name)
        for target, line in imports_of(module, known):
            ttop = _top(target)
            if ttop == "streamlit" and top not in STREAMLIT_TOPS:
                problems.append(Problem(name, line, f"imports streamlit below ui/ ({target})"))
            if ttop not in LAYER or ttop == top:
                if top == "assessment" and name.count(".") == 1 and target.startswith(ENGINE_FEATURES):
                    problems.append(Problem(name, line, f"the engine core imports a feature built on it ({target})"))
                continue
            if LAYER[ttop] > LAYER[top] or (LAYER[ttop] == LAYER[top] and {top, ttop} != {"ui", "app"}):
                problems.append(Problem(name, line, f"imports up or across a layer: {top} -> {ttop} ({target})"))
    return problems


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def size_problems(known: dict[str, Module]) -> list[Problem]:
    out = []
    for name, module in known.items():
        lines = len(module.path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            out.append(Problem(name, lines, f"{lines} lines (limit {MAX_LINES}): split it"))
    return out


def docstring_problems(known: dict[str, Module]) -> list[Problem]:
    out = []
    for name, module in known.items():
        if module.is_package:
            tree = ast.parse(module.path.read_text(encoding="utf-8"))
            if not (ast.get_docstring(tree) or "").strip():
                out.append(Problem(name, 1, "package without a docstring saying what lives there"))
    return out


def all_problems(root: Path) -> list[str]:
    known = source_modules(root)
    problems = [str(p) for p in layer_problems(known) + size_problems(known) + docstring_problems(known)]
    problems += [f"import cycle: {' <-> '.join(group)}" for group in cycles(graph(known))]
    return problems
