"""Who lands where after signing in, and the navigation links of each role's own pages.

A pages module registers its audience at import (`register(Role.X, home=..., links=[...])`), so adding an
audience edits no shared file besides the list of page modules in `ets_console.app`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ets_shared.auth import Principal, Role


@dataclass(frozen=True)
class Link:
    key: str  # message key of the label
    url: Callable[[Principal], str]


HOMES: dict[Role, Callable[[Principal], str]] = {}
LINKS: dict[Role, list[Link]] = {}


def register(role: Role, *, home: Callable[[Principal], str], links: list[Link]) -> None:
    HOMES[role] = home
    LINKS.setdefault(role, []).extend(links)


def home_for(principal: Principal) -> str:
    home = HOMES.get(principal.role)
    return home(principal) if home else "/"


def links_for(principal: Principal | None) -> list[tuple[str, str]]:
    """(message key, url) of the signed-in user's own pages."""
    if principal is None:
        return []
    return [(link.key, link.url(principal)) for link in LINKS.get(principal.role, [])]
