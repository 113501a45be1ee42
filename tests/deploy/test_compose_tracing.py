"""Issue 13: docker-compose.yml runs a trace viewer and the five services export their spans to it (OTLP/HTTP), and
write JSON log lines."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["allocation", "mrv", "verifier-oversight", "exchange", "enforcement"]


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_compose_runs_jaeger_with_otlp_and_publishes_its_ui(services):
    jaeger = services["jaeger"]
    assert jaeger["image"].startswith("jaegertracing/all-in-one:")
    assert jaeger["environment"]["COLLECTOR_OTLP_ENABLED"] == "true"
    assert "16686:16686" in jaeger["ports"]


@pytest.mark.parametrize("service", SERVICES)
def test_service_exports_its_spans_to_the_trace_viewer_and_logs_json(services, service):
    env = services[service]["environment"]
    assert env["ETS_TRACE_EXPORTER"] == "${ETS_TRACE_EXPORTER:-otlp}"
    assert env["ETS_OTLP_ENDPOINT"] == "${ETS_OTLP_ENDPOINT:-http://jaeger:4318}"
    assert env["ETS_LOG_FORMAT"] == "json"
    assert "jaeger" in services[service]["depends_on"]
