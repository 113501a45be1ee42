"""The desks' page addresses are bounded before any API is asked: an id cannot turn the API path the console calls
into another (`..`, `/`), an unknown act, verdict, service or plan step is refused with 422, and the desks send the
public to sign in."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ets_console.app import create_app


@pytest.fixture
def console(tmp_path, monkeypatch):
    monkeypatch.setenv("ETS_DATA_DIR", str(tmp_path))
    with TestClient(create_app(), follow_redirects=False) as client:
        yield client


@pytest.mark.parametrize("path", ["/desk/cases/C-1/acts/explode", "/desk/cases/C-1/decisions/1/applause",
                                  "/desk/cases/C-1/decisions/0/approval", "/authority/dead-letters/nosuch/1/replay",
                                  "/authority/plans/2025/deletion", "/authority/plans/1999/approval",
                                  "/exchange/members/M-1/expulsion", "/exchange/measures/x%20y/lifting"])
def test_desk_forms_with_an_unknown_step_or_a_bad_id_are_refused_before_any_api(console, path):
    assert console.post(path, data={"csrf": "x"}).status_code == 422


@pytest.mark.parametrize("path", ["/desk/cases/a%2F..%2Fb", "/exchange/members/..", "/desk/timeline/a%2Fb"])
def test_an_id_cannot_reach_another_api_path(console, path):
    assert console.get(path).status_code in (404, 422)


@pytest.mark.parametrize("path", ["/desk/cases", "/authority/determinations", "/exchange/measures",
                                  "/desk/timeline/BRW:E-1:2025"])
def test_the_desks_send_the_public_to_sign_in(console, path):
    answer = console.get(path)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/sign-in?next=")
