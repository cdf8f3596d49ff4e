from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from quartier.accounts.services import user_for_token


class BearerToken(HttpBearer):
    """`Authorization: Bearer TOKEN` with a personal token from the profile page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


# Logged-in browsers (with CSRF protection) and programs with a token.
api_auth = [BearerToken(), SessionAuth()]
