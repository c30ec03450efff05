"""A corpus of report layouts as councils publish them, each generated at test time with the
plan a person would type in from it, for measuring how faithfully the importer reads them
(`eqtrack.importing.fidelity`, `benchmarks/import_fidelity.py`, `test_corpus.py`)."""

from __future__ import annotations

from .builders import LAYOUTS as _TUNED
from .builders import Layout
from .heldout import layouts as _held_out

# The thirteen layouts the readers were improved alongside, then the held-out ones written
# afterwards without reading the readers (`heldout`).
TUNED = _TUNED
HELD_OUT = _held_out()
LAYOUTS = TUNED + HELD_OUT

__all__ = ["HELD_OUT", "LAYOUTS", "TUNED", "Layout"]
