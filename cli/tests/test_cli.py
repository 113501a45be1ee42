"""The `ets` command's own behaviour: argument handling that CI and the README depend on."""
from __future__ import annotations

from ets_cli import commands
from ets_cli.main import main


def test_ets_test_passes_every_later_argument_to_pytest(monkeypatch):
    seen = []
    monkeypatch.setattr(commands, "run_tests", lambda args: seen.append(args) or 0)
    assert main(["test", "-q", "-p", "no:cacheprovider", "-k", "m39"]) == 0
    assert seen == [["-q", "-p", "no:cacheprovider", "-k", "m39"]]


def test_token_is_minted_with_the_given_role_and_party(tmp_path, capsys, monkeypatch):
    from ets_shared.auth import decode_token
    from ets_shared.settings import PlatformSettings

    monkeypatch.setenv("ETS_JWT_SECRET", "a-test-secret-long-enough-for-the-platform-000")
    assert main(["token", "--role", "entity", "--party", "E-1", "--data-dir", str(tmp_path)]) == 0
    principal = decode_token(PlatformSettings(jwt_secret="a-test-secret-long-enough-for-the-platform-000"),
                             capsys.readouterr().out.strip())
    assert (principal.role.value, principal.party_id) == ("entity", "E-1")


def test_query_parameters_become_text_and_a_list_repeats_its_name():
    from ets_cli.client import _query

    assert _query({"awaiting": ["verified", "recheck"], "overdue": True, "limit": 5, "trigger": None}) == [
        ("awaiting", "verified"), ("awaiting", "recheck"), ("overdue", "true"), ("limit", "5")]


def test_bench_engine_replays_its_stream_and_prints_the_figures(capsys):
    for stream in ("mix", "limit-queue"):
        assert main(["bench-engine", "--stream", stream, "--ops", "3000", "--depth", "300", "--repeat", "1"]) == 0
        out = capsys.readouterr().out
        assert f"stream {stream}: 3,000 operations" in out
        assert "M ops/s" in out and "per second of CPU time" in out and "p99" in out and "machine:" in out
