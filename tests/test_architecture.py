"""The architecture as tests: an import inside a function says why, and loading a policy loads no stage.

``make lint`` runs import-linter (``[tool.importlinter]`` in pyproject.toml): dependencies point down,
``cli -> builder -> stages -> policy -> errors``. It cannot tell an import put inside a function to dodge a
cycle from a lazy import of a heavy library, so this test makes the reason visible: every import in a
function body carries a comment with ``lazy:`` and the reason (``# lazy: scikit-learn takes 1-2 s to
import``), on its line or in the comment lines right above it; in a block of consecutive imports, the
first one's marks the block.
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import textwrap
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "safecohort"

MARK = "lazy:"


@dataclass(frozen=True)
class FunctionImport:
    """An import statement inside a function body, and whether a ``lazy:`` comment says why."""

    line: int
    marked: bool


def _comments(source: str) -> dict[int, str]:
    """The comment on each line of ``source`` (real comments only, not text inside strings)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {token.start[0]: token.string for token in tokens if token.type == tokenize.COMMENT}


def _statement_lists(node: ast.AST) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        statements = getattr(node, name, None)
        if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
            yield statements


def function_imports(source: str) -> list[FunctionImport]:
    """Every import inside a function (at any depth) of ``source``, in line order."""
    comments = _comments(source)
    lines = source.splitlines()

    def says_why(statement: ast.stmt) -> bool:
        line = statement.lineno
        if MARK in comments.get(line, ""):
            return True
        line -= 1  # the comment lines right above
        while line >= 1 and lines[line - 1].lstrip().startswith("#"):
            if MARK in comments.get(line, ""):
                return True
            line -= 1
        return False

    found: dict[int, bool] = {}
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            for statements in _statement_lists(node):
                block_marked = False
                for statement in statements:
                    if not isinstance(statement, ast.Import | ast.ImportFrom):
                        block_marked = False
                        continue
                    block_marked = block_marked or says_why(statement)
                    found[statement.lineno] = found.get(statement.lineno, False) or block_marked
    return [FunctionImport(line, marked) for line, marked in sorted(found.items())]


def _unmarked(path: Path) -> list[int]:
    return [i.line for i in function_imports(path.read_text(encoding="utf-8")) if not i.marked]


def _modules() -> list[tuple[str, Path]]:
    return sorted((path.relative_to(SRC).as_posix(), path) for path in SRC.rglob("*.py"))


def test_function_level_imports_say_why_they_are_lazy() -> None:
    unmarked = [f"src/safecohort/{name}:{line}" for name, path in _modules() for line in _unmarked(path)]
    assert not unmarked, (
        "imports inside functions without a '# lazy: <reason>' comment (move them to the top of the "
        f"module, or say why they must wait): {', '.join(unmarked)}"
    )


def test_the_check_tells_marked_imports_from_unmarked() -> None:
    source = textwrap.dedent(
        """\
        import os  # module level: not the check's concern

        def dodges_a_cycle():
            from safecohort.transform import operators
            return operators

        def heavy():
            # lazy: scikit-learn takes seconds to import,
            # and only one command needs it
            from sklearn import linear_model
            from sklearn import metrics
            x = 1
            from sklearn import tree
            return linear_model, metrics, tree, x

        class Model:
            def method(self):
                if self:
                    import json  # lazy: reason on the line itself
                    return json
                text = "# lazy: inside a string is not a comment"
                import csv
                return csv, text
        """
    )
    assert function_imports(source) == [
        FunctionImport(4, False),  # no comment
        FunctionImport(10, True),  # marked in the comment lines above
        FunctionImport(11, True),  # same block as the marked one
        FunctionImport(13, False),  # a statement in between ends the block
        FunctionImport(19, True),
        FunctionImport(22, False),  # the "comment" in the string above is not one
    ]


def test_loading_a_policy_loads_no_stage(hipaa_policy_path: Path, research_policy_path: Path) -> None:
    """The policy checks its operators against ``operator_specs`` without importing a stage."""
    program = (
        "import sys; from safecohort.policy import load_policy; "
        f"load_policy({str(hipaa_policy_path)!r}); load_policy({str(research_policy_path)!r}); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('safecohort'))))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    leaves = {"safecohort._version", "safecohort.errors", "safecohort.operator_specs", "safecohort.policy"}
    assert loaded == {"safecohort", *leaves}


def test_no_module_is_a_room_too_big_to_know() -> None:
    # Issue 13: a reader must be able to hold a module in mind; split a module that grows past this.
    too_big = {
        name: lines for name, path in _modules() if (lines := len(path.read_text().splitlines())) > 1000
    }
    assert too_big == {}
