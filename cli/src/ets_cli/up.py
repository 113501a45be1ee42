"""`ets up`: start the embedded platform and keep it running until Ctrl-C."""
from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

from ets_cli.platform import CONSOLE, SERVICES, Platform
from ets_shared.persistence.engine import normalise_url
from ets_shared.settings import CONSOLE_PORT, EMBEDDED_NATS_PORT


def postgres_urls(base: str) -> dict[str, str]:
    """One database per service on the server at `base` (created when missing)."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(normalise_url(base))
    urls = {}
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for service in SERVICES:
            name = "ets_" + service.replace("-", "_")
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
            urls[service] = admin.set(database=name).render_as_string(hide_password=False)
    return urls


def run(args) -> int:
    platform = Platform(Path(args.data_dir), nats_url=args.nats_url, nats_port=args.nats_port or EMBEDDED_NATS_PORT,
                        cluster=args.cluster, console_port=int(os.environ.get("ETS_CONSOLE_PORT", CONSOLE_PORT)),
                        database_urls=postgres_urls(args.postgres) if args.postgres else {})
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    cluster = ", a 3-node cluster, streams R3" if args.cluster else ""
    print(f"ets: starting NATS ({platform.effective_nats_url}{cluster}) "
          f"and five services and the web console; logs in {platform.data_dir}/logs",
          flush=True)
    try:
        platform.start(timeout=args.timeout)
    except Exception as exc:  # noqa: BLE001 - any start failure is reported as one line and exit 1
        print(f"ets: start failed: {exc}", file=sys.stderr)
        return 1
    print("ets: the platform is ready\n")
    for service in SERVICES:
        url = platform.url(service)
        print(f"  {service:<19} {url}   API docs {url}/docs")
    print(f"  {'web console':<19} {platform.url(CONSOLE)}")
    print(f"  {'nats':<19} {platform.effective_nats_url}")
    print("\nNext: `./ets demo` runs a compliance year; `./ets token --role authority` mints a token. Ctrl-C stops.",
          flush=True)
    while not stop.wait(1.0):
        for service, process in list(platform.processes.items()):
            if process.poll() is not None:
                print(f"ets: {service} exited ({process.returncode}); restarting", file=sys.stderr, flush=True)
                platform.start_service(service)
    print("\nets: stopping…", flush=True)
    platform.stop()
    print("ets: stopped; data kept in", platform.data_dir)
    return 0
