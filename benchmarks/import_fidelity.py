"""Benchmark: how faithfully the importer reads a corpus of other councils' report layouts.

Builds each layout of `eqtrack.importing.tests.corpus` (Word, PDF, web page and text files
generated from the plan each should give), reads it through the reader its content fits,
and scores it with `eqtrack.importing.fidelity`: action recall and precision (no action
invented or split), progress and next-steps text F1, status accuracy (a status read where
none is given counts against it), reference/lead/due exactness, themes (title and objective)
and the introduction (token F1).
Overall figures are micro averages; the combined score is the lowest of them.

Targets (issue 16): recall and precision ≥ 0.98, F1 ≥ 0.95, status ≥ 0.95, ref/lead/due
≥ 0.95, themes and introduction ≥ 0.95 overall, no layout below 0.9 on any measure. Exits 1 when they are not met.

    .venv/bin/python benchmarks/import_fidelity.py [--misses]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    os.environ.setdefault("EQTRACK_DATA_DIR", tempfile.mkdtemp(prefix="eqtrack-bench-"))
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list what each layout got wrong")
    args = parser.parse_args()
    _setup()
    from eqtrack.importing.fidelity import (
        MEASURES,
        THRESHOLDS,
        Counts,
        below_thresholds,
        combined,
        report_score,
    )
    from eqtrack.importing.readers import reader_for
    from eqtrack.importing.readers.base import ReaderError
    from eqtrack.importing.tests.corpus import LAYOUTS

    per_layout: dict[str, Counts] = {}
    width = max(len(layout.name) for layout in LAYOUTS)
    columns = {m: max(7, len(m)) for m in MEASURES}

    def row(label: str, values: dict[str, float], digits: int = 3) -> str:
        return f"{label:<{width}}  " + "  ".join(
            f"{values[m]:>{columns[m]}.{digits}f}" for m in MEASURES
        )

    header = f"{'layout':<{width}}  " + "  ".join(f"{m:>{columns[m]}}" for m in MEASURES)
    print(header)
    print("-" * len(header))
    for layout in LAYOUTS:
        name, data = layout.file()
        try:
            read = reader_for(data, source=name).read(data, source=name)
            counts = report_score(read, layout.expected)
        except ReaderError as e:
            counts = report_score(type(layout.expected)(source=name, period=None), layout.expected)
            counts.misses.insert(0, f"not read: {e}")
        per_layout[layout.name] = counts
        scores = counts.scores()
        print(row(layout.name, scores))
        if args.misses:
            for miss in counts.misses:
                print(f"    {miss}")
    overall = sum(per_layout.values(), Counts()).scores()
    print("-" * len(header))
    print(row("overall (micro)", overall))
    print(row("target", THRESHOLDS, digits=2))
    print(f"combined score (lowest overall measure): {combined(overall):.3f}")
    failures = below_thresholds(per_layout)
    if failures:
        print(f"\nTARGET MISSED ({len(failures)}):")
        for failure in failures:
            print(f"  {failure}")
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
