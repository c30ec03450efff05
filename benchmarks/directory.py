"""Benchmark: the community directory under load, with 20,000 approved listings.

Serves the directory with gunicorn (2 workers, on 127.0.0.1) and loads, one at a time with wrk
and 20 connections: the public search page (words) and the Open Referral UK /services?search=,
with /healthz in the same run. Targets on a 2-core machine: p95 under 150 ms and no errors.
Also counts each page's SQL queries, made afresh, for a search with few results and one with
many: the count must not grow with the results. Public answers are cached per directory
version (directory/caching.py); the figures under load are for a popular search. Exits non-zero if a target is missed.

Uses benchmarks/web.py's server and load machinery. Runs on a throwaway SQLite database unless
EQTRACK_DATABASE_URL is set.

    .venv/bin/python benchmarks/directory.py [--listings N] [--duration 10s]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import web  # noqa: E402  (benchmarks/web.py: the server and wrk machinery)

P95_TARGET_MS = 150
FRESH_MS: dict[str, float] = {}
WORDS = [
    *("lunch", "club", "support", "group", "advice", "carers", "youth"),
    *("faith", "walk", "choir", "food", "bank", "tea"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--timeout", default="2s")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="eqtrack-bench-"))
    try:
        return benchmark(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _build(listings: int):
    from eqtrack.core.fts import stems
    from eqtrack.directory.models import Group, Location, Service, ServiceAtLocation, TaxonomyTerm
    from eqtrack.directory.services import taxonomy_seed
    from eqtrack.organisations.models import Organisation

    council = Organisation.objects.create(name="Bench Borough", slug="bench")
    taxonomy_seed(organisation=council)
    terms = list(TaxonomyTerm.objects.filter(organisation=council))
    rng = random.Random(7)
    groups = Group.objects.bulk_create(
        [
            Group(
                organisation=council,
                name=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {i}",
                description=" ".join(rng.choices(WORDS, k=12)),
            )
            for i in range(listings)
        ],
        batch_size=2000,
    )
    services = [
        Service(
            organisation=council,
            group=group,
            name=group.name,
            description=" ".join(rng.choices(WORDS, k=20)),
            listing=Service.Listing.APPROVED,
        )
        for group in groups
    ]
    for service in services:  # bulk_create skips save(), which fills search_text in
        service.search_text = "\n".join(
            [service.name, service.description, service.group.name, service.group.description]
        )
        service.search_stems = stems(service.search_text)  # what SQLite's index holds
    services = Service.objects.bulk_create(services, batch_size=2000)
    Through = Service.terms.through
    Through.objects.bulk_create(
        [Through(service_id=s.pk, taxonomyterm_id=rng.choice(terms).pk) for s in services],
        batch_size=5000,
    )
    locations = Location.objects.bulk_create(
        [
            Location(
                organisation=council,
                address_1=f"{i} High Street",
                city="Town",
                postal_code="ME14 1AA",
            )
            for i in range(listings)
        ],
        batch_size=2000,
    )
    ServiceAtLocation.objects.bulk_create(
        [
            ServiceAtLocation(organisation=council, service=s, location=loc)
            for s, loc in zip(services, locations, strict=True)
        ],
        batch_size=2000,
    )
    return council


def _queries(path: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # made afresh, as after a change: the cached answer takes one query
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200
    FRESH_MS[path] = (time.perf_counter() - started) * 1000
    return len(queries)


def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    started = time.perf_counter()
    os.environ.setdefault("EQTRACK_DATA_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    os.environ.setdefault("EQTRACK_ALLOWED_HOSTS", "127.0.0.1,testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    council = _build(args.listings)
    wrk = web.wrk_path()
    few, many = "/bench/directory/?q=lunch+choir+3", "/bench/directory/?q=lunch"
    counts = {path: _queries(path) for path in (few, many)}
    api_few, api_many = (
        "/openreferral/services?search=lunch+choir+3",
        "/openreferral/services?search=lunch",
    )
    counts |= {path: _queries(path) for path in (api_few, api_many)}
    connections.close_all()
    print(
        f"directory: {args.listings:,} approved listings of {council.name}; set up in "
        f"{time.perf_counter() - started:.1f} s"
    )
    constant = counts[few] == counts[many] and counts[api_few] == counts[api_many]
    print(
        f"SQL queries per request: search page {counts[few]} (few results) and {counts[many]} "
        f"(many); /services {counts[api_few]} and {counts[api_many]}: "
        + ("constant" if constant else "NOT CONSTANT")
    )
    print(
        "made afresh (the first visitor after a change): "
        + ", ".join(f"{path} {ms:.0f} ms" for path, ms in FRESH_MS.items())
    )
    pages = [
        ("healthz", "/healthz", ""),
        ("search", many, ""),
        ("/services", api_many, ""),
    ]
    ok = web.measure_pages(args, workdir, wrk, pages, P95_TARGET_MS, started)
    return 0 if ok == 0 and constant else 1


if __name__ == "__main__":
    sys.exit(main())
