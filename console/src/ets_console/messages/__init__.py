"""The console's message catalogue: key → (English, 中文), one module per audience (`common`, `public`, `entity`,
`agency`, …), each a `MESSAGES` dict; every module in this package is merged here, so a new audience adds its own
module and edits no shared file. A key defined twice is refused at import."""
from __future__ import annotations

import importlib
import pkgutil

MESSAGES: dict[str, tuple[str, str]] = {}

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _key, _pair in _module.MESSAGES.items():
        if _key in MESSAGES:
            raise RuntimeError(f"message {_key!r} is defined twice (in {_info.name} and before)")
        MESSAGES[_key] = _pair
