"""The seed plan's document, which most report tests write out."""

import pytest

from eqtrack.importing.parsing import files_parse
from eqtrack.reports.glossary import DEFAULT_GLOSSARY, SEED_GLOSSARY


@pytest.fixture(scope="session")
def seed_document():
    from pathlib import Path

    root = Path(__file__).resolve().parents[4] / "sample_data"
    paths = [
        root / "equalities-actions-update-2021.txt",
        root / "equalities-actions-update-2022.txt",
    ]
    return files_parse(
        paths=paths, periods=["2021", "2022"], organisation="Maidstone Borough Council"
    ).document


@pytest.fixture(scope="session")
def seed_glossary():
    return DEFAULT_GLOSSARY | SEED_GLOSSARY


@pytest.fixture(scope="module")
def data_2022(seed_document, seed_glossary):
    from eqtrack.reports.data import report_data

    return report_data(document=seed_document, period="2022", glossary=seed_glossary)
