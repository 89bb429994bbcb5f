"""The ``regie`` command: Django's management commands plus Regie's own."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Settings read the environment strictly (regie/env.py); their message says exactly
        # which variable is missing or wrong, so print that line rather than a traceback.
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)
    except ImproperlyConfigured as problem:
        if os.environ.get("REGIE_DEBUG") == "1":
            raise
        sys.stderr.write(f"regie: {problem}\n")
        sys.exit(2)
    execute_from_command_line(["regie", *sys.argv[1:]])


if __name__ == "__main__":
    main()
