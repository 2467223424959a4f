"""No import circles among thidua's modules, counting imports inside functions too: a circle hidden by
an import moved into a function is still a circle."""

import ast
import pathlib

import thidua

ROOT = pathlib.Path(thidua.__file__).parent


def _modules(root: pathlib.Path) -> dict[str, pathlib.Path]:
    modules = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = ["thidua", *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: pathlib.Path, modules: dict[str, pathlib.Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from a import b" imports the module a.b when there is one, else a name of a
            found.update(
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
            )
    return {module for module in found if module in modules and module != name}


def import_circles(root: pathlib.Path = ROOT) -> list[list[str]]:
    """Every circle, as the modules of one strongly connected component of the import graph."""
    modules = _modules(root)
    graph = {name: sorted(_imports(name, path, modules)) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    return circles


def test_no_module_of_thidua_imports_itself_in_a_circle():
    assert import_circles() == []


def test_the_walk_sees_imports_inside_functions(tmp_path):
    (tmp_path / "a.py").write_text("def f():\n    from thidua import b\n")
    (tmp_path / "b.py").write_text("from . import a\n")
    (tmp_path / "__init__.py").write_text("")
    assert import_circles(tmp_path) == [["thidua.a", "thidua.b"]]
