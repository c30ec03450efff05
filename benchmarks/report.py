"""Benchmark: the committee report of a generated 500-action plan in each format.

Targets on a 2-core machine: DOCX under 3 s, PDF under 15 s, HTML under 1 s, peak memory
under 400 MB. Each format runs in a fresh process, from the database, so its time includes
reading the plan and its memory is its own.

    .venv/bin/python benchmarks/report.py [--actions N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

TARGETS = {"docx": 3.0, "pdf": 15.0, "html": 1.0, "xlsx": 3.0, "csv": 1.0}


def _setup(data_dir: str) -> None:
    os.environ["EQTRACK_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    import django

    django.setup()


def prepare(data_dir: str, actions: int) -> None:
    _setup(data_dir)
    from django.core.management import call_command

    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.services import plan_create_from_document
    from eqtrack.reports.services import glossary_seed

    call_command("migrate", verbosity=0)
    plan = plan_create_from_document(
        document=document_generate(actions=actions, periods=4), slug="bench"
    )
    glossary_seed(organisation=plan.organisation)


def render(data_dir: str, format: str) -> None:
    _setup(data_dir)
    from eqtrack.organisations.selectors import organisation_resolve
    from eqtrack.plans.selectors import plan_document
    from eqtrack.reports.selectors import glossary_for, report_render

    started = time.perf_counter()
    organisation = organisation_resolve(slug=None)
    document = plan_document(organisation=organisation, slug="bench")
    output = report_render(
        document=document,
        period=None,
        format=format,
        glossary=glossary_for(organisation=organisation),
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "kb": len(output) / 1024}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--prepare", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--render", nargs=2, metavar=("DIR", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare, args.actions)
        return 0
    if args.render:
        render(*args.render)
        return 0
    data_dir = tempfile.mkdtemp(prefix="eqtrack-report-")
    me = [sys.executable, __file__, "--actions", str(args.actions)]
    subprocess.run([*me, "--prepare", data_dir], check=True)
    ok = True
    for format, target in TARGETS.items():
        run = subprocess.run(
            [*me, "--render", data_dir, format], check=True, capture_output=True, text=True
        )
        result = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{format}: {result['seconds']:.2f} s (target < {target:g} s), "
            f"peak memory {result['peak_mb']:.0f} MB (target < 400 MB), {result['kb']:.0f} KB"
        )
        ok = ok and result["seconds"] < target and result["peak_mb"] < 400
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
