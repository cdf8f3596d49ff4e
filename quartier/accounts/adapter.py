"""How django-allauth sees a request: the client address behind the trusted proxies, and a
login lock per account and client."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from quartier.accounts import services
from quartier.core.ratelimits import client_address


class AccountAdapter(DefaultAccountAdapter):
    def set_password(self, user: Any, password: str) -> None:
        """Changing or resetting the password revokes the user's API tokens."""
        services.set_password(user, password)

    def get_client_ip(self, request: HttpRequest) -> str:
        """The per-client login and signup limits count the client, not the reverse proxy
        in front of Quartier (TRUSTED_PROXY_COUNT)."""
        return client_address(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failed logins lock one account for one client: somebody guessing elsewhere cannot
        lock the account's owner out (allauth alone locks the account for everybody)."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_address(request)}"
