"""`ets mutate`: the scratch folder it prepares for mutmut, how it counts results, and its refusals (the mutmut run
itself is a measurement, documented in the README, not part of the suite)."""
from __future__ import annotations

import json
import tomllib

from ets_cli import mutate
from ets_cli.main import main


def test_prepare_copies_source_and_unit_tests_and_configures_only_the_chosen_modules(tmp_path):
    workdir = mutate._prepare("mrv", ["factors", "recheck"], tmp_path)
    assert workdir == tmp_path / "mutate" / "mrv"
    assert (workdir / "src" / "mrv" / "domain" / "factors.py").is_file()
    assert (workdir / "tests" / "unit" / "test_factors.py").is_file()
    assert not (workdir / "tests" / "integration").exists() and not (workdir / "src" / "mrv" / "migrations").exists()
    config = tomllib.loads((workdir / "pyproject.toml").read_text())["tool"]["mutmut"]
    assert config["only_mutate"] == ["src/mrv/domain/factors.py", "src/mrv/domain/recheck.py"]
    assert config["source_paths"] == ["src/mrv"] and config["pytest_add_cli_args_test_selection"] == ["tests/unit"]
    every = mutate._prepare("verifier-oversight", None, tmp_path)
    config = tomllib.loads((every / "pyproject.toml").read_text())["tool"]["mutmut"]
    assert config["only_mutate"] == ["src/verifier_oversight/domain/*"]


def test_results_are_counted_per_module_from_mutmuts_exit_codes(tmp_path):
    domain = tmp_path / "mutants" / "src" / "mrv" / "domain"
    domain.mkdir(parents=True)
    codes = {"a": 1, "b": 0, "c": 33, "d": 3, "e": 36, "f": None}
    (domain / "factors.py.meta").write_text(json.dumps({"exit_code_by_key": codes}))
    (domain / "emissions.py.meta").write_text(json.dumps({"exit_code_by_key": {}}))  # not mutated: not listed
    results = mutate._results(tmp_path, "mrv")
    assert list(results) == ["factors"]
    assert mutate._count(results["factors"]) == {"mutants": 6, "killed": 2, "survived": 1, "no_tests": 1,
                                                   "other": 2}


def test_unknown_service_refused(capsys):
    assert main(["mutate", "--service", "billing"]) == 2
    assert "unknown service billing" in capsys.readouterr().err


def test_without_module_every_domain_module_of_every_service_is_mutated(tmp_path):
    import fnmatch

    from ets_cli.platform import SERVICES

    assert len(SERVICES) == 5
    for service in SERVICES:
        modules = mutate.domain_modules(service)
        assert "policy" in modules and "__init__" in modules
        workdir = mutate._prepare(service, None, tmp_path)
        (pattern,) = tomllib.loads((workdir / "pyproject.toml").read_text())["tool"]["mutmut"]["only_mutate"]
        package = service.replace("-", "_")
        copied = sorted(p.stem for p in (workdir / "src" / package / "domain").glob("*.py"))
        assert copied == modules
        assert all(fnmatch.fnmatch(f"src/{package}/domain/{m}.py", pattern) for m in modules)  # as mutmut matches


def test_an_unknown_module_is_refused_naming_it(capsys):
    assert main(["mutate", "--service", "allocation", "--module", "complience"]) == 2
    assert "no domain module complience in allocation" in capsys.readouterr().err
