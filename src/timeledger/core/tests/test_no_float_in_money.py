"""Money is never a float: an AST check over the modules that compute or store money (Python and
the SQL they build), so a ``float(...)``, a float literal, a ``FloatField`` or an SQL ``REAL``
cannot creep back in (``rates/locking.py`` once divided as floats on SQLite)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MONEY_MODULES = sorted(
    {
        *(ROOT / p for p in (
            "core/money.py",
            "core/hours.py",
            "rates/rules.py",
            "rates/locking.py",
            "rates/preview.py",
            "rates/selectors.py",
            "rates/resolution.py",
            "invoicing/totals.py",
            "invoicing/taxes.py",
            "invoicing/rules.py",
            "billing/rules.py",
            "contracts/rules.py",
            "payments/rules.py",
            "timesheets/rounding.py",
        )),
        *(ROOT / "billing/engine").rglob("*.py"),
    }
)  # fmt: skip
SQL_REAL = re.compile(r"\b(AS\s+REAL|AS\s+FLOAT|DOUBLE\s+PRECISION)\b", re.IGNORECASE)


def float_uses(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            found.append(f"line {node.lineno}: float literal {node.value!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_REAL.search(node.value):
                found.append(f"line {node.lineno}: SQL float cast")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "float":
                found.append(f"line {node.lineno}: float(...)")
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name == "FloatField":
                found.append(f"line {node.lineno}: FloatField")
    return found


@pytest.mark.parametrize("path", MONEY_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_money_module_uses_no_float(path):
    assert path.exists(), path
    assert float_uses(path.read_text()) == []


def test_the_check_finds_what_it_is_for():
    bad = (
        "x = 1.5\ny = float(z)\nf = FloatField()\n"
        "sql = 'CAST(a AS REAL) / 100'\nCast(a, models.FloatField())\n"
    )
    assert len(float_uses(bad)) == 5
    assert float_uses("isinstance(v, float)\nDecimal('1.5')\n") == []
