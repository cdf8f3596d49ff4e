"""Who is looking: the one type for "the person a page or API call is made for".

`Viewer` is what selectors, `access_*` functions and rules take: a signed-in `User` or
Django's `AnonymousUser`. `viewer(request)` reads it from a request (pages and API alike);
`signed_in(request)` is for views and endpoints that require a login (a decorator or the
API's authentication has already refused anonymous callers).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from quartier.accounts.models import User

Viewer = User | AnonymousUser


def viewer(request: HttpRequest) -> Viewer:
    user = request.user
    assert isinstance(user, User | AnonymousUser)
    return user


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a request; PermissionDenied for an anonymous one."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
