"""Benchmark: the web pages under load, on a generated plan of 2,000 actions × 10 periods.

Serves the plan with gunicorn (2 workers, on 127.0.0.1) and loads one page at a time with wrk,
20 connections (users) asking again as soon as they are answered, for 10 s: the plan page, an
action owner's "my actions" (the reporting round's page, signed in), the dashboard and search.
/healthz goes through the same procedure in the same run, the floor to read the others against.
Each page gets a fresh server with every worker warmed, so none inherits another's queue.

Prints each page's time for one request on its own, then under load its requests per second and
50th, 95th and 99th percentile latencies. Targets on a 2-core machine: p95 under 200 ms and no
errors: no failed connection, every answer a 2xx, none slower than wrk's timeout (2 s; wrk
leaves slower ones out of its percentiles, which are then shown as lower bounds). Exits
non-zero if any row misses them.

Runs on a throwaway SQLite database unless EQTRACK_DATABASE_URL is set. Needs wrk (installed
with apt-get if it is missing).

    .venv/bin/python benchmarks/web.py [--actions N] [--periods N] [--duration 10s]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

P95_TARGET_MS = 200

# wrk runs each thread in its own Lua state: each counts its non-2xx answers, and done()
# (in the main state) gathers them from the threads it was given in setup().
WRK_SCRIPT = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "EQTRACK requests=%d duration_us=%d p50=%.3f p95=%.3f p99=%.3f max=%.3f "
      .. "connect=%d read=%d write=%d status=%d timeout=%d non2xx=%d\\n",
    summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, non2xx_total))
end
"""

RESULT_LINE = re.compile(r"^EQTRACK (.*)$", re.MULTILINE)


def wrk_path() -> str:
    """wrk, installed from the Debian package if it is not there yet."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: apt-get install -y wrk", flush=True)
    install = ["apt-get", "install", "-y", "wrk"]
    if subprocess.run(install, stdout=subprocess.DEVNULL, check=False).returncode != 0:
        print("apt-get install failed: apt-get update, then install again", flush=True)
        subprocess.run(["apt-get", "update"], stdout=subprocess.DEVNULL, check=True)
        subprocess.run(install, stdout=subprocess.DEVNULL, check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is still missing after apt-get install")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    """One GET, redirects not followed (a redirect to sign-in must show up as one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_ready(port: int, workers: int, server: subprocess.Popen, access: Path) -> None:
    """Until every worker has answered /healthz (by the process ids in the access log): a
    worker that is still loading the app would otherwise slow the first page down."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = access.with_name("gunicorn.log").read_text()
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}):\n{log}")
        with contextlib.suppress(OSError), ThreadPoolExecutor(workers) as pool:
            for future in [pool.submit(fetch, port, "/healthz") for _ in range(workers)]:
                future.result()
        lines = access.read_text().splitlines() if access.exists() else []
        pids = {line.split()[0] for line in lines if "/healthz" in line}
        if len(pids) >= workers:
            return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn's {workers} workers were not all answering within 60 s")


@contextlib.contextmanager
def serving(workers: int, workdir: Path):
    """gunicorn on a free port of 127.0.0.1 with this process's environment, once all its
    workers answer; stopped however the block ends, without answering queued requests."""
    port = free_port()
    access = workdir / f"access-{port}.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "eqtrack.config.wsgi:application", f"--workers={workers}"]
    command += [f"--bind=127.0.0.1:{port}", "--no-control-socket"]
    command += [f"--access-logfile={access}", "--access-logformat=%(p)s %(s)s %(U)s"]
    with (workdir / "gunicorn.log").open("a") as log_file:
        server = subprocess.Popen(
            command, env=os.environ.copy(), stdout=log_file, stderr=subprocess.STDOUT
        )
    try:
        wait_until_ready(port, workers, server, access)
        yield port
    finally:
        server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def load(wrk: str, script: Path, args, port: int, path: str, cookie: str) -> dict[str, float]:
    """One wrk run against one path; its figures as numbers."""
    command = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}"]
    command += [f"--timeout={args.timeout}", "-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    found = RESULT_LINE.search(run.stdout)
    if run.returncode != 0 or not found:
        raise SystemExit(f"wrk failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    return {key: float(value) for key, value in (p.split("=") for p in found.group(1).split())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--owned", type=int, default=300, help="actions of the owner's team")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=20, help="concurrent users")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--duration", default="10s", help="of each page's load, as wrk reads it")
    parser.add_argument("--timeout", default="2s", help="wrk's timeout for one request")
    parser.add_argument("--query", default="borough", help="the words searched for")
    parser.add_argument(
        "--keep", action="store_true", help="keep the working directory (database, logs)"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="eqtrack-bench-"))
    try:
        return benchmark(args, workdir)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    started = time.perf_counter()
    os.environ.setdefault("EQTRACK_DATA_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    os.environ["EQTRACK_ALLOWED_HOSTS"] = "127.0.0.1"
    import django

    django.setup()
    # The security log would list every membership made below.
    logging.getLogger("eqtrack.security").setLevel(logging.WARNING)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from eqtrack.accounts.models import Membership, Role, Team
    from eqtrack.importing.services import plan_import
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Action
    from eqtrack.rounds.services import round_open

    wrk = wrk_path()
    call_command("migrate", verbosity=0)

    # The plan, a team owning some of its actions, an administrator, an owner, an open round.
    source = workdir / "plan.json"
    document = document_generate(actions=args.actions, periods=args.periods)
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    del document
    plan = plan_import(paths=[source], slug="bench", publish=True).plan
    organisation = plan.organisation
    team = Team.objects.create(organisation=organisation, name="Bench team")
    owned = list(
        Action.objects.live().filter(plan=plan).order_by("pk").values_list("pk", flat=True)
    )[: args.owned]
    Action.objects.filter(pk__in=owned).update(team=team)
    User = get_user_model()
    password = "a long benchmark password 1"
    admin = User.objects.create_user("bench-admin", "admin@bench.example", password)
    Membership.objects.create(organisation=organisation, user=admin, role=Role.ADMINISTRATOR)
    owner = User.objects.create_user("bench-owner", "owner@bench.example", password)
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER).teams.add(
        team
    )
    for role in (Role.REVIEWER, Role.VIEWER):
        user = User.objects.create_user(f"bench-{role}", f"{role}@bench.example", password)
        Membership.objects.create(organisation=organisation, user=user, role=role)
    bench_round = round_open(
        plan=plan,
        period_label="Bench round",
        deadline=dt.date.today() + dt.timedelta(days=30),
        user=admin,
    )

    # The owner's session, without the sign-in form (and so without django-axes).
    client = Client()
    client.force_login(owner)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    # As in production, only the server holds the database open while it is measured.
    connections.close_all()

    base = f"/{organisation.slug}/{plan.slug}"
    pages = [
        ("healthz", "/healthz", ""),
        ("plan page", f"{base}/", ""),
        ("my actions", f"/{organisation.slug}/rounds/{bench_round.pk}/", cookie),
        ("dashboard", f"{base}/dashboard/", ""),
        ("search", f"{base}/search/?q={args.query}", ""),
    ]

    print(
        f"plan: {args.actions} actions × {args.periods} periods, {len(owned)} of them the "
        f"owner's; set up in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return measure_pages(args, workdir, wrk, pages, P95_TARGET_MS, started)


def measure_pages(
    args: argparse.Namespace,
    workdir: Path,
    wrk: str,
    pages: list[tuple[str, str, str]],
    target_ms: float,
    started: float,
) -> int:
    """Each page under load on its own fresh server, then the table of figures; 0 if every
    page met the target (shared with benchmarks/directory.py)."""
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    print(
        f"load: gunicorn with {args.workers} workers on 127.0.0.1, wrk with "
        f"{args.connections} connections for {args.duration} on each page",
        flush=True,
    )
    results = []
    for name, path, page_cookie in pages:
        # A fresh server for each page, so no page inherits the requests still queued from
        # the one before (wrk stops sending, but gunicorn answers what it has accepted).
        with serving(args.workers, workdir) as port:
            # Warm every worker at once, then time one request on its own.
            with ThreadPoolExecutor(args.workers) as pool:
                many = [pool.submit(fetch, port, path, page_cookie) for _ in range(args.workers)]
                warmed = [future.result() for future in many]
            if any(status != 200 for status, _ in warmed):
                raise SystemExit(f"{name} ({path}) answered {warmed[0][0]} when warmed, not 200")
            one = time.perf_counter()
            fetch(port, path, page_cookie)
            alone_ms = (time.perf_counter() - one) * 1000
            size = len(warmed[0][1]) / 1000
            print(f"  {name}: {path} ({size:,.0f} kB, {alone_ms:,.0f} ms alone)", flush=True)
            figures = load(wrk, script, args, port, path, page_cookie)
            results.append((name, alone_ms, figures))

    print()
    print(
        f"{'page':<11} {'alone ms':>9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7}  result"
    )
    ok = True
    for name, alone_ms, r in results:
        kinds = {k: int(r[k]) for k in ("connect", "read", "write", "timeout", "non2xx") if r[k]}
        if not r["requests"]:
            kinds["unanswered"] = args.connections  # every request still waiting at the end
        met = not kinds and r["max"] > 0 and r["p95"] < target_ms
        ok = ok and met
        # Latencies beyond wrk's timeout are not in its histogram: then they are lower bounds.
        bound = ">" if kinds.get("timeout") else ""
        latencies = [f"{bound}{r[p]:,.0f}" if r["max"] else "–" for p in ("p50", "p95", "p99")]
        print(
            f"{name:<11} {alone_ms:>9,.0f} {r['requests'] / (r['duration_us'] / 1e6):>7.1f} "
            + " ".join(f"{v:>8}" for v in latencies)
            + f" {sum(kinds.values()):>7}  {'PASS' if met else 'FAIL'}"
            + (" (" + ", ".join(f"{k} {v}" for k, v in kinds.items()) + ")" if kinds else "")
        )
    print(
        f"targets: p95 < {target_ms} ms and no errors (no failed connection, no answer "
        f"other than 2xx, none slower than wrk's {args.timeout} timeout), /healthz included"
    )
    print(f"whole run: {time.perf_counter() - started:.0f} s")
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
