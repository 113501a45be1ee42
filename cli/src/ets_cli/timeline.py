"""`ets timeline`: everything about one compliance case across the five services, in order — the events each
published and consumed and its audit records — for a correlation id, or for an entity and a compliance year.

It asks each service's `GET /timeline` as the authority and merges the answers with the shared
`ets_shared.observability.timeline.case_timeline` (the console's case page uses the same function)."""
from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import aiohttp

from ets_cli.platform import configured_ports, development_secret
from ets_shared.auth import issue_token
from ets_shared.observability.timeline import CaseTimeline, TimelineEntry, case_timeline
from ets_shared.settings import PlatformSettings


def fetcher(session: aiohttp.ClientSession, urls: dict[str, str], token: str):
    async def fetch(service: str, params: list[tuple[str, str]]) -> dict[str, Any]:
        async with session.get(urls[service] + "/timeline", params=params,
                               headers={"Authorization": f"Bearer {token}"}) as response:
            body = await response.json(content_type=None)
            if response.status != 200:
                detail = body.get("detail") if isinstance(body, dict) else body
                raise RuntimeError(f"{service} GET /timeline → {response.status}: {detail}")
            return body

    return fetch


async def gather_timeline(urls: dict[str, str], token: str, **query: Any) -> CaseTimeline:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        return await case_timeline(fetcher(session, urls, token), services=list(urls), **query)


def describe(entry: TimelineEntry) -> str:
    if entry.kind == "audit":
        return f"{entry.action} {entry.subject_ref} by {entry.actor}"
    return f"{entry.event_type} {entry.event_id}"


def table(timeline: CaseTimeline) -> str:
    header = f"{'at (UTC)':<27}{'service':<20}{'kind':<11}{'what'}"
    lines = [f"correlation ids: {', '.join(timeline.correlation_ids) or '(none found)'}", "", header,
             "-" * max(len(header), 100)]
    for entry in timeline.entries:
        at = entry.at.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        lines.append(f"{at:<27}{entry.service:<20}{entry.kind:<11}{describe(entry)}")
    lines.append("")
    lines.append(f"{len(timeline.entries)} entries" + (" (truncated: some service had more than the limit)"
                                                      if timeline.truncated else ""))
    return "\n".join(lines)


def run(args) -> int:
    if bool(args.correlation_id) == bool(args.entity):
        print("ets timeline: give --correlation-id, or --entity with --year")
        return 2
    if args.entity and args.year is None:
        print("ets timeline: --entity needs --year")
        return 2
    secret = os.environ.get("ETS_JWT_SECRET") or development_secret(Path(args.data_dir).resolve())
    token = issue_token(PlatformSettings(jwt_secret=secret), subject="timeline", role="authority", ttl_seconds=600)
    urls = {s: f"{args.host}:{p}" for s, p in configured_ports().items()}
    query = ({"correlation_id": args.correlation_id} if args.correlation_id
             else {"entity_id": args.entity, "year": args.year})
    timeline = asyncio.run(gather_timeline(urls, token, limit=args.limit, **query))
    print(json.dumps(timeline.model_dump(mode="json"), indent=2, ensure_ascii=False) if args.json
          else table(timeline))
    return 0
