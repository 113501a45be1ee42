"""`ets mutate`: mutation testing of the services' rules (mutmut 3) — would a broken rule fail a unit test?

For each service it copies `src/<package>` and `tests/unit` into a scratch folder (`.ets/mutate/<service>/`, so the
`mutants/` tree mutmut writes never lands in the repository or in pytest's collection), writes mutmut's
configuration there (`[tool.mutmut]`: mutate only the chosen `domain/` modules, run only `tests/unit`), runs
`nice -n 10 mutmut run --max-children N` in it and prints, per module, the mutants and how many the unit tests
killed, how many survived and how many no unit test reaches; with `--survivors`, each survivor's diff.
The README's "Mutation testing" section holds the figures and explains the surviving mutants.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ets_cli.platform import SERVICES

ROOT = Path(__file__).resolve().parents[3]
#: `--rules`: the seven rule modules of the README's first mutation table (issue 13), per service — a run of about
#: 18 minutes; `./ets mutate` without it mutates every domain module of every service.
RULE_MODULES = {
    "allocation": ("compliance",),
    "mrv": ("factors", "recheck"),
    "verifier-oversight": ("evaluation",),
    "enforcement": ("articles", "penalties", "measures"),
}
KILLED, SURVIVED, NO_TESTS = {1, 3}, {0}, {5, 33}
CONFIG = """[tool.mutmut]
source_paths = ["src/{package}"]
only_mutate = [{only}]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]
pytest_add_cli_args_test_selection = ["tests/unit"]
"""


def run(args) -> int:
    services = args.service or list(RULE_MODULES if args.rules else SERVICES)
    unknown = sorted(set(services) - set(SERVICES))
    if unknown:
        print(f"ets mutate: unknown service {', '.join(unknown)} (one of {', '.join(SERVICES)})", file=sys.stderr)
        return 2
    if args.module:
        missing = sorted(set(args.module) - {m for s in services for m in domain_modules(s)})
        if missing:
            print(f"ets mutate: no domain module {', '.join(missing)} in {', '.join(services)}", file=sys.stderr)
            return 2
    rows: list[tuple[str, str, dict[str, int]]] = []
    for service in services:
        if args.module:  # each named module where it exists (e.g. `--module policy`: every service's policy)
            modules: list[str] | None = [m for m in args.module if m in domain_modules(service)]
        else:
            modules = list(RULE_MODULES.get(service, ())) if args.rules else None
        if (args.module or args.rules) and not modules:
            continue
        workdir = _prepare(service, modules, Path(args.data_dir))
        print(f"== {service}: mutating {', '.join(modules) if modules else 'every domain module'}", flush=True)
        code = subprocess.call(["nice", "-n", str(args.nice), str(Path(sys.executable).with_name("mutmut")), "run",
                                "--max-children", str(args.max_children)], cwd=workdir,
                               stdout=subprocess.DEVNULL if not args.verbose else None)
        if code != 0:
            print(f"ets mutate: mutmut failed for {service} (exit {code}); run with --verbose", file=sys.stderr)
            return code
        for module, results in _results(workdir, service).items():
            rows.append((service, module, _count(results)))
            if args.survivors:
                _show_survivors(workdir, results)
    _print_table(rows)
    return 0


def domain_modules(service: str) -> list[str]:
    """The service's domain modules (the files `./ets mutate` without `--module` mutates, `domain/*`)."""
    domain = ROOT / "services" / service / "src" / service.replace("-", "_") / "domain"
    return sorted(p.stem for p in domain.glob("*.py"))


def _prepare(service: str, modules: list[str] | None, data_dir: Path) -> Path:
    package = service.replace("-", "_")
    source = ROOT / "services" / service
    workdir = data_dir / "mutate" / service
    shutil.rmtree(workdir, ignore_errors=True)  # fresh figures: nothing cached from older code
    shutil.copytree(source / "src" / package, workdir / "src" / package,
                    ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copytree(source / "tests" / "unit", workdir / "tests" / "unit", ignore=shutil.ignore_patterns("__pycache__"))
    globs = [f"src/{package}/domain/{m}.py" for m in modules] if modules else [f"src/{package}/domain/*"]
    (workdir / "pyproject.toml").write_text(CONFIG.format(package=package, only=", ".join(map(json.dumps, globs))))
    return workdir


def _results(workdir: Path, service: str) -> dict[str, dict[str, int | None]]:
    domain = workdir / "mutants" / "src" / service.replace("-", "_") / "domain"
    found = {}
    for meta in sorted(domain.glob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            found[meta.name.removesuffix(".py.meta")] = codes
    return found


def _count(results: dict[str, int | None]) -> dict[str, int]:
    codes = list(results.values())
    killed = sum(c in KILLED for c in codes)
    survived = sum(c in SURVIVED for c in codes)
    no_tests = sum(c in NO_TESTS for c in codes)
    return {"mutants": len(codes), "killed": killed, "survived": survived, "no_tests": no_tests,
            "other": len(codes) - killed - survived - no_tests}


def _show_survivors(workdir: Path, results: dict[str, int | None]) -> None:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    for name, code in sorted(results.items()):
        if code in SURVIVED:
            subprocess.call([mutmut, "show", name], cwd=workdir)


def _print_table(rows: list[tuple[str, str, dict[str, int]]]) -> None:
    from ets_cli.ui import console, table

    counts = ["mutants", "killed", "survived", "no tests", "other"]
    console.print(table("Mutants per domain module", ["service", "module", *counts],
                        [(service, module, c["mutants"], c["killed"], c["survived"], c["no_tests"], c["other"])
                         for service, module, c in rows], numeric=counts))
