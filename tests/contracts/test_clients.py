"""Each service's typed Python client (clients/ets-client-<service>/) is generated from its OpenAPI document and
committed; CI regenerates it into a scratch folder and fails on any difference, as it does for the AsyncAPI
documents. Regeneration is deterministic, so a difference means the API changed and `./ets clients` was not run."""
from __future__ import annotations

import difflib
import json
import re

import pytest

from ets_cli.clients import client_dir, files, generate, with_short_operation_ids
from ets_shared.settings import SERVICE_PORTS


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_committed_client_equals_the_generated_one(service, tmp_path):
    committed = client_dir(service)
    assert committed.is_dir(), f"{committed} missing: run `./ets clients {service}` and commit it"
    expected, found = files(generate(service, tmp_path)), files(committed)
    assert sorted(found) == sorted(expected), (
        f"clients/ets-client-{service} has other files than the generator writes: run `./ets clients {service}`; "
        f"extra {sorted(set(found) - set(expected))[:5]}, missing {sorted(set(expected) - set(found))[:5]}")
    stale = [name for name in expected if expected[name] != found[name]]
    first = stale[0] if stale else None
    assert not stale, (
        f"clients/ets-client-{service} is stale ({len(stale)} files, e.g. {first}): run `./ets clients {service}`, "
        "review the diff and commit it\n" + "".join(difflib.unified_diff(
            found[first].decode().splitlines(True), expected[first].decode().splitlines(True), n=1))[:3000])


def test_operation_ids_are_cut_back_to_the_route_function_where_unique():
    document = {"paths": {
        "/entities/batch": {"post": {"operationId": "register_batch_entities_batch_post"}},
        "/a/{x}": {"get": {"operationId": "show_a__x__get"}},
        "/b/{x}": {"get": {"operationId": "show_b__x__get"}},
        "/custom": {"get": {"operationId": "customId"}}}}
    ids = {path: op["get" if "get" in op else "post"]["operationId"]
           for path, op in with_short_operation_ids(document)["paths"].items()}
    assert ids == {"/entities/batch": "register_batch", "/a/{x}": "show_a__x__get", "/b/{x}": "show_b__x__get",
                   "/custom": "customId"}
    assert document["paths"]["/entities/batch"]["post"]["operationId"] == "register_batch_entities_batch_post"


def test_the_client_is_generated_from_the_document_committed_beside_it():
    document = json.loads((client_dir("mrv") / "openapi.json").read_text())
    assert document["info"]["title"] and "/reports" in document["paths"]
    assert (client_dir("mrv") / "ets_client_mrv" / "client.py").is_file()


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_every_operation_is_named_after_its_route_function(service):
    """Two routes of one service with the same function name keep FastAPI's long id
    (`decide_successions__succession_id__decision_post`) and the client gets an unreadable function: name each route
    function for what it does, once per service."""
    document = json.loads((client_dir(service) / "openapi.json").read_text())
    long = [op["operationId"] for path, methods in document["paths"].items() for method, op in methods.items()
            if op["operationId"].endswith(re.sub(r"\W", "_", path) + "_" + method)]
    assert long == [], f"{service}: route functions named twice; rename them so each is unique: {long}"
