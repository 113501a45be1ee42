"""Each service's AsyncAPI document is generated from code and committed; CI fails when they differ."""
from __future__ import annotations

import json

import pytest

from ets_cli.tools import asyncapi_document, asyncapi_path
from ets_shared.settings import SERVICE_PORTS


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_committed_asyncapi_equals_the_generated_one(service):
    path = asyncapi_path(service)
    assert path.exists(), f"{path} missing: run `./ets asyncapi {service}` and commit it"
    generated = json.loads(json.dumps(asyncapi_document(service), sort_keys=True))
    assert json.loads(path.read_text()) == generated, (
        f"services/{service}/asyncapi.json is stale: run `./ets asyncapi {service}`, review the diff and commit it")


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_document_names_every_subject_the_service_publishes_and_consumes(service):
    import importlib

    definition = importlib.import_module(f"{service.replace('-', '_')}.bootstrap").definition()
    document = json.loads(asyncapi_path(service).read_text())
    addresses = {channel["address"] for channel in document["channels"].values()}
    expected = {c.contract.subject for c in definition.publishes} | {c.contract.subject for c in definition.handlers}
    assert expected <= addresses, f"missing from the document: {sorted(expected - addresses)}"
