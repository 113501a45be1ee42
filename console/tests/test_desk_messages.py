"""The desks' labels built at run time (the queue's kinds, M-40 measures, the exchange's measure kinds and
surveillance patterns, the plan's and a member's steps) exist in Chinese and English."""
from __future__ import annotations

import re

from ets_console.messages import MESSAGES
from ets_console.pages import case_desk, exchange_desk


def test_desk_keys_built_at_run_time_are_in_both_languages():
    keys = {f"awaiting.{a}" for a in ("verified", "recheck", "no_report", "no_verification")}
    keys |= {f"measure.{m}" for m in case_desk.MEASURES}
    keys |= {f"exchange.kind.{k}" for k in exchange_desk.KINDS}
    keys |= {f"exchange.pattern.{p}" for p in exchange_desk.PATTERNS}
    keys |= {f"authority.plan.{s}{suffix}" for s in ("approval", "issuance") for suffix in ("", "_submit")}
    keys |= {f"exchange.member.{s}{suffix}" for s in ("suspension", "reinstatement") for suffix in ("", "_submit")}
    keys |= {f"desk.timeline.kind.{k}" for k in ("published", "consumed", "audit")}
    assert sorted(keys - set(MESSAGES)) == []
    for key in keys:
        assert re.search(r"[\u4e00-\u9fff]", MESSAGES[key][1]), key
