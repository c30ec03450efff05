"""Benchmark: parse a generated 300-page PDF and a Word document of the same plan.

Targets on a 2-core machine: PDF under 30 s, DOCX under 10 s, peak memory under 500 MB.
The documents are generated first, in a process of their own (not timed or measured);
each parse runs in a fresh process so its memory is its own.

    .venv/bin/python benchmarks/parse.py [--actions N]
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
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    os.environ.setdefault("EQTRACK_DATA_DIR", tempfile.mkdtemp(prefix="eqtrack-bench-"))
    import django

    django.setup()


def generate(workdir: Path, actions: int) -> None:
    _setup()
    from eqtrack.importing.readers.base import (
        NestedItem,
        ReadAction,
        ReadReport,
        ReadStatus,
        ReadTheme,
    )
    from eqtrack.importing.tests.documents import report_to_docx, report_to_pdf

    themes = [
        ReadTheme(f"Objective {t + 1}: Theme {t + 1}", f"Objective statement {t + 1}.")
        for t in range(6)
    ]
    for n in range(actions):
        themes[n % 6].actions.append(
            ReadAction(
                text=f"We will deliver action {n} so that residents of every background are served fairly.",
                progress=[
                    f"Progress on action {n}: 12 meetings held with community groups this quarter.",
                    NestedItem(
                        "Work under way includes:",
                        ["Survey of 300 residents.", "A review of the equality impact assessment."],
                    ),
                ],
                status=ReadStatus("Ongoing/remain included in action plan", "ongoing"),
            )
        )
    report = ReadReport(source="generated", period="2024", themes=themes)
    (workdir / "plan.pdf").write_bytes(report_to_pdf(report))
    (workdir / "plan.docx").write_bytes(report_to_docx(report))


def parse(path: Path) -> None:
    _setup()
    import pdfplumber

    from eqtrack.importing.readers import reader_for

    data = path.read_bytes()
    started = time.perf_counter()
    report = reader_for(data, source=path.name).read(data, source=path.name)
    seconds = time.perf_counter() - started
    pages = None
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "actions": sum(len(t.actions) for t in report.themes),
                "pages": pages,
                # The PDF reader shares pages among one worker process per core.
                "peak_mb": own + workers * (os.cpu_count() or 1) if workers else own,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2600, help="about 8.6 actions a page")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--parse", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.actions)
        return 0
    if args.parse:
        parse(args.parse)
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="eqtrack-parse-"))
    me = [sys.executable, __file__, "--actions", str(args.actions)]
    print("generating documents (not timed)…", file=sys.stderr)
    subprocess.run([*me, "--generate", str(workdir)], check=True)
    ok = True
    for name, target in (("pdf", 30), ("docx", 10)):
        run = subprocess.run(
            [*me, "--parse", str(workdir / f"plan.{name}")],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(run.stdout.strip().splitlines()[-1])
        assert result["actions"] == args.actions, (
            f"{name}: read {result['actions']} of {args.actions} actions"
        )
        pages = f", {result['pages']} pages" if result["pages"] else ""
        print(
            f"{name}: {result['seconds']:.1f} s (target < {target} s), "
            f"peak memory {result['peak_mb']:.0f} MB (target < 500 MB), {result['actions']} actions{pages}"
        )
        ok = ok and result["seconds"] < target and result["peak_mb"] < 500
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
