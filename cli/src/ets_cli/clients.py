"""`ets clients`: the typed Python client of every service, generated from its OpenAPI document.

Each service's client is an installable package, `clients/ets-client-<service>/` (import `ets_client_<package>`):
what an MRV vendor's system or a department installs to call the platform. `openapi-python-client` (pinned in the
workspace's dev dependencies) writes it from the document the service serves at `/openapi.json`, with FastAPI's
operation ids shortened to the route function's name (`register_batch`, not `register_batch_entities_batch_post`)
where that name is unique in the document; the document the client was generated from is kept beside it
(`openapi.json`). Generation is deterministic: `tests/contracts/test_clients.py` regenerates every client into a
scratch folder and fails on any difference from the committed one, as the AsyncAPI documents are checked.
"""
from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = ROOT / "clients"
TEMPLATES = CLIENTS / "templates"
#: the generator's formatting hooks run without a cache, so nothing but the client lands in clients/
POST_HOOKS = ["ruff check --no-cache --fix-only .", "ruff format --no-cache ."]


def package(service: str) -> str:
    return service.replace("-", "_")


def client_dir(service: str) -> Path:
    return CLIENTS / f"ets-client-{service}"


def client_package(service: str) -> str:
    return f"ets_client_{package(service)}"


def openapi_document(service: str) -> dict[str, Any]:
    """The document the service serves at `/openapi.json`, built from its code on a scratch SQLite database."""
    from ets_shared.settings import ServiceSettings

    bootstrap = importlib.import_module(f"{package(service)}.bootstrap")
    with tempfile.TemporaryDirectory(prefix="ets-openapi-") as scratch:
        settings = ServiceSettings.for_service(service, database_url=f"sqlite:///{scratch}/{service}.sqlite")
        runtime = bootstrap.build_runtime(settings)
        try:
            return runtime.http.openapi()
        finally:
            runtime.engine.dispose()


def with_short_operation_ids(document: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's operation id is `<function>_<path>_<method>`; the client's function names are the operation ids,
    so each is cut back to the route function's name wherever no other operation of the service has that name."""
    document = json.loads(json.dumps(document))
    operations = [(path, method, op) for path, methods in document.get("paths", {}).items()
                  for method, op in methods.items() if isinstance(op, dict) and "operationId" in op]

    def short(path: str, method: str, operation_id: str) -> str:
        suffix = re.sub(r"\W", "_", path) + "_" + method
        return operation_id[:-len(suffix)] if operation_id.endswith(suffix) and len(operation_id) > len(suffix) \
            else operation_id

    names = Counter(short(p, m, op["operationId"]) for p, m, op in operations)
    for path, method, op in operations:
        name = short(path, method, op["operationId"])
        if names[name] == 1:
            op["operationId"] = name
    return document


def generator() -> Path:
    found = Path(sys.executable).with_name("openapi-python-client")
    if not found.exists():
        raise SystemExit("ets clients: openapi-python-client is not installed (it is a dev dependency of the "
                         "workspace: `./ets` installs it)")
    return found


def generate(service: str, into: Path) -> Path:
    """Write `ets-client-<service>` (the package and its `openapi.json`) into the folder `into`; its path."""
    document = with_short_operation_ids(openapi_document(service))
    target = into / f"ets-client-{service}"
    with tempfile.TemporaryDirectory(prefix="ets-client-") as scratch:
        source = Path(scratch) / "openapi.json"
        source.write_text(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        config = Path(scratch) / "config.json"
        config.write_text(json.dumps({"project_name_override": f"ets-client-{service}",
                                      "package_name_override": client_package(service), "post_hooks": POST_HOOKS}))
        out = Path(scratch) / "out"
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        result = subprocess.run([str(generator()), "generate", "--path", str(source), "--config", str(config),
                                 "--meta", "uv", "--custom-template-path", str(TEMPLATES), "--output-path", str(out)],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0 or "Warning" in result.stdout + result.stderr:
            raise RuntimeError(f"openapi-python-client failed for {service}:\n{result.stdout}{result.stderr}")
        shutil.copyfile(source, out / "openapi.json")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(out, target)
    return target


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a generated client by its relative path (byte caches left by imports aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def run(args) -> int:
    from ets_cli.platform import SERVICES
    from ets_cli.ui import console

    for service in args.services or SERVICES:
        path = generate(service, CLIENTS)
        console.print(f"wrote {path.relative_to(ROOT)}/ ({len(files(path))} files)", highlight=False)
    return 0
