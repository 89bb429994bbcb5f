"""The ``regie`` command: Django's management commands plus Regie's own."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["regie", *sys.argv[1:]])


if __name__ == "__main__":
    main()
