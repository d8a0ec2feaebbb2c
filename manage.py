#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # manage.py is the development entry point: in a checkout, commands work without
    # any environment. Production sets DEBUG=0 explicitly (docker-compose.yml,
    # bin/service); the web server (config/wsgi.py) and Celery (config/celery.py) keep
    # the settings' own default, DEBUG off.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
