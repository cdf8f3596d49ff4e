"""The `quartier` console script: Django's manage.py under the platform's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings.dev")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 – the settings module is chosen before Django loads

    execute_from_command_line(["quartier", *sys.argv[1:]])


if __name__ == "__main__":
    main()
