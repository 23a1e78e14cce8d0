"""The arrows docs/architecture.md allows: a package imports only packages in lower layers (or itself), so
content knows no feature, the model toolkit never calls back, storage knows no content kind, and the pipeline
knows no HTTP. Read from the source, so a new import that breaks the rule fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "tactful"

# Lowest first. Packages in one layer do not import each other.
LAYERS = [
    {"errors"},
    {"settings", "safe_yaml", "csv_cells", "logging_setup", "seams"},
    {"language", "privacy", "records"},
    {"culture"},
    {"library"},
    {"llm"},
    {"knowledge"},
    {"insight"},
    {"drafting", "practice", "qa"},
    {"usecases"},
    {"services"},
    {"evaluation"},
    {"api", "console", "demo"},
    {"app", "cli"},
]
LAYER_OF = {name: n for n, layer in enumerate(LAYERS) for name in layer}


def _top(module: Path) -> str:
    parts = module.relative_to(BACKEND).with_suffix("").parts
    return parts[0]


def _imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, top-level tactful package) for every import of a tactful module in `path` (or `source` as if
    it were that file)."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    package = path.relative_to(BACKEND).parent.parts
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:  # "from . import x" at the top: x is the package
                    target = [alias.name for alias in node.names][:1]
            elif node.module and node.module.startswith("tactful."):
                target = node.module.split(".")[1:]
            else:
                continue
            if target:
                out.append((node.lineno, target[0]))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[1]) for a in node.names if a.name.startswith("tactful.")]
    return out


def _modules() -> list[Path]:
    return [
        p
        for p in BACKEND.rglob("*.py")
        if "migrations" not in p.parts
        and p.name != "__init__.py"
        or (p.name == "__init__.py" and p.parent != BACKEND and "migrations" not in p.parts)
    ]


def test_every_package_has_a_layer():
    packages = {_top(p) for p in _modules()}
    assert packages - LAYER_OF.keys() == set()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(BACKEND)))
def test_imports_point_only_down(path):
    here = _top(path)
    wrong = [
        f"line {line}: {here} -> {target}"
        for line, target in _imports(path)
        if target != here and target in LAYER_OF and LAYER_OF[target] >= LAYER_OF[here]
    ]
    assert not wrong, wrong


def test_the_rule_catches_an_upward_import():
    """The check itself: a library module that imported a feature would be reported."""
    path = BACKEND / "library" / "texts.py"
    found = [
        t for _, t in _imports(path, path.read_text(encoding="utf-8") + "\nfrom ..drafting import pipeline\n")
    ]
    assert "drafting" in found and LAYER_OF["drafting"] > LAYER_OF["library"]
    assert "drafting" not in [t for _, t in _imports(path)]


def test_the_architecture_page_lists_the_same_layers():
    """docs/architecture.md's table of parts is the rule this test enforces, layer by layer."""
    import re

    page = (BACKEND.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented: dict[int, set[str]] = {}
    for layer, cells in re.findall(r"^\| (\d+) \| ([^|]+) \|", page, re.MULTILINE):
        documented.setdefault(int(layer), set()).update(re.findall(r"`(\w+)`", cells))
    assert [documented[n] for n in sorted(documented)] == LAYERS


WEB = ("fastapi", "starlette", "uvicorn")


@pytest.mark.parametrize(
    "package", ["drafting", "usecases", "library", "llm", "insight", "knowledge", "records"]
)
def test_below_the_routes_nothing_knows_http(package):
    """The pipeline and the use cases run the same from a route, the CLI, a benchmark or a test."""
    for path in (BACKEND / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level]
        assert not [m for m in names if m.split(".")[0] in WEB], path
