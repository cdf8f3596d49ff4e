"""Writes about accounts: API tokens, the demo administrator, deleting an account."""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import ApiToken, User

TOKEN_PREFIX = "qt_"  # noqa: S105 - a marker, not a secret
LAST_USED_RESOLUTION = timedelta(minutes=5)


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the user; the plain token is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "API", prefix=plain[:10], key_hash=hash_token(plain)
    )
    return token, plain


def revoke_token(token: ApiToken, *, by: User) -> None:
    if not by.has_perm("accounts.revoke_apitoken", token):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def user_for_token(plain: str) -> User | None:
    """The active user owning this active token, or None."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def ensure_demo_admin(email: str, password: str) -> tuple[User, bool]:
    """The demo administrator with a confirmed e-mail address; created once, password reset
    to the given one on every call so that the printed credentials always work."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Demo",
            "last_name": "Administration",
        },
    )
    user.set_password(password)
    user.is_staff = user.is_superuser = user.is_active = True
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created


@transaction.atomic
def delete_account(user: User) -> None:
    """Deletes the user and everything personal that hangs on them (tokens, e-mail addresses,
    task records and admin log entries cascade). Records that belong to a community, such as
    an actor's profile, are kept but no longer point to the person."""
    User.objects.filter(pk=user.pk).delete()


@transaction.atomic
def ensure_demo_member(email: str, password: str | None, *, name: str) -> User:
    """A demo user without special rights, with a confirmed e-mail address and the given
    password (set when the user is created or has none: hashing is slow on purpose); None
    makes a user who cannot log in."""
    user = User.objects.filter(email=email).first() or User(
        email=email, first_name="Demo", last_name=name
    )
    if user.pk is None or (password and not user.has_usable_password()):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user
