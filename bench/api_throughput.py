"""Benchmark: the API's throughput through the access layer and the audit, against a plain
REST framework view of the same rows without them (issue 13), under gunicorn (2 workers)
on PostgreSQL, driven by wrk on loopback.

One customer's detail — the person with addresses and phone numbers — by a service
account's token: `GET /api/v1/customers/<id>/` (gated per field and row, masked, every
read an access event written before the answer leaves) against
`GET /bench/plain/customers/<id>/` (bench/plain_api.py: the same rows, the same token
authentication, plain serializers), random customers, the two alternating for
`--rounds` rounds of `--seconds` each in one run. Prints each side's requests per
second, p50/p95/p99 latency and failures (any non-2xx answer or socket error), and the
throughput ratio (issue 13's target: at least 0.6; the compass: 0.75).

Run by hand, never in the suite, with the server's production settings (DEBUG off), on
its own databases (create them once: `su postgres -c "createdb -O ci bench_api"`, and the
same for bench_api_keystore):

    .venv/bin/python bench/api_throughput.py [--people 20000] [--rounds 6] [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import million

ROOT = Path(__file__).resolve().parents[1]
RECORDS, KEYSTORE = "bench_api", "bench_api_keystore"
PORT = 8765

# wrk's script: a random path of the list for each request, the token in a header, and
# at the end one JSON line of what wrk measured (p95 is not in wrk's own report).
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local token = os.getenv("BENCH_TOKEN")
request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["Authorization"] = "Token " .. token})
end
local failed = 0
response = function(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %d, "p95": %d, "p99": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--full", type=int, default=5_000, help="people with full records")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="reuse a seeded database")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")

    million.setup(records=RECORDS, keystore=KEYSTORE)
    print(million.ensure_people(args.people, args.full, args.reuse), flush=True)
    from access.models import ServiceAccount
    from access.service_accounts import create_service_account, issue_token
    from customers.models import Person, SystemRelationship
    from sorn.constants import Role

    account = ServiceAccount.objects.filter(user__username="bench-api").first()
    if account is None:
        account = create_service_account(
            "bench-api", [Role.SERVICE_ORDERS], "The throughput benchmark.", rate="1000000/min"
        )
    token, _ = issue_token(account)
    # Customers of USPS 810.300 with full records (addresses, phones), which the service
    # account's role reads.
    last_full = f"C{min(args.full, args.people):08d}"
    ids = list(
        SystemRelationship.objects.filter(
            system="usps-810-300", person__customer_id__lte=last_full
        ).values_list("person_id", flat=True)
    )
    random.Random(7).shuffle(ids)
    ids = ids[:2000]
    assert ids, "no customer of USPS 810.300 seeded"
    people = Person.objects.count()

    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    script = work / "bench.lua"
    script.write_text(WRK_SCRIPT)
    paths = {
        "gated": work / "gated.txt",
        "plain": work / "plain.txt",
    }
    paths["gated"].write_text("".join(f"/api/v1/customers/{pk}/\n" for pk in ids))
    paths["plain"].write_text("".join(f"/bench/plain/customers/{pk}/\n" for pk in ids))

    server = start_gunicorn(work)
    try:
        for side in ("gated", "plain"):
            check(side, ids[0], token)
        totals = {side: {"requests": 0, "seconds": 0.0, "failed": 0, "p95": []} for side in paths}
        for round_number in range(1, args.rounds + 1):
            for side in ("plain", "gated") if round_number % 2 else ("gated", "plain"):
                result = run_wrk(script, paths[side], token, args.seconds, args.connections)
                total = totals[side]
                total["requests"] += result["requests"]
                total["seconds"] += result["seconds"]
                total["failed"] += result["failed"] + result["socket_errors"]
                total["p95"].append(result["p95"] / 1000)
                rps = result["requests"] / result["seconds"]
                p50, p95, p99 = (result[p] / 1000 for p in ("p50", "p95", "p99"))
                print(f"  round {round_number} {side}: {rps:.0f} req/s, p50 {p50:.1f} ms, "
                      f"p95 {p95:.1f} ms, p99 {p99:.1f} ms, failed {result['failed']}",
                      flush=True)  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    rate = {side: t["requests"] / t["seconds"] for side, t in totals.items()}
    print(f"customer detail by a service account, {people:,} people, gunicorn 2 workers, "
          f"wrk {args.connections} connections, {args.rounds} alternating rounds of "
          f"{args.seconds} s each")  # fmt: skip
    for side, label in (("plain", "plain DRF, no gate, no audit"),
                        ("gated", "through the access layer and the audit")):  # fmt: skip
        t = totals[side]
        print(f"  {label}: {rate[side]:.0f} req/s, p95 {max(t['p95']):.1f} ms (worst round), "
              f"{t['requests']:,} requests, {t['failed']} failed")  # fmt: skip
    print(f"  ratio gated/plain: {rate['gated'] / rate['plain']:.2f} "
          f"(target at least 0.60; compass 0.75)")  # fmt: skip


def start_gunicorn(work: Path) -> subprocess.Popen:
    """The service as production runs it (DEBUG off, its secrets from the environment),
    with the baseline's URL beside its own."""
    data_dir = ROOT / "var" / f"bench-{RECORDS}"
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        "DJANGO_SETTINGS_MODULE": "api_settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "KEYRING_FILE": str(data_dir / "keys" / "keyring.json"),
        "DATA_DIR": str(data_dir),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
    log = (work / "gunicorn.log").open("w")  # the server's, kept for a failed start
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "-c", "python:config.gunicorn", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit(f"gunicorn did not start: see {work / 'gunicorn.log'}")


def check(side: str, pk: int, token: str) -> None:
    """One request of each side answers 200 with the customer, before anything is timed."""
    path = f"/api/v1/customers/{pk}/" if side == "gated" else f"/bench/plain/customers/{pk}/"
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Authorization": f"Token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        assert json.load(response)["id"] == pk, side


def run_wrk(script: Path, paths: Path, token: str, seconds: int, connections: int) -> dict:
    env = {**os.environ, "BENCH_PATHS": str(paths), "BENCH_TOKEN": token}
    out = subprocess.run(  # noqa: S603 (wrk, found on PATH above, with our arguments)
        [shutil.which("wrk") or "wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
         "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{PORT}"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    result = json.loads(out.strip().splitlines()[-1])
    # Non-2xx answers: wrk's own count of them, from its report.
    result["failed"] = 0
    for line in out.splitlines():
        if "Non-2xx or 3xx responses:" in line:
            result["failed"] = int(line.split(":")[1])
    return result


if __name__ == "__main__":
    main()
