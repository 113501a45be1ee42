"""Chinese and English labels: one message catalogue (`messages/`, a module per audience), keys in dotted
form (`nav.market`).

Templates call `t("nav.market")` (or `t("covered.title", year=2024)` for `{year}` placeholders); the language is
the session's
(`/language/zh`, `/language/en`), Chinese by default. A key missing from the catalogue is a defect that
`console/tests/test_i18n.py` finds (every key a template or page uses is in both languages).
"""
from __future__ import annotations

from collections.abc import Callable

from ets_console.messages import MESSAGES

Translate = Callable[..., str]


def translator(lang: str) -> Translate:
    index = 1 if lang == "zh" else 0

    def t(key: str, **values: object) -> str:
        entry = MESSAGES.get(key)
        text = entry[index] if entry else key
        return text.format(**values) if values else text

    return t
