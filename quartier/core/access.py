"""The one shape of every `access_<thing>(viewer, key, perm=None)` in the apps' selectors.

An object the viewer may not see does not exist for them (`Http404`); an object they see but
may not act on as asked is forbidden (`PermissionDenied`). Pages and API endpoints fetch
every object through their app's access function, so both answer alike.
"""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from quartier.accounts.viewer import Viewer

M = TypeVar("M", bound=Model)


def access_object(
    queryset: QuerySet[M],
    viewer: Viewer,
    *,
    view: str | None = None,
    perm: str | None = None,
    **lookup: Any,
) -> M:
    """The object of `queryset` found by `lookup`. `view` is the permission needed to see it
    (None: the queryset is already filtered by what the viewer may see); `perm`, when given,
    is the permission the action needs."""
    obj = queryset.filter(**lookup).first()
    if obj is None or (view is not None and not viewer.has_perm(view, obj)):
        raise Http404
    if perm is not None and not viewer.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def key_lookup(key: int | str, *, slug_field: str = "slug") -> dict[str, Any]:
    """`{"pk": key}` for a number (API paths), `{slug_field: key}` for a slug (page paths)."""
    if isinstance(key, int):
        return {"pk": key}
    return {slug_field: key}
