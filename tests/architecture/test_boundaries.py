"""The boundaries docs/architecture.md#five-services-one-library fixes, checked on the source: a service never imports
another service, and every service's domain layer is pure (stdlib plus the shared kernel's errors, clock and
largest-remainder apportionment), so a rule can be read and tested without I/O."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from ets_shared.settings import SERVICE_PORTS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {s: s.replace("-", "_") for s in SERVICE_PORTS}
SHARED_KERNEL = {"ets_shared.errors", "ets_shared.clock", "ets_shared.apportion"}


def imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


def sources(service: str, sub: str = "") -> list[Path]:
    return sorted((ROOT / "services" / service / "src" / PACKAGES[service] / sub).rglob("*.py"))


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_a_service_never_imports_another_service(service):
    others = {p for s, p in PACKAGES.items() if s != service}
    for path in sources(service) + sorted((ROOT / "services" / service / "tests").rglob("*.py")):
        for name in imports(path):
            assert name.split(".")[0] not in others, f"{path.relative_to(ROOT)} imports {name}"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_domain_imports_only_stdlib_and_the_shared_kernel(service):
    own = f"{PACKAGES[service]}.domain"
    for path in sources(service, "domain"):
        for name in imports(path):
            top = name.split(".")[0]
            assert (top in sys.stdlib_module_names or name in SHARED_KERNEL or name.startswith(own)), \
                f"{path.relative_to(ROOT)} imports {name}: the domain layer must stay pure"


def test_shared_holds_no_service_rules():
    for path in sorted((ROOT / "shared" / "src").rglob("*.py")):
        for name in imports(path):
            assert name.split(".")[0] not in PACKAGES.values(), f"{path.relative_to(ROOT)} imports {name}"


def test_the_console_imports_no_service():
    """The web console reaches the services only through their public HTTP APIs, like any other client."""
    paths = sorted((ROOT / "console").rglob("*.py"))
    assert paths, "the console package is missing"
    for path in paths:
        for name in imports(path):
            assert name.split(".")[0] not in PACKAGES.values(), f"{path.relative_to(ROOT)} imports {name}"
