"""An app imports only apps below it: the apps' import graph (every ``import timeledger.X`` in an
app's modules, function-local ones included; tests and migrations aside) has no cycle.

No order is written down: any cycle means some app reaches up into one that depends on it (as
core's template filters once imported billing, banking and autosend — those apps now register
their readers with ``core.stored_text`` instead).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _target(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "timeledger" else None


def import_graph() -> dict[str, dict[str, list[str]]]:
    """``{app: {imported app: [files that import it]}}``."""
    apps = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in apps or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "timeledger":
                    modules = [f"timeledger.{a.name}" for a in node.names]
                else:
                    modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            else:
                continue
            for module in modules:
                app = _target(module)
                if app in apps and app != parts[0]:
                    graph[parts[0]][app].append(str(path.relative_to(ROOT)))
    return graph


def find_cycle(graph) -> list[str]:
    """One cycle of the graph as ``[a, b, …, a]``, or ``[]``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_no_app_imports_an_app_above_it():
    graph = import_graph()
    cycle = find_cycle(graph)
    steps = [f"{a} → {b}: {graph[a][b][:3]}" for a, b in zip(cycle, cycle[1:], strict=False)]
    assert not cycle, "apps import each other in a cycle:\n" + "\n".join(steps)


def test_a_cycle_is_found():
    graph = {"core": {"billing": ["core/x.py"]}, "billing": {"core": ["billing/y.py"]}}
    assert find_cycle(graph) == ["billing", "core", "billing"]
    assert find_cycle({"billing": {"core": ["billing/y.py"]}}) == []
