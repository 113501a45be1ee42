"""One skeleton (README, "One skeleton"): every service names the same roles with the same files, the names that
drifted before are gone, and the layers do not leak — checked on the source, so a new module in the wrong place or
under an old name fails here."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ets_shared.settings import SERVICE_PORTS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {s: s.replace("-", "_") for s in SERVICE_PORTS}

# role -> the file every service has for it (README "One skeleton")
SKELETON = {
    "wiring: tables, migrations, routers, the events consumed and published": "bootstrap.py",
    "the year's policy ([param]s), pure": "domain/policy.py",
    "tables": "adapters/orm.py",
    "repositories of the aggregates": "adapters/repository.py",
    "the stored policy document and its loading (`policy_for`)": "adapters/policy_repository.py",
    "request bodies: what callers ask": "service_layer/commands.py",
    "the unit of work": "service_layer/unit_of_work.py",
    "the events the service consumes (`EVENT_HANDLERS`)": "service_layer/handlers.py",
    "the HTTP routers": "entrypoints/http.py",
    "the HTTP response models": "entrypoints/schemas.py",
    "the dependencies the routers share (`Uow`, typed)": "entrypoints/dependencies.py",
    "the process entry and app factory": "entrypoints/main.py",
}
# one name per role: each file of a layer matches its pattern (a topic's routers `http_<topic>.py`, their models
# `schemas_<topic>.py`, its request bodies `commands_<topic>.py`; the NATS gateway `rpc.py` and its parts
# `rpc_<part>.py`; the benchmarks' entry points `<name>_bench.py`)
LAYER_NAMES = {
    "entrypoints": r"__init__|main|dependencies|rpc(_\w+)?|http(_\w+)?|schemas(_\w+)?|\w+_bench|engine_streams",
}
# the names that drifted (issue 13) and their one name now
DRIFTED = {
    "entrypoints/public.py": "entrypoints/schemas.py",
    "entrypoints/public_registry.py": "entrypoints/schemas_registry.py",
    "entrypoints/views.py": "entrypoints/schemas.py", "entrypoints/records.py": "entrypoints/http_records.py",
    "entrypoints/params.py": "entrypoints/dependencies.py", "service_layer/events.py": "service_layer/handlers.py",
    "service_layer/event_handlers.py": "service_layer/handlers.py",
    "service_layer/publication.py": "service_layer/publishing.py", "service_layer/policy.py":
    "adapters/policy_repository.py (the document and its loading) and domain/policy.py",
    "service_layer/bulk.py": "service_layer/commands_bulk.py",
    "service_layer/oversight_commands.py": "service_layer/commands_oversight.py",
    "domain/trading_rules.py": "domain/policy.py",
}
LOWER_LAYERS = ("domain", "service_layer", "adapters")
HTTP_ONLY = ("ets_shared.http.platform_routes", "ets_shared.http.dependencies", "fastapi")


def package(service: str) -> Path:
    return ROOT / "services" / service / "src" / PACKAGES[service]


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def imported(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names += [f"{node.module}.{a.name}" for a in node.names] + [node.module or ""]
    return names


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_every_service_has_one_file_per_role(service):
    missing = [f"{path} ({role})" for role, path in SKELETON.items() if not (package(service) / path).is_file()]
    assert not missing, f"{service} lacks {missing}"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_the_names_that_drifted_are_gone(service):
    found = [f"{old} (now {new})" for old, new in DRIFTED.items() if (package(service) / old).exists()]
    assert not found, f"{service} still has {found}"
    for layer, pattern in LAYER_NAMES.items():
        for path in sorted((package(service) / layer).glob("*.py")):
            assert re.fullmatch(pattern, path.stem), f"{path.relative_to(ROOT)}: not a name of the skeleton"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_event_handlers_are_listed_in_handlers_and_wired_from_there(service):
    handlers = tree(package(service) / "service_layer" / "handlers.py")
    assigned = {t.id for n in handlers.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    assigned |= {n.target.id for n in handlers.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    assert "EVENT_HANDLERS" in assigned, f"{service}: service_layer/handlers.py defines no EVENT_HANDLERS"
    assert f"{PACKAGES[service]}.service_layer.handlers.EVENT_HANDLERS" in imported(package(service) / "bootstrap.py")


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_response_models_live_in_schemas_not_in_the_routers(service):
    for path in sorted((package(service) / "entrypoints").glob("http*.py")):
        models = [n.name for n in tree(path).body if isinstance(n, ast.ClassDef)
                  and any(ast.unparse(b) in ("BaseModel", "RootModel") or ast.unparse(b).endswith("Public")
                          for b in n.bases)]
        assert not models, f"{path.relative_to(ROOT)} defines {models}: response models go to schemas*.py"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_lower_layers_never_reach_for_http(service):
    """Policy loading is persistence (adapters/policy_repository.py over ets_shared.persistence.policy); no domain,
    use case or adapter imports the HTTP routes, the request dependencies or FastAPI."""
    for layer in LOWER_LAYERS:
        for path in sorted((package(service) / layer).rglob("*.py")):
            leaks = [n for n in imported(path) if n.startswith(HTTP_ONLY)]
            assert not leaks, f"{path.relative_to(ROOT)} imports {leaks}"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_the_routers_unit_of_work_is_typed_as_the_services(service):
    deps = tree(package(service) / "entrypoints" / "dependencies.py")
    uow = [n.value for n in deps.body if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "Uow" for t in n.targets)]
    assert uow and ast.unparse(uow[0]).startswith("Annotated[") and "UnitOfWork" in ast.unparse(uow[0]), \
        f"{service}: entrypoints/dependencies.py must define Uow = Annotated[<Service>UnitOfWork, Depends(get_uow)]"
    for path in sorted((package(service)).rglob("*.py")):
        assert "ets_shared.http.dependencies.Uow" not in imported(path), f"{path.relative_to(ROOT)}: untyped Uow"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_main_builds_nothing_at_import(service):
    """One app factory: `run()`, `app()` and `asyncapi()` each build the runtime they serve; importing the module
    builds none."""
    body = tree(package(service) / "entrypoints" / "main.py").body
    statements = [n for n in body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef))
                  and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    assert not statements, f"{service}: entrypoints/main.py runs {[ast.unparse(s) for s in statements]} at import"


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_a_years_policy_is_always_passed_explicitly(service):
    """No function falls back to a default policy (a default can silently apply another year's parameters)."""
    for path in sorted(package(service).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(tree(path)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            args = node.args
            positional = args.posonlyargs + args.args
            defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
            pairs = [*zip(positional, defaults, strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
            for arg, default in pairs:
                assert default is None or not re.search(r"policy|rules$", arg.arg), \
                    f"{path.relative_to(ROOT)}:{node.lineno} {node.name}({arg.arg}={ast.unparse(default)})"


def _orm_tables(service: str) -> set[str]:
    return {n.name for n in tree(package(service) / "adapters" / "orm.py").body if isinstance(n, ast.ClassDef)}


def _use_cases_called_by_routes(service: str) -> list[tuple[Path, str, ast.FunctionDef]]:
    """(router module, dotted name, definition) of every service-layer function an HTTP router calls, imported by
    name (`from pkg.service_layer.sales import open_sale`) or called through its module (`funds.confirm_deposit`)."""
    pkg = PACKAGES[service]
    found = []
    for path in sorted((package(service) / "entrypoints").glob("http*.py")):
        body = tree(path)
        functions: dict[str, tuple[str, str]] = {}
        modules: dict[str, str] = {}
        for node in body.body:
            if isinstance(node, ast.ImportFrom) and node.module == f"{pkg}.service_layer":
                modules.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"{pkg}.service_layer."):
                functions.update({a.asname or a.name: (node.module or "", a.name) for a in node.names})
        called: set[tuple[str, str]] = set()
        for node in ast.walk(body):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions:
                called.add(functions[node.func.id])
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.value.id in modules):
                called.add((modules[node.func.value.id], node.func.attr))
        for module, name in sorted(called):
            source = package(service).parent / (module.replace(".", "/") + ".py")
            if not source.is_file():
                continue
            defs = [n for n in tree(source).body if isinstance(n, ast.FunctionDef) and n.name == name]
            found += [(path, f"{module}.{name}", d) for d in defs]
    return found


# Use cases still handing an ORM row to the route: none left (issue 13y made the exchange's amend_order and
# cancel_order return the order's public view); only shrink this list.
ROWS_TO_ROUTES_PENDING: set[str] = set()


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_no_orm_row_above_the_service_layer(service):
    """A use case an HTTP route calls returns a domain object or a public view (a response model of
    `entrypoints/schemas*.py`), never a table row: its return annotation, required, names no class of
    `adapters/orm.py`. (mypy checks the annotation against what the function returns.)"""
    tables = _orm_tables(service)
    leaks = []
    for route, name, definition in _use_cases_called_by_routes(service):
        if name in ROWS_TO_ROUTES_PENDING:
            continue
        returns = ast.unparse(definition.returns) if definition.returns else None
        named = set(re.findall(r"\w+", returns or ""))
        if returns is None or named & tables:
            leaks.append(f"{route.relative_to(ROOT)} calls {name} -> {returns}")
    assert not leaks, "use cases returning ORM rows (or unannotated) to the routes:\n" + "\n".join(leaks)


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_the_service_layer_reaches_into_the_entrypoints_only_for_response_models(service):
    """A use case may build the view it returns (`entrypoints/schemas*.py`: pydantic models, no FastAPI); nothing
    below the entrypoints imports a router, the dependencies or the app."""
    pkg = PACKAGES[service]
    for layer in LOWER_LAYERS:
        for path in sorted((package(service) / layer).rglob("*.py")):
            reached = {n.rsplit(".", 1)[0] if n.count(".") > 2 else n for n in imported(path)
                       if n.startswith(f"{pkg}.entrypoints.")}
            wrong = [n for n in reached if not re.fullmatch(rf"{pkg}\.entrypoints\.schemas(_\w+)?", n)]
            assert not wrong, f"{path.relative_to(ROOT)} imports {wrong} from the entrypoints"
    for path in sorted((package(service) / "entrypoints").glob("schemas*.py")):
        assert not [n for n in imported(path) if n.startswith("fastapi")], \
            f"{path.relative_to(ROOT)}: response models need no FastAPI (path parameters go to dependencies.py)"
