"""Who is asking, and how often: the client's address behind the configured number of
trusted reverse proxies, and rate limits kept in the Django cache (shared between app
processes when the cache is Redis). The limits are listed in the README, "Limits"."""

import ipaddress
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client. With TRUSTED_PROXY_COUNT = 0 (the default: no proxy) it
    is REMOTE_ADDR. Behind N trusted proxies, each of which appends the address it received
    the request from to X-Forwarded-For, it is the N-th entry from the right: entries further
    left were written by the client itself and may be forged."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.headers.get("X-Forwarded-For", "").split(",")
        if part.strip()
    ]
    if not forwarded:
        return remote
    candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


@dataclass(frozen=True)
class Rate:
    """`limit` events per `seconds`, e.g. Rate(60, 60) for 60 a minute."""

    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "60/m", "1000/h", "10/30s", "5/d"."""
        amount, _slash, period = text.partition("/")
        units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        number = period[:-1] or "1"
        return cls(int(amount), int(number) * units[period[-1]])


def hit(scope: str, key: str, rate: Rate) -> int | None:
    """Counts one event of `key` in a fixed window of `rate.seconds`; returns None while
    within the limit, else the seconds until the window ends (for Retry-After)."""
    now = int(time.time())
    window = now // rate.seconds
    cache_key = f"quartier:rl:{scope}:{key}:{rate.seconds}:{window}"
    if cache.add(cache_key, 1, timeout=rate.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=rate.seconds + 1)
            count = 1
    if count > rate.limit:
        return max(1, (window + 1) * rate.seconds - now)
    return None


class RateLimited(Exception):
    """Raised by a service when its caller is over a rate limit; pages and the API answer
    429 with `Retry-After` (quartier.core.middleware, the API's handler)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def check_background_start(user: Any) -> None:
    """Each start of background work (data download, import, matching) counts against
    BACKGROUND_TASK_RATE per user; raises RateLimited when over it."""
    wait = hit("background", str(user.pk), Rate.parse(settings.BACKGROUND_TASK_RATE))
    if wait is not None:
        raise RateLimited(wait)
