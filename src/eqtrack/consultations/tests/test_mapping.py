"""A survey export's own columns and wordings mapped to the profile's categories."""

from io import StringIO

import pandas as pd
import pytest
from django.core.management import call_command

from eqtrack.consultations.mapping import mapping_read, responses_map
from eqtrack.consultations.weighting import WeightingError

MAPPING = """variable,column,answer,category
age,What is your age?,16..34,16-34
age,What is your age?,35..,35+
sex,Are you…,Woman,Female
sex,Are you…,Female,Female
sex,Are you…,Man,Male
"""


def _export() -> pd.DataFrame:
    # As survey platforms export: a column per question, answers in the respondent's words.
    return pd.DataFrame(
        {
            "Response ID": range(8),
            "What is your age?": ["22", "41", "67", "", "34", "35", "Prefer not to say", "19"],
            "Are you…": [
                "Woman",
                "man",
                "Female",
                "Woman",
                "Prefer not to say",
                "Man",
                "Woman",
                "In another way",
            ],
        }
    )


def test_answers_map_to_categories_and_the_rest_are_kept_missing_and_counted(tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text(MAPPING, encoding="utf-8")
    mapped, notes = responses_map(_export(), mapping_read(path))
    assert mapped.age.tolist() == ["16-34", "35+", "35+", "", "16-34", "35+", "", "16-34"]
    assert mapped.sex.tolist() == ["Female", "Male", "Female", "Female", "", "Male", "Female", ""]
    assert notes == [
        "Are you…: answers the mapping does not list, kept as missing: 'In another way' (1)"
    ]


def test_a_mapping_naming_a_missing_column(tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text(
        "variable,column,answer,category\nward,Ward,High St,High Street\n", encoding="utf-8"
    )
    with pytest.raises(WeightingError, match="mapping 'ward': the responses have no column 'Ward'"):
        responses_map(_export(), mapping_read(path))


def test_weight_with_a_mapping(tmp_path):
    export = tmp_path / "export.csv"
    _export().to_csv(export, index=False)
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(MAPPING, encoding="utf-8")
    margins = tmp_path / "margins.csv"
    margins.write_text(
        "variable,category,population\nage,16-34,30\nage,35+,70\nsex,Female,51\nsex,Male,49\n",
        encoding="utf-8",
    )
    output = tmp_path / "weighted.csv"
    err = StringIO()
    call_command(
        "consultation-weight",
        str(export),
        "--margins",
        str(margins),
        "--mapping",
        str(mapping),
        "-o",
        str(output),
        stdout=StringIO(),
        stderr=err,
    )
    weighted = pd.read_csv(output)
    assert list(weighted.columns) == ["Response ID", "What is your age?", "Are you…", "weight"]
    assert "kept as missing: 'In another way' (1)" in err.getvalue()
    assert "respondents: 8 (4 weighted, 4 missing" in err.getvalue()  # rows 3, 4, 6, 7
