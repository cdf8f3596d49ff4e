"""Template helpers of the network area: a dictionary lookup and the "Netzwerkposition" panel
on the actor profile."""

from typing import Any

from django import template

from quartier.network.presentation import position_of
from quartier.network.selectors import introduction_counts, opted_out, panel_snapshot

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(str(key), {}) if mapping else {}


@register.inclusion_tag("network/_position_panel.html", takes_context=True)
def network_position(context: Any, actor: Any) -> dict[str, Any]:
    """The actor's place in the network of its first neighbourhood, for the viewer's
    audience (a constant number of queries; nothing when it was not computed yet)."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    snapshot = panel_snapshot(actor, viewer) if viewer is not None else None
    position = position_of(snapshot.result, actor.pk) if snapshot and snapshot.result else None
    can_opt_out = bool(viewer and viewer.has_perm("network.opt_out", actor))
    return {
        "can_opt_out": can_opt_out,
        "opted_out": can_opt_out and opted_out(actor),
        "csrf_token": context.get("csrf_token"),
        "actor": actor,
        "position": position,
        "snapshot": snapshot,
        "can_broker": bool(viewer and viewer.has_perm("network.broker_introductions")),
    }


@register.simple_tag
def introduction_counts_of(neighbourhood: Any) -> dict[str, int]:
    """How many introductions were made in the neighbourhood, accepted and turned into a
    cooperation (one query), for the neighbourhood page."""
    return introduction_counts(neighbourhood.pk)
