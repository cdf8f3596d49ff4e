from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from quartier.accounts.models import User
from quartier.accounts.services import user_for_token


class BearerToken(HttpBearer):
    """`Authorization: Bearer TOKEN` with a personal token from the profile page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class LoggedInSession(SessionAuth):
    """The browser session of a logged-in user, CSRF-checked. Without a logged-in user it
    does not apply at all, so that an anonymous call gets 401, not a CSRF 403."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Logged-in browsers (with CSRF protection) and programs with a token.
api_auth = [BearerToken(), LoggedInSession()]


class AnonymousAllowed:
    """Lets a request without credentials through as anonymous. A request that sends an
    `Authorization` header which the other methods did not accept stays refused (401), so a
    wrong token is never silently read as anonymous."""

    def __call__(self, request: HttpRequest) -> bool:
        return "Authorization" not in request.headers


read_auth = [*api_auth, AnonymousAllowed()]


def acting_user(request: HttpRequest) -> User:
    """The authenticated user of a request that passed `api_auth`."""
    assert isinstance(request.user, User)
    return request.user
