"""What `ets up` hands each service of its own environment: the operability settings the README documents
(`ETS_LOG_LEVEL=WARNING ./ets up` keeps only the problems), and none of the platform's own ETS_ variables."""
from __future__ import annotations

from ets_cli.platform import Platform


def test_log_level_and_format_reach_every_service_other_ets_variables_do_not(tmp_path, monkeypatch):
    monkeypatch.setenv("ETS_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("ETS_LOG_FORMAT", "json")
    monkeypatch.setenv("ETS_MRV_DATABASE_URL", "sqlite:////elsewhere/mrv.sqlite")
    monkeypatch.setenv("ETS_JWT_SECRET", "a-secret-the-caller-did-not-mean-for-the-platform-0123456789")
    platform = Platform(data_dir=tmp_path)
    for service in ("allocation", "mrv", "verifier-oversight", "exchange", "enforcement"):
        env = platform.env_for(service)
        assert (env["ETS_LOG_LEVEL"], env["ETS_LOG_FORMAT"]) == ("WARNING", "json")
        assert env["ETS_JWT_SECRET"] == platform.jwt_secret
    assert platform.env_for("mrv")["ETS_MRV_DATABASE_URL"] == f"sqlite:///{tmp_path / 'db' / 'mrv.sqlite'}"
