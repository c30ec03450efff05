"""Fixtures shared by every app's tests."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO / "sample_data"


@pytest.fixture
def seed_paths() -> list[Path]:
    return [
        SAMPLE_DIR / "equalities-actions-update-2021.txt",
        SAMPLE_DIR / "equalities-actions-update-2022.txt",
    ]
