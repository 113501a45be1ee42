"""Every label the console shows exists in Chinese and in English: each message key a template or page uses is in
the catalogue with both texts, and the keys built at run time (roles, grades, source kinds, done notices) too."""
from __future__ import annotations

import re
from pathlib import Path

import ets_console
from ets_console.messages import MESSAGES
from ets_console.pages.auth import SIGN_IN_ROLES

PACKAGE = Path(ets_console.__file__).parent
LITERAL = re.compile(r"""\bt\(\s*["']([a-z_][\w.]*)["']""")
IN_PYTHON = re.compile(r"""(?:message_key=|Link\()\s*["']([a-z_][\w.]*)["']""")
DONE = re.compile(r"""[?&]done=([a-z_]+)""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.html"):
        keys |= set(LITERAL.findall(path.read_text()))
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text()
        keys |= set(LITERAL.findall(source)) | set(IN_PYTHON.findall(source))
        keys |= {f"done.{d}" for d in DONE.findall(source)}
    keys |= {f"role.{r.value}" for r in SIGN_IN_ROLES}
    keys |= {f"grade.{g}" for g in ("EXCELLENT", "PASS", "FAIL")}
    keys |= {f"kind.{k}" for k in ("fuel", "process", "electricity", "heat")}
    return {k for k in keys if not k.endswith(".")}  # `t("done." ~ name)`: the names are listed above


def test_every_label_used_is_in_the_catalogue_in_both_languages():
    keys = used_keys()
    assert len(keys) > 100
    assert sorted(keys - set(MESSAGES)) == []
    for key in keys:
        english, chinese = MESSAGES[key]
        assert english.strip() and chinese.strip(), key
        assert re.search(r"[\u4e00-\u9fff]", chinese) or chinese == english, f"{key}: no Chinese text"


def test_placeholders_agree_between_the_languages():
    for key, (english, chinese) in MESSAGES.items():
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", chinese)), key
