"""The layers of ``desktop/`` point one way: checked over the import graph, imports inside
functions included (a lazy import is still a dependency), so a new module cannot quietly reach
up a layer or close a cycle.

Layers, bottom to top: the Qt-free domain (``phone``, ``i18n``, ``pcm``, ``privacy``, ``retry``,
``settings``, ``system``, ``sip``, ``ixc``, ``store``, ``forward``), then ``audio`` and ``ui``
(Qt), then ``desk`` (the desk's Qt controllers), then ``app`` (start-up and composition) and
``demo``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "desktop"

QT_FREE = ("phone", "i18n", "pcm", "privacy", "retry", "settings", "system", "sip", "ixc", "store",
           "forward", "threecx", "performance")
UPPER = ("ui", "desk", "app", "demo", "audio")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """Line numbers inside ``if TYPE_CHECKING:`` blocks (annotations only, never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, only for type checking) for every import in the file."""
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, node.lineno in typing_only
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path.name == "__init__.py", node)
            yield target, node.lineno, node.lineno in typing_only
            for alias in node.names:   # `from desktop.ixc import models` imports a module
                yield f"{target}.{alias.name}", node.lineno, node.lineno in typing_only


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _edges(include_typing: bool = True) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _, typing_only in _imports(path):
            if typing_only and not include_typing:
                continue
            if target in MODULES and target != name:
                graph[name].add(target)
    return graph


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _violations(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for name, path in MODULES.items():
        if _package(name) not in sources:
            continue
        for target, line, _ in _imports(path):
            parts = target.split(".")
            if parts[0] == "desktop" and len(parts) > 1 and parts[1] in forbidden:
                found.append(f"{path.relative_to(ROOT.parent)}:{line} imports {target}")
    return sorted(set(found))


def test_desktop_root_holds_packages_only() -> None:
    loose = sorted(p.name for p in ROOT.glob("*.py") if p.name != "__init__.py")
    assert loose == []


@pytest.mark.parametrize("package", [*QT_FREE, *UPPER])
def test_each_layer_is_a_package(package: str) -> None:
    assert (ROOT / package / "__init__.py").is_file()


def test_qt_free_packages_never_import_the_desk_the_widgets_or_the_app() -> None:
    assert _violations(QT_FREE, ("ui", "desk", "app", "demo", "audio")) == []


def test_qt_free_packages_never_import_qt_widgets() -> None:
    found = []
    for name, path in MODULES.items():
        if _package(name) in QT_FREE:
            found += [f"{name}:{line} {target}" for target, line, _ in _imports(path)
                      if target.startswith(("PySide6.QtWidgets", "PySide6.QtGui"))]
    assert found == []


def test_widgets_never_import_the_desk_or_the_app() -> None:
    assert _violations(("ui",), ("desk", "app", "demo")) == []


def test_widgets_make_no_http_and_no_sql() -> None:
    """ui/ shows the domain's types (an OutboxItem, a LogRequest) but never fetches or stores."""
    found = [f"{name}:{line} {target}" for name, path in MODULES.items() if _package(name) == "ui"
             for target, line, _ in _imports(path)
             if target.split(".")[0] in ("httpx", "sqlite3", "sqlite_utils")
             or target.startswith(("desktop.store.database", "desktop.ixc.client"))]
    assert found == []


def test_the_desk_never_imports_the_app_or_the_demo() -> None:
    assert _violations(("desk",), ("app", "demo")) == []


def test_only_sip_imports_pjsua2() -> None:
    found = [f"{name}:{line}" for name, path in MODULES.items() if _package(name) != "sip"
             for target, line, _ in _imports(path) if target.split(".")[0] == "pjsua2"]
    assert found == []


def test_no_import_cycles() -> None:
    graph = _edges(include_typing=False)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:        # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


def _private_reaches(package: str) -> list[str]:
    """``other._name``: a module using another object's private member (``self._x`` is fine)."""
    found = []
    for name, path in MODULES.items():
        if _package(name) != package:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            own = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in ("self", "cls")
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and not own):
                found.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("package", ["desk", "app"])
def test_the_desks_controllers_use_each_others_public_methods_only(package: str) -> None:
    assert _private_reaches(package) == []


def _forwards(cls: ast.ClassDef) -> list[str]:
    """Methods and properties whose whole body hands over to another object: ``return
    self.part.x`` or ``self.part.x(...)`` with the method's own arguments, nothing else."""
    found = []
    for node in cls.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr)
                                              and isinstance(s.value, ast.Constant))]  # docstring
        if len(body) != 1 or not isinstance(body[0], ast.Return | ast.Expr):
            continue
        value = body[0].value
        target = value.func if isinstance(value, ast.Call) else value
        own_args = {a.arg for a in node.args.args[1:]}
        plain_args = isinstance(value, ast.Call) and all(
            isinstance(a, ast.Name) and a.id in own_args for a in value.args) and not value.keywords
        # self.<part>.<name>: a chain of at least two attributes on self
        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute)
                and ast.unparse(target).startswith("self.")
                and (plain_args or not isinstance(value, ast.Call))):
            found.append(f"{cls.name}.{node.name}: {ast.unparse(value)}")
    return found


def test_the_composition_root_wires_and_forwards_nothing() -> None:
    """RamalApp builds and connects; a name that only forwards to a controller belongs to the
    controller (callers use it there) or to tests/ui/desk_under_test.py (the tests' shorthand)."""
    tree = ast.parse(MODULES["desktop.app.ramal_app"].read_text(encoding="utf-8"))
    [root] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "RamalApp"]
    assert _forwards(root) == []
