"""`eqtrack parse` and `eqtrack import` end to end: output, summaries, and one clear line on bad input."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Plan, Update
from eqtrack.plans.selectors import plan_document

from .documents import INTRO, PLAIN


def eqtrack(*args, data_dir, stdin=None):
    env = {**os.environ, "EQTRACK_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # A throwaway SQLite database in data_dir: never the database the suite runs against.
    env.pop("EQTRACK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "eqtrack", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_parse_prints_the_seed_plan(seed_paths, tmp_path):
    run = eqtrack("parse", *seed_paths, data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["format"] == "eqtrack-plan/1"
    assert document["periods"] == ["2021", "2022"]
    assert [len(t["actions"]) for t in document["themes"]] == [8, 5, 8]
    assert all(len(a["updates"]) == 2 for t in document["themes"] for a in t["actions"])
    assert "3 themes, 21 actions (8, 5, 8), 42 updates over 2 period(s): 2021, 2022" in run.stderr
    assert "2022: 20 actions matched the earlier round by reference or same wording" in run.stderr
    assert (
        "2022: matched (similarity 0.96): SP7 → SP7: "
        "We will review the Equalities Impact Assessment processes.; "
        "to keep them apart, --no-link SP7" in run.stderr
    )


def test_a_report_naming_no_period_takes_the_year_before_the_next_and_says_so(seed_paths, tmp_path):
    # The 2021 report names no period and these file names carry no year.
    copies = [tmp_path / "first.txt", tmp_path / "second.txt"]
    for source, copy in zip(seed_paths, copies, strict=True):
        copy.write_bytes(source.read_bytes())
    run = eqtrack("parse", *copies, data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["periods"] == ["2021", "2022"]
    assert "first.txt: the document names no period; taken as 2021" in run.stderr


def test_files_given_newest_first_are_read_in_date_order_and_it_says_so(seed_paths, tmp_path):
    run = eqtrack("parse", *reversed(seed_paths), data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["periods"] == ["2021", "2022"]
    assert "out of date order; read as 2021" in run.stderr
    # The 2022 progress is 2022's, not 2021's: E3's first aiders fell from 20 to 14.
    e3 = next(a for t in document["themes"] for a in t["actions"] if a.get("ref") == "E3")
    assert [u["period"] for u in e3["updates"]] == ["2021", "2022"]


def test_parse_labels_periods_in_order(seed_paths, tmp_path):
    run = eqtrack(
        "parse", *seed_paths, "--period", "2020/21", "--period", "2021/22", data_dir=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["periods"] == ["2020/21", "2021/22"]
    assert "taken as" not in run.stderr


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        (
            "latin1.txt",
            "Agreed Actions caf\xe9".encode("latin-1"),
            "latin1.txt: line 1: byte 0xe9 is not UTF-8",
        ),
        ("empty.txt", b"Nothing to see here.\n", "empty.txt: "),
        ("binary.txt", b"\x00\x01\x02PK", "binary.txt: is not a text file"),
    ],
)
def test_parse_bad_input_is_one_clear_line(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    run = eqtrack("parse", path, data_dir=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert expected in lines[0]


def test_a_period_with_no_year_and_no_label_is_refused(tmp_path, seed_paths):
    only = tmp_path / "report.txt"
    only.write_text(seed_paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    run = eqtrack("parse", only, data_dir=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "cannot tell which period this report covers; say which" in run.stderr
    assert "--period LABEL on the command line" in run.stderr


@pytest.mark.django_db
def test_import_then_export_gives_the_parsed_document(seed_paths, tmp_path):
    parsed = StringIO()
    call_command(
        "parse",
        *map(str, seed_paths),
        "--organisation",
        "Maidstone Borough Council",
        stdout=parsed,
        stderr=StringIO(),
    )
    out = StringIO()
    call_command(
        "import",
        *map(str, seed_paths),
        "--plan",
        "eap",
        "--organisation",
        "Maidstone Borough Council",
        stdout=out,
        stderr=StringIO(),
    )
    assert "Imported plan 'eap' for Maidstone Borough Council" in out.getvalue()
    exported = tmp_path / "eap.json"
    call_command("export", "--plan", "eap", "--format", "json", "-o", str(exported))
    assert json.loads(exported.read_text(encoding="utf-8")) == json.loads(parsed.getvalue())
    # …and that export imports again as an identical plan.
    call_command(
        "import", str(exported), "--plan", "eap-copy", stdout=StringIO(), stderr=StringIO()
    )
    organisation = Organisation.objects.get()
    assert plan_document(organisation=organisation, slug="eap-copy") == plan_document(
        organisation=organisation, slug="eap"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": "eqtrack-plan/1", "title": "X", "periods": [], "themes": [', "line 1 column"),
        (
            '{"format": "eqtrack-plan/9", "title": "X", "periods": [], "themes": []}',
            "'eqtrack-plan/9'",
        ),
        (
            '{"format": "eqtrack-plan/1", "title": "X", "periods": ["2022"], "themes": '
            '[{"title": "T", "actions": [{"text": "A", "updates": [{"period": "2023"}]}]}]}',
            "themes[0].actions[0].updates[0].period: '2023' is not one of the plan's periods",
        ),
        # Fails only after the old plan was archived: the archive must be rolled back.
        (
            '{"format": "eqtrack-plan/1", "title": "X", "periods": [], "themes": [], '
            '"predecessor": "no-such-plan"}',
            "predecessor: My organisation has no plan 'no-such-plan'",
        ),
    ],
)
def test_a_failed_import_leaves_the_database_as_it_was(tmp_path, seed_paths, content, expected):
    call_command(
        "import", *map(str, seed_paths), "--plan", "eap", stdout=StringIO(), stderr=StringIO()
    )
    before = (
        Organisation.objects.count(),
        Plan.objects.count(),
        Action.objects.count(),
        Update.objects.count(),
        Action.history.count(),
    )
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command(
            "import", str(bad), "--plan", "eap", "--replace", stdout=StringIO(), stderr=StringIO()
        )
    assert expected in str(raised.value)
    assert str(bad) in str(raised.value)
    after = (
        Organisation.objects.count(),
        Plan.objects.count(),
        Action.objects.count(),
        Update.objects.count(),
        Action.history.count(),
    )
    assert after == before
    assert Plan.objects.get(slug="eap").archived_at is None


@pytest.mark.django_db
def test_importing_over_an_existing_plan_needs_replace(seed_paths):
    call_command(
        "import", *map(str, seed_paths), "--plan", "eap", stdout=StringIO(), stderr=StringIO()
    )
    with pytest.raises(
        CommandError, match="already has a plan 'eap'; choose another --plan or use --replace"
    ):
        call_command(
            "import", *map(str, seed_paths), "--plan", "eap", stdout=StringIO(), stderr=StringIO()
        )


def test_export_of_an_unknown_plan_is_one_clear_line(tmp_path):
    assert eqtrack("migrate", data_dir=tmp_path).returncode == 0
    run = eqtrack("export", "--plan", "nope", data_dir=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert run.stderr.strip() == "CommandError: there are no organisations yet; import a plan first"


@pytest.mark.django_db
def test_import_dry_run_shows_the_summary_and_stores_nothing(seed_paths):
    out, err = StringIO(), StringIO()
    call_command(
        "import", *map(str, seed_paths), "--plan", "eap", "--dry-run", stdout=out, stderr=err
    )
    assert "Dry run: nothing was stored." in out.getvalue()
    assert "3 themes, 21 actions (8, 5, 8), 42 updates" in err.getvalue()
    assert (Organisation.objects.count(), Plan.objects.count(), Action.history.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_link_options_reach_the_linking(seed_paths):
    err = StringIO()
    call_command(
        "import",
        *map(str, seed_paths),
        "--no-link",
        "SP7",
        "--dry-run",
        stdout=StringIO(),
        stderr=err,
    )
    assert (
        "2022: new: SP7: We will review the Equalities Impact Assessment processes."
        in err.getvalue()
    )
    assert (
        "2022: dropped: SP7: We will review Equalities Impact Assessment processes."
        in err.getvalue()
    )
    with pytest.raises(CommandError, match="--link 'SP7': expected OLDREF=NEWREF"):
        call_command(
            "import", *map(str, seed_paths), "--link", "SP7", stdout=StringIO(), stderr=StringIO()
        )


def test_a_database_not_set_up_is_one_clear_line(tmp_path):
    run = eqtrack("export", "--plan", "x", data_dir=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("eqtrack: database error: no such table")
    assert "run `eqtrack migrate` to set it up or bring it up to date" in run.stderr


def test_the_summary_names_each_guess_after_the_totals():
    from eqtrack.importing.summary import summary_build

    document = {"periods": ["2022"], "themes": [{"title": "T", "objective": "", "actions": []}]}
    summary = summary_build(
        document=document,
        decisions=[],
        warnings=[],
        guesses=["report.pdf: took the paragraph under 'T' as its objective"],
    )
    assert summary.lines() == [
        "1 themes, 0 actions (0), 0 updates over 1 period(s): 2022",
        "guess: report.pdf: took the paragraph under 'T' as its objective",
    ]


def test_parse_names_the_objective_and_introduction_it_guessed(tmp_path):
    report = tmp_path / "plan-2023.txt"
    report.write_text(PLAIN, encoding="utf-8")
    run = eqtrack("parse", report, data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["introduction"][0] == INTRO
    assert (
        f"guess: {report}: took the paragraph after the heading 'As an Employer' as its "
        "objective: 'To be an inclusive employer.'" in run.stderr
    )
    assert (
        f"guess: {report}: kept 3 paragraphs that belong to no one theme (before the first, or "
        "notes around the tables) as the plan's introduction, not as an objective: "
        f"'{INTRO}'" in run.stderr
    )
