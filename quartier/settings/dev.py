"""Development and `make run`: SQLite under var/, console e-mail, debug on by default."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-quartier-key-change-me-0123456789")

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 - the embedded database lives here
