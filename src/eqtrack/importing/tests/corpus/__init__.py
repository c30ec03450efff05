"""A corpus of report layouts as councils publish them, each generated at test time with the
plan a person would type in from it, for measuring how faithfully the importer reads them
(`eqtrack.importing.fidelity`, `benchmarks/import_fidelity.py`, `test_corpus.py`)."""

from __future__ import annotations

from .builders import LAYOUTS, Layout

__all__ = ["LAYOUTS", "Layout"]
