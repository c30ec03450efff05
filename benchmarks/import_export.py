"""Benchmark: import and export a generated plan of 2,000 actions × 10 periods.

Prints the time of each and the process's peak memory (resident set size). Targets on
a 2-core machine: import under 10 s, export under 3 s, peak memory under 300 MB.
Runs on a throwaway SQLite database unless EQTRACK_DATABASE_URL is set.

    .venv/bin/python benchmarks/import_export.py [--actions N] [--periods N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--periods", type=int, default=10)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="eqtrack-bench-"))
    os.environ.setdefault("EQTRACK_DATA_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from eqtrack.importing.services import plan_import
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.selectors import plan_document

    call_command("migrate", verbosity=0)
    source = workdir / "plan.json"
    document = document_generate(actions=args.actions, periods=args.periods)
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    del document

    started = time.perf_counter()
    result = plan_import(paths=[source], slug=f"bench-{int(started)}")
    import_seconds = time.perf_counter() - started

    started = time.perf_counter()
    exported = plan_document(organisation=result.plan.organisation, slug=result.plan.slug)
    text = json.dumps(exported, ensure_ascii=False, indent=2)
    export_seconds = time.perf_counter() - started

    assert exported == json.loads(source.read_text(encoding="utf-8")), "round trip changed the plan"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"plan: {args.actions} actions × {args.periods} periods ({len(text) / 1e6:.1f} MB of JSON)"
    )
    print(f"import: {import_seconds:.2f} s (target < 10 s)")
    print(f"export: {export_seconds:.2f} s (target < 3 s)")
    print(f"peak memory: {peak_mb:.0f} MB (target < 300 MB)")
    ok = import_seconds < 10 and export_seconds < 3 and peak_mb < 300
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
