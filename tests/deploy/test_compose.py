"""The production deployment files, validated structurally (no Docker engine is needed).

docker-compose.yml, the image build, the NATS cluster configs, the PostgreSQL bootstrap and the Kubernetes manifests
are checked against the fixed facts: service names, ports, settings variables, R3 + fsync-always JetStream, one
database per service. Where a Docker engine is reachable, `docker compose config -q` runs as well.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"

PORTS = {
    "allocation": 8101,
    "mrv": 8102,
    "verifier-oversight": 8103,
    "exchange": 8104,
    "enforcement": 8105,
}
SERVICES = list(PORTS)
NATS_NODES = ["nats-1", "nats-2", "nats-3"]


def key(service: str) -> str:
    return service.upper().replace("-", "_")


@pytest.fixture(scope="module")
def compose() -> dict:
    doc = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(doc, dict), "docker-compose.yml must be a mapping"
    return doc


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def env_of(svc: dict) -> dict[str, str]:
    """A compose `environment` as a dict, whichever of the two syntaxes it uses."""
    env = svc.get("environment") or {}
    if isinstance(env, list):
        out = {}
        for item in env:
            name, _, value = str(item).partition("=")
            out[name] = value
        return out
    return {str(k): ("" if v is None else str(v)) for k, v in env.items()}


def published_ports(svc: dict) -> set[tuple[int, int]]:
    """(host port, container port) pairs, short or long syntax."""
    out = set()
    for p in svc.get("ports") or []:
        if isinstance(p, dict):
            out.add((int(p["published"]), int(p["target"])))
            continue
        spec = str(p).split("/")[0]
        parts = spec.split(":")
        out.add((int(parts[-2]), int(parts[-1])))
    return out


def strip_conf_comments(text: str) -> str:
    """Drop `#` and `//` comments (a `//` inside a URL such as nats-route://host is not a comment)."""
    return "\n".join(re.sub(r"(^|\s)(#|//).*$", "", line) for line in text.splitlines())


def conf_block(text: str, name: str) -> str:
    """The body of `name { ... }` (or `name: { ... }`) in a NATS config; nested braces are not needed here."""
    m = re.search(rf"(?m)^\s*{name}\s*[:=]?\s*\{{(.*?)\}}", text, re.S)
    assert m, f"no `{name} {{ ... }}` block"
    return m.group(1)


def nats_routes(text: str) -> list[str]:
    m = re.search(r"routes\s*[:=]?\s*\[(.*?)\]", conf_block(text, "cluster"), re.S)
    assert m, "no `routes: [ ... ]` in the cluster block"
    return re.findall(r"nats(?:-route)?://[^\s,\]]+", m.group(1))


def check_nats_conf(text: str) -> None:
    text = strip_conf_comments(text)
    js = conf_block(text, "jetstream")
    assert re.search(r"(?m)^\s*store_dir\s*[:=]\s*\"?/data\"?\s*$", js), "jetstream store_dir must be /data"
    assert re.search(r"(?m)^\s*sync_interval\s*[:=]\s*\"?always\"?\s*$", js), "jetstream needs sync_interval: always"
    cluster = conf_block(text, "cluster")
    assert re.search(r"(?m)^\s*name\s*[:=]\s*\"?ets\"?\s*$", cluster), "cluster name must be ets"
    routes = nats_routes(text)
    assert len(routes) == 3 and len(set(routes)) == 3, routes
    assert re.search(r"(?m)^\s*(http_port\s*[:=]\s*8222|http\s*[:=]\s*\"?[\w.]*:?8222\"?)\s*$", text), \
        "monitoring port must be 8222"


def k8s_docs() -> dict[str, list[dict]]:
    out = {}
    for path in sorted(K8S.glob("*.yaml")):
        out[path.name] = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
    return out


def deployments() -> dict[str, dict]:
    return {d["metadata"]["name"]: d for docs in k8s_docs().values() for d in docs if d.get("kind") == "Deployment"}


# --------------------------------------------------------------------------------------------------------------
# docker-compose.yml
# --------------------------------------------------------------------------------------------------------------

def test_compose_is_well_formed(compose, services):
    assert isinstance(services, dict) and services
    for name, svc in services.items():
        assert isinstance(svc, dict), name
        assert svc.get("image") or svc.get("build"), f"{name}: neither image nor build"
    assert "x-service" in compose, "the common service block is the x-service anchor"


def test_compose_names_every_component(services):
    expected = set(SERVICES) | set(NATS_NODES) | {"postgres", "calendar"}
    assert expected <= set(services), f"missing: {sorted(expected - set(services))}"


@pytest.mark.parametrize("service", SERVICES)
def test_service_publishes_its_fixed_port(services, service):
    port = PORTS[service]
    assert (port, port) in published_ports(services[service])
    assert env_of(services[service]).get(f"ETS_{key(service)}_PORT") == str(port)


@pytest.mark.parametrize("service", SERVICES)
def test_service_environment(services, service):
    env = env_of(services[service])
    own = f"ETS_{key(service)}_DATABASE_URL"
    for name in ("ETS_NATS_URL", own, "ETS_JWKS_URL", "ETS_HOST", "ETS_STREAM_REPLICAS", "ETS_ENVIRONMENT"):
        assert name in env, f"{service}: {name} not set"

    assert env["ETS_STREAM_REPLICAS"] == "3"
    assert env["ETS_ENVIRONMENT"] == "production"
    assert env["ETS_HOST"] == "0.0.0.0"
    assert env["ETS_JWKS_URL"].startswith("${ETS_JWKS_URL:?")
    assert "ETS_JWT_SECRET" not in env, "production verifies the identity provider's tokens, not a shared secret"
    servers = [s.strip() for s in env["ETS_NATS_URL"].split(",")]
    assert servers == [f"nats://{n}:4222" for n in NATS_NODES]

    url = env[own]
    assert url.startswith("postgresql+psycopg://ets:"), url
    assert url.endswith(f"@postgres:5432/ets_{key(service).lower()}"), url
    # One database per service: a service never gets another's URL.
    others = {f"ETS_{key(s)}_DATABASE_URL" for s in SERVICES if s != service}
    assert not others & set(env), f"{service} sees {sorted(others & set(env))}"


@pytest.mark.parametrize("service", SERVICES + ["calendar"])
def test_service_is_built_from_the_platform_dockerfile(services, service):
    build = services[service]["build"]
    assert isinstance(build, dict)
    assert Path(build["context"]) == Path(".")
    assert build["dockerfile"] == "deploy/Dockerfile"
    assert (ROOT / build["context"] / build["dockerfile"]).is_file()


@pytest.mark.parametrize("service", SERVICES)
def test_service_runs_its_console_script_and_waits_for_dependencies(services, service):
    svc = services[service]
    command = svc["command"]
    assert (command if isinstance(command, list) else command.split()) == [f"ets-{service}"]
    deps = svc["depends_on"]
    assert deps["postgres"]["condition"] == "service_healthy"
    for node in NATS_NODES:
        assert deps[node]["condition"] in {"service_started", "service_healthy"}
    assert svc.get("restart") in {"always", "unless-stopped", "on-failure"}


@pytest.mark.parametrize("service", SERVICES)
def test_service_healthcheck_probes_its_own_readyz(services, service):
    test = services[service]["healthcheck"]["test"]
    line = " ".join(test) if isinstance(test, list) else test
    assert "python" in line and "urllib" in line
    assert f"127.0.0.1:{PORTS[service]}/readyz" in line


def test_calendar_ticker(services):
    cal = services["calendar"]
    assert cal["command"] == ["ets", "calendar", "--wall-clock", "--interval", "60"]
    env = env_of(cal)
    assert "ETS_NATS_URL" in env and env["ETS_STREAM_REPLICAS"] == "3"
    assert "ETS_JWT_SECRET" not in env, "the ticker needs no signing key"
    assert set(NATS_NODES) <= set(cal["depends_on"])
    assert cal.get("restart") in {"always", "unless-stopped", "on-failure"}


def test_postgres(services):
    pg = services["postgres"]
    assert re.fullmatch(r"postgres:16(\.\d+)?(-[\w.]+)?", pg["image"]), pg["image"]
    assert "healthcheck" in pg
    mounts = [str(v) for v in pg["volumes"]]
    init = [m for m in mounts if "/docker-entrypoint-initdb.d/" in m]
    assert init, "init.sql is not mounted"
    assert (ROOT / init[0].split(":")[0]).resolve() == (DEPLOY / "postgres" / "init.sql").resolve()
    assert any(m.split(":")[1] == "/var/lib/postgresql/data" for m in mounts if not m.startswith("./")), \
        "postgres data needs a volume"


def test_init_sql_creates_the_role_and_one_database_per_service():
    sql = (DEPLOY / "postgres" / "init.sql").read_text(encoding="utf-8")
    assert re.search(r"CREATE ROLE ets\b", sql)
    for service in SERVICES:
        assert re.search(rf"CREATE DATABASE ets_{key(service).lower()} OWNER ets\b", sql), service
    assert "\\getenv" in sql and "ETS_DB_PASSWORD" in sql, "the password comes from the environment"


@pytest.mark.parametrize("node", NATS_NODES)
def test_nats_node(services, node):
    svc = services[node]
    image = svc["image"]
    ver = re.fullmatch(r"nats:(\d+)\.(\d+)(?:\.\d+)?(?:-[\w.]+)?", image)
    assert ver and (int(ver.group(1)), int(ver.group(2))) >= (2, 11), f"{node}: {image} is not nats:2.11 or newer"

    mounts = [str(v) for v in svc["volumes"]]
    confs = [m.split(":")[0] for m in mounts if m.split(":")[0].endswith(".conf") and "auth.conf" not in m]
    assert len(confs) == 1, mounts
    conf = ROOT / confs[0]
    assert conf.is_file(), f"{node}: {conf} does not exist"
    check_nats_conf(conf.read_text(encoding="utf-8"))
    text = strip_conf_comments(conf.read_text(encoding="utf-8"))
    assert re.search(rf"(?m)^\s*server_name\s*[:=]\s*\"?{node}\"?\s*$", text), f"{node}: server_name"
    assert {r.split("://")[1].split(":")[0] for r in nats_routes(text)} == set(NATS_NODES)
    # The config file the container starts with is the one mounted.
    target = next(m.split(":")[1] for m in mounts if m.split(":")[0] == confs[0])
    command = svc.get("command") or []
    assert target in command or target == "/etc/nats/nats-server.conf"
    # JetStream's store_dir is a named volume, not the container's writable layer.
    assert any(m.split(":")[1] == "/data" and not m.startswith(".") for m in mounts), f"{node}: /data volume"


def test_nats_users_and_permissions_in_deploy_are_the_platforms(services):
    """Issue 9, finding 5: production NATS has the users and permissions the code defines (`./ets nats-auth`), every
    node loads them, every process gets its own seed and the servers every public key."""
    from ets_shared.messaging.nats_auth import IDENTITIES, deploy_authorization

    assert (DEPLOY / "nats" / "auth.conf").read_text(encoding="utf-8") == deploy_authorization()
    assert (K8S / "nats-auth.conf").read_text(encoding="utf-8") == deploy_authorization()
    for node in NATS_NODES:
        conf = strip_conf_comments((DEPLOY / "nats" / f"{node}.conf").read_text(encoding="utf-8"))
        assert re.search(r"(?m)^\s*include\s+\./auth\.conf\s*$", conf), node
        assert "./deploy/nats/auth.conf:/etc/nats/auth.conf:ro" in services[node]["volumes"]
        assert {f"ETS_NATS_{key(i)}_NKEY" for i in IDENTITIES} <= set(env_of(services[node]))
    for name in [*SERVICES, "calendar"]:
        assert env_of(services[name])["ETS_NATS_NKEY_SEED"].startswith(f"${{ETS_NATS_{key(name)}_SEED:?"), name
        (c,) = deployments()[name]["spec"]["template"]["spec"]["containers"]
        seed = next(e for e in c["env"] if e["name"] == "ETS_NATS_NKEY_SEED")
        assert seed["valueFrom"]["secretKeyRef"]["key"] == f"ETS_NATS_{key(name)}_SEED", name
    (sts,) = [d for d in k8s_docs()["nats.yaml"] if d["kind"] == "StatefulSet"]
    (c,) = sts["spec"]["template"]["spec"]["containers"]
    assert {f"ETS_NATS_{key(i)}_NKEY" for i in IDENTITIES} <= {e["name"] for e in c["env"]}
    (cm,) = [d for d in k8s_docs()["nats.yaml"] if d["kind"] == "ConfigMap"]
    assert "include ../nats-auth/nats-auth.conf" in cm["data"]["nats.conf"]


def test_nats_nodes_have_distinct_names_and_volumes(services):
    data = [next(v for v in map(str, services[n]["volumes"]) if v.split(":")[1] == "/data") for n in NATS_NODES]
    assert len(set(data)) == 3


def test_dockerfile():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"(?m)^ARG PYTHON_IMAGE=python:3\.11-slim$", text) or "FROM python:3.11-slim" in text
    assert re.search(r"pip install \"?uv", text)
    assert "uv sync --frozen --all-packages --no-dev" in text
    assert "/app/.venv" in text and re.search(r"PATH=\"?/app/\.venv/bin", text)
    users = re.findall(r"(?m)^USER\s+(\S+)", text)
    assert users and not users[-1].startswith(("root", "0")), "the image must not run as root"
    ignore = DEPLOY / "Dockerfile.dockerignore"
    assert ignore.is_file()
    lines = {line.strip() for line in ignore.read_text(encoding="utf-8").splitlines()}
    assert {".git", "**/.venv"} <= lines


# --------------------------------------------------------------------------------------------------------------
# Kubernetes
# --------------------------------------------------------------------------------------------------------------

def test_k8s_manifests_parse_and_live_in_the_ets_namespace():
    docs = k8s_docs()
    assert docs
    for name, items in docs.items():
        assert items, f"{name} is empty"
        for d in items:
            assert "kind" in d and "apiVersion" in d, name
            if d["kind"] in {"Namespace", "Kustomization"}:
                continue
            assert d["metadata"].get("namespace") == "ets", f"{name}: {d['kind']} {d['metadata'].get('name')}"


def test_k8s_every_deployment_has_probes():
    deps = deployments()
    assert set(SERVICES) | {"calendar"} <= set(deps)
    for name, dep in deps.items():
        for c in dep["spec"]["template"]["spec"]["containers"]:
            assert c.get("readinessProbe"), f"{name}/{c['name']}: no readinessProbe"
            assert c.get("livenessProbe"), f"{name}/{c['name']}: no livenessProbe"


@pytest.mark.parametrize("service", SERVICES)
def test_k8s_service_deployment(service):
    dep = deployments()[service]
    assert dep["spec"]["replicas"] == (1 if service == "exchange" else 2)
    (c,) = dep["spec"]["template"]["spec"]["containers"]
    assert c["command"] == [f"ets-{service}"]
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports["http"] == PORTS[service]
    names = {e["name"] for e in c.get("env", [])}
    assert {f"ETS_{key(service)}_DATABASE_URL", f"ETS_{key(service)}_PORT"} <= names
    assert "ETS_JWT_SECRET" not in names
    others = {f"ETS_{key(s)}_DATABASE_URL" for s in SERVICES if s != service}
    assert not others & names
    svcs = [d for d in k8s_docs()[f"{service}.yaml"] if d["kind"] == "Service"]
    assert svcs and svcs[0]["spec"]["ports"][0]["port"] == PORTS[service]


def test_k8s_exchange_runs_one_matching_engine_replaced_never_doubled():
    """The order books live in the exchange process's memory: one replica, Recreate (the old pod gone before the new
    one starts), and a disruption budget that lets a drain move it."""
    dep = deployments()["exchange"]
    assert dep["spec"]["replicas"] == 1 and dep["spec"]["strategy"] == {"type": "Recreate"}
    (pdb,) = [d for d in k8s_docs()["exchange.yaml"] if d["kind"] == "PodDisruptionBudget"]
    assert pdb["spec"].get("maxUnavailable") == 1 and "minAvailable" not in pdb["spec"]


def test_k8s_calendar():
    dep = deployments()["calendar"]
    assert dep["spec"]["replicas"] == 1
    (c,) = dep["spec"]["template"]["spec"]["containers"]
    assert c["command"] == ["ets", "calendar", "--wall-clock", "--interval", "60"]


def test_k8s_config_is_the_production_shape():
    (cm,) = [d for d in k8s_docs()["config.yaml"] if d["kind"] == "ConfigMap"]
    data = cm["data"]
    assert data["ETS_STREAM_REPLICAS"] == "3"
    assert data["ETS_ENVIRONMENT"] == "production"
    assert data["ETS_HOST"] == "0.0.0.0"
    assert len(data["ETS_NATS_URL"].split(",")) == 3


def test_k8s_nats_statefulset():
    docs = k8s_docs()["nats.yaml"]
    (sts,) = [d for d in docs if d["kind"] == "StatefulSet"]
    assert sts["spec"]["replicas"] == 3
    assert sts["spec"]["podManagementPolicy"] == "Parallel"
    (headless,) = [d for d in docs if d["kind"] == "Service"]
    assert headless["spec"]["clusterIP"] == "None"
    assert sts["spec"]["serviceName"] == headless["metadata"]["name"]
    (cm,) = [d for d in docs if d["kind"] == "ConfigMap"]
    check_nats_conf(cm["data"]["nats.conf"])
    assert sts["spec"]["volumeClaimTemplates"], "JetStream needs persistent volumes"


def test_kustomization_lists_every_manifest_but_the_secret_template():
    kust = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    listed = set(kust["resources"])
    for name in listed:
        assert (K8S / name).is_file(), name
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.template.yaml"}
    assert listed == manifests
    assert kust["namespace"] == "ets"
    (gen,) = kust["secretGenerator"]
    assert gen["name"] == "ets-secrets"
    # The generator's env file lists exactly the keys the template documents and the Deployments read.
    example = K8S / "secrets.env.example"
    keys = {line.split("=", 1)[0] for line in example.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    (secret,) = yaml.safe_load_all((K8S / "secret.template.yaml").read_text(encoding="utf-8"))
    from ets_shared.messaging.nats_auth import IDENTITIES  # the services, calendar, observer, member-gateway

    nats = {f"ETS_NATS_{key(i)}_{what}" for i in IDENTITIES for what in ("NKEY", "SEED")}
    console = {"ETS_CONSOLE_SESSION_SECRET", "ETS_CONSOLE_OIDC_CLIENT_SECRET"}
    assert keys == set(secret["stringData"]) == {f"ETS_{key(s)}_DATABASE_URL" for s in SERVICES} | nats | console


# --------------------------------------------------------------------------------------------------------------
# against the settings code, and against Docker when there is one
# --------------------------------------------------------------------------------------------------------------

def test_compose_env_matches_settings(services):
    """Every variable the settings code says a production service needs is set for it in compose and in k8s."""
    from ets_shared.settings import service_env_vars

    (cm,) = [d for d in k8s_docs()["config.yaml"] if d["kind"] == "ConfigMap"]
    missing = []
    for service in SERVICES:
        required = service_env_vars(service)
        assert required, f"service_env_vars({service!r}) is empty"
        compose_env = env_of(services[service])
        missing += [f"compose {service}: {name}" for name in sorted(required - set(compose_env))]
        (c,) = deployments()[service]["spec"]["template"]["spec"]["containers"]
        k8s_env = {e["name"] for e in c.get("env", [])} | set(cm["data"])
        missing += [f"k8s {service}: {name}" for name in sorted(required - k8s_env)]
    assert not missing, "variables the settings require but the deployment does not set:\n" + "\n".join(missing)


def _docker_engine_reachable() -> bool:
    docker = shutil.which("docker")
    if not docker:
        return False
    try:
        return subprocess.run([docker, "info"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def test_docker_compose_config():
    if not _docker_engine_reachable():
        pytest.skip("no Docker engine: compose validated structurally only")
    docker = shutil.which("docker")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("no `docker compose` plugin: compose validated structurally only")
    env = {
        **os.environ,
        # the `${VAR:?}` inputs, so interpolation succeeds; the values are never used
        "ETS_JWKS_URL": "https://idp.example.org/jwks.json",
        "ETS_DB_PASSWORD": "validation-only",
        "POSTGRES_PASSWORD": "validation-only",
        **{f"ETS_NATS_{key(i)}_{what}": "validation-only" for i in [*SERVICES, "calendar", "observer"]
           for what in ("NKEY", "SEED")},
    }
    result = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------------------------------
# the web console (README "Web console")
# --------------------------------------------------------------------------------------------------------------

def test_compose_console_publishes_8100_and_sets_what_production_needs(services):
    from ets_console.settings import console_env_vars

    console = services["console"]
    assert console["command"] == ["ets-console"]
    assert (8100, 8100) in published_ports(console)
    env = env_of(console)
    assert console_env_vars() <= set(env), sorted(console_env_vars() - set(env))
    assert env["ETS_ENVIRONMENT"] == "production" and "ETS_JWT_SECRET" not in env
    assert not any(name.endswith("_DATABASE_URL") or name.startswith("ETS_NATS") for name in env), \
        "the console reaches the services over HTTP only"
    assert {env[f"ETS_CONSOLE_{key(s)}_URL"] for s in SERVICES} == {f"http://{s}:{PORTS[s]}" for s in SERVICES}
    assert set(SERVICES) <= set(console["depends_on"])
    assert "8100/readyz" in " ".join(console["healthcheck"]["test"])


def test_k8s_console_deployment():
    from ets_console.settings import console_env_vars

    (c,) = deployments()["console"]["spec"]["template"]["spec"]["containers"]
    assert c["command"] == ["ets-console"]
    assert {p["name"]: p["containerPort"] for p in c["ports"]}["http"] == 8100
    config = next(d for d in k8s_docs()["config.yaml"] if d["kind"] == "ConfigMap")["data"]
    names = {e["name"] for e in c.get("env", [])} | set(config)
    assert console_env_vars() <= names, sorted(console_env_vars() - names)
    assert "ETS_JWT_SECRET" not in names
    secrets = {e["valueFrom"]["secretKeyRef"]["key"] for e in c["env"] if "valueFrom" in e}
    assert secrets == {"ETS_CONSOLE_SESSION_SECRET", "ETS_CONSOLE_OIDC_CLIENT_SECRET"}
    example = (K8S / "secrets.env.example").read_text()
    assert all(f"{name}=" in example for name in secrets)
