"""Benchmark: the cost of auditing reads in the API.

Times GET /api/v1/customers/?limit=100 (100 customers with addresses and phones, as a
privacy officer) with read auditing on (one bulk insert of access events per request) and
off (the access-event middleware removed and the gate's recording made a no-op), in one
run, and prints requests per second for each and their ratio (target: audited at least
0.8x unaudited). Run by hand:

    .venv/bin/python bench/audit_cost.py [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-audit-"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client, override_settings

    call_command("migrate", verbosity=0)
    call_command("migrate", database="keystore", verbosity=0)
    import access.gate
    from audit.models import AccessEvent
    from sorn.demo import seed_demo_records

    seed_demo_records(150)
    user, _ = get_user_model().objects.get_or_create(username="bench-po", is_staff=True)
    user.groups.add(Group.objects.get(name="privacy_officer"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = "/api/v1/customers/?limit=100"

    def run() -> list[float]:
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (response.status_code, response.content[:300])
        return times

    unaudited_middleware = [m for m in settings.MIDDLEWARE if "AccessEventMiddleware" not in m]
    recorder = access.gate.record_read
    audited, unaudited = [], []
    for _ in range(3):  # interleave, so drift affects both alike
        before = AccessEvent.objects.count()
        audited += run()
        assert AccessEvent.objects.count() > before
        access.gate.record_read = lambda *a, **k: None
        try:
            with override_settings(MIDDLEWARE=unaudited_middleware):
                unaudited += run()
        finally:
            access.gate.record_read = recorder
    on, off = statistics.median(audited), statistics.median(unaudited)
    print(f"API list of 100 customers, {len(audited)} requests each way (median)")
    print(f"  audited:   {on * 1000:.1f} ms ({1 / on:.1f} requests/s)")
    print(f"  unaudited: {off * 1000:.1f} ms ({1 / off:.1f} requests/s)")
    print(f"  audited throughput / unaudited: {off / on:.2f} (target at least 0.80)")


if __name__ == "__main__":
    main()
