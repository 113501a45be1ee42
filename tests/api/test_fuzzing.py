"""Issue 9: a bounded schemathesis pass over the OpenAPI document of each of the five services, without a token and
with an authority's: no input gives a 5xx, and every response matches what the document declares for its status
(the problem+json of 401/403/404/409/422 included).

Each service runs in-process (its ASGI app over a fresh, migrated SQLite database; no NATS: the events of a write
wait in its outbox). Every operation gets `EXAMPLES` generated cases, valid and invalid (schemathesis's positive
and negative modes), from a fixed seed, so a run is repeatable. Failures are collected, not shrunk, and listed at
the end. `ETS_FUZZ_EXAMPLES=200 ./ets test tests/api` runs a longer pass.
"""
from __future__ import annotations

import importlib
import shutil
import os
from collections import Counter

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from ets_shared.auth import issue_token
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import migrated_runtime, without_lifespan

SERVICES = {"allocation": "allocation", "mrv": "mrv", "verifier-oversight": "verifier_oversight",
            "exchange": "exchange", "enforcement": "enforcement"}
EXAMPLES = int(os.environ.get("ETS_FUZZ_EXAMPLES", "5"))
SEED = 20261128
SECRET = "fuzzing-secret-for-the-schemathesis-pass-0123456789"
# operations that answer from NATS (a 503 by design in this pass, which has none)
NEEDS_NATS = {"GET /readyz", "GET /reconciliation/registry"}
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


def service_app(service: str, tmp_path):
    bootstrap = importlib.import_module(f"{SERVICES[service]}.bootstrap")
    settings = ServiceSettings.for_service(service, database_url=f"sqlite:///{tmp_path}/{service}.sqlite",
                                           jwt_secret=SECRET)
    return migrated_runtime(bootstrap.build_runtime, settings)


def fast_directory(tmp_path_factory):
    """A directory in memory where there is one (/dev/shm): the pass commits thousands of small transactions."""
    import tempfile
    from pathlib import Path

    if Path("/dev/shm").is_dir():
        return Path(tempfile.mkdtemp(prefix="ets-fuzz-", dir="/dev/shm"))
    return tmp_path_factory.mktemp("fuzz")


def _describe(exc: BaseException) -> str:
    parts = [str(e).strip().replace("\n", " ")[:300] for e in getattr(exc, "exceptions", [exc])]
    return f"{type(exc).__name__}: " + " | ".join(parts)


def fuzz(operation, headers: dict[str, str], failures: list[str]) -> int:
    calls = 0

    @hypothesis.seed(SEED)
    @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
                         print_blob=False)
    @hypothesis.given(case=operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE))
    def run(case) -> None:
        nonlocal calls
        calls += 1
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected, so one run lists them all
            failures.append(f"{operation.label}: {_describe(exc)}\n    {case.as_curl_command()}")

    run()
    return calls


@pytest.mark.parametrize("authenticated", [False, True], ids=["no-token", "authority-token"])
@pytest.mark.parametrize("service", list(SERVICES))
def test_no_server_error_and_no_response_schema_violation(service, authenticated, tmp_path_factory):
    directory = fast_directory(tmp_path_factory)
    runtime = service_app(service, directory)
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", without_lifespan(runtime.http))
        headers = {}
        if authenticated:
            headers["Authorization"] = "Bearer " + issue_token(runtime.settings, subject="fuzz", role="authority")
        failures: list[str] = []
        calls = Counter()
        for result in schema.get_all_operations():
            operation = result.ok()
            if operation.label in NEEDS_NATS:
                continue
            calls[operation.label] = fuzz(operation, headers, failures)
        assert calls, "no operations found"
        assert not failures, f"{len(failures)} failing cases of {sum(calls.values())}:\n" + "\n".join(failures)
    finally:
        runtime.engine.dispose()
        shutil.rmtree(directory, ignore_errors=True)
