"""Writes about accounts: API tokens, the demo administrator, deleting an account."""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import ApiToken, User

TOKEN_PREFIX = "qt_"  # noqa: S105 - a marker, not a secret
LAST_USED_RESOLUTION = timedelta(minutes=5)


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the user, valid for API_TOKEN_LIFETIME_DAYS; the plain token is
    returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        prefix=plain[:10],
        key_hash=hash_token(plain),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    return token, plain


def set_password(user: User, password: str) -> None:
    """A new password (changed or reset through the login pages); saving it revokes the API
    tokens (User.save, which also covers the admin and `quartier changepassword`)."""
    user.set_password(password)
    user.save()


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
        .filter(
            key_hash=hash_token(plain),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
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
    """The demo administrator with a confirmed e-mail address, created with the given
    password if there is no user with this address yet. An existing user is left exactly as
    it is: its password, rights and e-mail addresses never change here."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Demo",
            "last_name": "Administration",
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user, created


@transaction.atomic
def ensure_demo_member(email: str, password: str | None, *, name: str) -> User:
    """A demo user without special rights and with a confirmed e-mail address, created with
    the given password (None: a user who cannot log in) if there is no user with this address
    yet. An existing user is left exactly as it is: its password never changes here."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": "Demo", "last_name": name}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


@transaction.atomic
def delete_account(user: User) -> None:
    """Deletes the user and everything personal that hangs on them (tokens, e-mail addresses,
    task records and admin log entries cascade). Records that belong to a community, such as
    an actor's profile, are kept but no longer point to the person."""
    User.objects.filter(pk=user.pk).delete()


PROFILE_FIELDS = ["first_name", "last_name", "notification_mode"]


@transaction.atomic
def update_profile(user: User, *, by: User) -> User:
    """Saves the person's own profile: name and how they want to be notified."""
    if by.pk != user.pk:
        raise PermissionDenied
    user.full_clean(exclude=[f.name for f in User._meta.fields if f.name not in PROFILE_FIELDS])
    user.save(update_fields=PROFILE_FIELDS)
    return user
