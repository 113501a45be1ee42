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


def test_bench_order_entry_enters_settles_and_reconciles_and_refuses_out_of_bounds_options(capsys):
    assert main(["bench-order-entry", "--orders", "400", "--batch", "25", "--traders", "4"]) == 0
    out = capsys.readouterr().out
    assert "400 orders from 4 traders in batches of 25" in out
    assert "µs of CPU per order" in out and "µs of CPU per trade" in out and "machine:" in out
    assert "reconciled: 400 accepted, 400 recorded" in out and "NOT RECONCILED" not in out
    for option, value in (("--orders", "99"), ("--batch", "501"), ("--traders", "1"), ("--seed", "-1")):
        assert main(["bench-order-entry", option, value]) == 2
        assert option in capsys.readouterr().err


def test_every_numeric_option_has_bounds_and_one_beyond_them_is_refused_with_exit_2(capsys):
    import click
    import typer.main

    group = typer.main.get_command(commands.app)
    unbounded = [f"ets {name} {' / '.join(param.opts)}" for name, command in group.commands.items()
                 for param in command.params
                 if isinstance(param.type, (click.types.IntParamType, click.types.FloatParamType))
                 and not isinstance(param.type, (click.IntRange, click.FloatRange))]
    assert unbounded == []
    for argv in (["bench-engine", "--repeat", "0"], ["bench", "--mass", "201"], ["token", "--role", "entity",
                                                                               "--ttl", "0"],
                 ["demo", "--year", "2012"], ["timeline", "--limit", "1001"], ["calendar", "--wall-clock",
                                                                              "--interval", "0"]):
        assert main(argv) == 2, argv
        error = capsys.readouterr().err
        assert argv[-2] in error and "not in the range" in error, error


#: every command and option the argparse CLI had (issue 13 moved it to typer): scripts, CI and the README use them
COMMANDS = {
    "up": {"--data-dir", "--nats-url", "--nats-port", "--cluster", "--postgres", "--timeout"},
    "demo": {"--year", "--run", "--host", "--nats-url", "--data-dir"},
    "bench": {"--entities", "--exchange", "--orders", "--traders", "--concurrency", "--stall", "--year", "--host",
              "--nats-url", "--data-dir"},
    "chaos": {"--entities", "--kills", "--seed", "--concurrency", "--data-dir"},
    "nats-keys": set(), "nats-auth": set(), "contracts-freeze": set(),
    "bench-engine": {"--stream", "--ops", "--seed", "--depth", "--repeat"},
    "bench-registry": {"--database-url", "--transfers", "--holders", "--callers", "--batch", "--verify"},
    "tick": {"--nats-url", "--data-dir"},
    "calendar": {"--wall-clock", "--interval", "--nats-url", "--data-dir"},
    "token": {"--role", "--party", "--subject", "--ttl", "--data-dir"},
    "department": {"--as", "--nats-url", "--store", "--exit-when-idle", "--ack-wait", "--data-dir"},
    "asyncapi": set(), "migrations": {"-m", "--message"},
    "mutate": {"--service", "--module", "--rules", "--survivors", "--max-children", "--nice", "--verbose",
               "--data-dir"},
    "clients": set(), "test": set(),
}


def test_every_command_keeps_its_name_and_options():
    import typer.main

    group = typer.main.get_command(commands.app)
    for name, options in COMMANDS.items():
        assert name in group.commands, f"ets {name} is gone"
        found = {o for p in group.commands[name].params for o in p.opts}
        assert options <= found, f"ets {name} lost {sorted(options - found)}"


def test_help_lists_the_commands_and_a_usage_error_exits_2(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("demo", "bench-registry", "clients", "mutate"))
    assert main(["token"]) == 2  # --role is required
    assert "--role" in capsys.readouterr().err
    assert main(["calendar"]) == 2
    assert "--wall-clock" in capsys.readouterr().err
    assert main(["department", "--as", "police"]) == 2
    assert main(["clients", "billing"]) == 2
    assert "unknown service billing" in capsys.readouterr().err


def test_mutate_repeats_service_and_module_options(monkeypatch):
    from ets_cli import mutate

    seen = []
    monkeypatch.setattr(mutate, "run", lambda args: seen.append(args) or 0)
    assert main(["mutate", "--service", "mrv", "--service", "allocation", "--module", "factors", "--rules"]) == 0
    assert (seen[0].service, seen[0].module, seen[0].rules, seen[0].max_children) == (
        ["mrv", "allocation"], ["factors"], True, 1)
