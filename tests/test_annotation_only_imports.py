"""Names imported under ``if TYPE_CHECKING:`` exist only for the type checker: a module
that uses one at run time (not in an annotation) fails with NameError when that line
runs, which mypy does not see. The start-up work moves imports there (issue 18), so
this test reads every module of the package and fails on such a use."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reljournal"


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"


def _imported(nodes: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in sub.names)
    return names


def _annotation_nodes(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.expr] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            every = [*a.posonlyargs, *a.args, *a.kwonlyargs]
            every += [x for x in (a.vararg, a.kwarg) if x is not None]
            annotations += [x.annotation for x in every if x.annotation is not None]
            if node.returns is not None:
                annotations.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            found.update(id(sub) for sub in ast.walk(annotation))
    return found


def runtime_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    blocks = [n for n in ast.walk(tree) if isinstance(n, ast.If) and _is_type_checking(n)]
    only_typed = _imported([stmt for block in blocks for stmt in block.body])
    if not only_typed:
        return []
    skip = _annotation_nodes(tree)
    for block in blocks:
        skip.update(id(sub) for sub in ast.walk(block))
    found: list[str] = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        local = _imported(function.body)
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Name)
                and node.id in only_typed
                and node.id not in local
                and id(node) not in skip
            ):
                found.append(f"{path.name}:{node.lineno} {node.id}")
    return sorted(set(found))


def test_names_imported_for_the_type_checker_only_are_not_used_at_run_time() -> None:
    uses = {
        str(path.relative_to(PACKAGE.parent)): runtime_uses(path)
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert {path: found for path, found in uses.items() if found} == {}


def test_the_check_finds_a_use_at_run_time(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from decimal import Decimal\n"
        "def fine(x: Decimal) -> Decimal:\n"
        "    return x\n"
        "def broken() -> object:\n"
        "    return Decimal(1)\n",
        encoding="utf-8",
    )
    assert runtime_uses(module) == ["probe.py:7 Decimal"]
