"""What the home page shows from the domain apps, without core importing them.

Each app that contributes to the home page registers a provider in its AppConfig.ready()
(`register("examples", latest_examples)`); the home page asks every provider for its value
under its name. core knows only the names the home template uses.
"""

from collections.abc import Callable
from typing import Any

_providers: dict[str, Callable[[], Any]] = {}


def register(name: str, provider: Callable[[], Any]) -> None:
    """Adds `provider()` to the home page's context as `name` (one provider per name)."""
    if name in _providers and _providers[name] is not provider:
        raise ValueError(f"the home page already has a provider for {name!r}")
    _providers[name] = provider


def home_context() -> dict[str, Any]:
    return {name: provider() for name, provider in _providers.items()}
