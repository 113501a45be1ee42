"""The rules are in the repository (docs/) and the code cites them: every `docs/<file>.md` a code comment, a test or
the README names exists, with the heading anchor (`#…`) or rules section (`§N`) it names, and every article the
code or the README names (M-n) is in docs/rules.md. Links between the docs pages resolve too. So a citation cannot
point at a page, a section or an article that is not there."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SKIP_PARTS = {".venv", "mutants", "__pycache__", ".ets", "node_modules"}
CITATION = re.compile(r"docs/(?P<file>[\w-]+\.md)(?:#(?P<anchor>[\w-]+))?(?P<sections>(?:,? §\d+(?: and §\d+)?)*)")
SECTION = re.compile(r"§(\d+)")
ARTICLE = re.compile(r"(?<![\w-])M-([1-9]\d?)(?!\d)")  # articles 1..45; a member id (M-0002) is none
DOCS_LINK = re.compile(r"\]\((?P<file>[\w-]+\.md)(?:#(?P<anchor>[\w-]+))?\)")


def _sources() -> list[Path]:
    files = [ROOT / "README.md"]
    for top in ("services", "shared", "cli", "tests"):
        files += [p for p in (ROOT / top).rglob("*.py") if not SKIP_PARTS & set(p.parts)]
    return files


def slug(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def headings(page: Path) -> list[str]:
    return [line.lstrip("#").strip() for line in page.read_text(encoding="utf-8").splitlines()
            if re.match(r"#{1,6} ", line)]


def rules_sections() -> set[str]:
    return {m.group(1) for h in headings(DOCS / "rules.md") if (m := re.match(r"§(\d+) ", h))}


def citations() -> list[tuple[str, str, str | None, list[str]]]:
    found = []
    for path in _sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in CITATION.finditer(line):
                found.append((f"{path.relative_to(ROOT)}:{n}", m.group("file"), m.group("anchor"),
                              SECTION.findall(m.group("sections"))))
    return found


def test_the_code_cites_the_docs_pages():
    cited = {file for _, file, _, _ in citations()}
    assert {"rules.md", "policy-parameters.md", "architecture.md"} <= cited


@pytest.mark.parametrize("where, file, anchor, sections", citations(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_docs_citation_resolves(where, file, anchor, sections):
    page = DOCS / file
    assert page.is_file(), f"{where} cites docs/{file}, which does not exist"
    if anchor:
        assert anchor in {slug(h) for h in headings(page)}, f"{where} cites docs/{file}#{anchor}: no such heading"
    if sections:
        assert file == "rules.md", f"{where}: § sections are those of docs/rules.md"
        missing = sorted(set(sections) - rules_sections(), key=int)
        assert not missing, f"{where} cites docs/rules.md §{', §'.join(missing)}: no such section"


def test_every_article_the_code_names_is_in_the_rules():
    rules = set(ARTICLE.findall((DOCS / "rules.md").read_text(encoding="utf-8")))
    missing: dict[str, str] = {}
    for path in _sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for article in ARTICLE.findall(line):
                if article not in rules:
                    missing.setdefault(f"M-{article}", f"{path.relative_to(ROOT)}:{n}")
    assert not missing, f"articles named in the code but not in docs/rules.md (first place): {missing}"


def test_no_citation_of_a_page_outside_the_repository():
    """`regulation.md` and `architecture.md` without `docs/` were the reference pages outside the clone."""
    bare = re.compile(r"(?<![\w/-])(?:regulation|architecture|rules|policy-parameters)\.md")
    me = Path(__file__).resolve()
    found = [f"{path.relative_to(ROOT)}:{n}" for path in _sources() if path.resolve() != me
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if bare.search(line)]
    assert not found


def test_links_between_docs_pages_resolve():
    broken = []
    for page in sorted(DOCS.glob("*.md")):
        for m in DOCS_LINK.finditer(page.read_text(encoding="utf-8")):
            target = DOCS / m.group("file")
            if not target.is_file() or (m.group("anchor") and m.group("anchor") not in map(slug, headings(target))):
                broken.append(f"{page.name} → {m.group(0)}")
    assert not broken


def test_a_broken_citation_would_be_found():
    """The checks themselves: a made-up section, anchor and page are not found."""
    assert "99" not in rules_sections()
    assert "no-such-heading" not in {slug(h) for h in headings(DOCS / "architecture.md")}
    assert not (DOCS / "regulation.md").exists()  # the old, out-of-repository name must not come back as a citation
    assert slug("§5 Surrender, offsets, exit") == "5-surrender-offsets-exit"
