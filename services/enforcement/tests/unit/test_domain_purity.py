"""The domain stays pure: stdlib plus the two shared-kernel modules, nothing else."""
import ast
import sys
from pathlib import Path

import enforcement.domain

ALLOWED = {"ets_shared.errors", "ets_shared.clock"}


def test_domain_imports_only_stdlib_and_the_shared_kernel():
    for path in Path(enforcement.domain.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                assert (top in sys.stdlib_module_names or name in ALLOWED or top == "__future__"
                        or name.startswith("enforcement.domain")), f"{path.name} imports {name}"
