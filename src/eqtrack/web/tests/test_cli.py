"""`eqtrack help` reads as a table of contents, and commands' old names still work."""

import os
import re
import subprocess
import sys

import pytest
from django.core.management import get_commands, load_command_class

from eqtrack.cli import RENAMED, main


def _contents(capsys, *args: str) -> str:
    main(list(args))
    return capsys.readouterr().out


def test_help_lists_every_eqtrack_command_once_under_what_it_is_for(capsys):
    out = _contents(capsys)
    ours = sorted(name for name, app in get_commands().items() if app.startswith("eqtrack."))
    assert {"parse", "remind", "consultation-weight", "directory-seed", "serve"} <= set(ours)
    group = None
    where: dict[str, list[str | None]] = {}
    for line in out.splitlines():
        if re.fullmatch(r"[A-Z][\w ,]+:", line):
            group = line[:-1]
        elif match := re.match(r"  (\S+)  +(\S.*)", line):
            where.setdefault(match[1], []).append(group)
            # The summary is the start of the command's own help, not a copy of it.
            own = " ".join(load_command_class(get_commands()[match[1]], match[1]).help.split())
            assert own.startswith(match[2]), (match[1], match[2])
    for name in ours:
        assert len(where.get(name, [])) == 1, f"{name} listed {where.get(name)}"
    assert {g for name in ours for g in where[name]} == {
        "Plans and reports",
        "Reporting rounds and reminders",
        "Consultations and populations",
        "Workforce and pay gaps",
        "Community directory",
        "Social value in procurement",
        "Running a site",
    }
    assert where["paygap"] == ["Workforce and pay gaps"]
    assert where["consultation-weight"] == ["Consultations and populations"]
    assert where["migrate"] == ["Running a site"]
    assert "`eqtrack help COMMAND`" in out and "`eqtrack help --commands`" in out
    assert not set(RENAMED) & set(where)


@pytest.mark.parametrize("args", [["help"], ["--help"], ["-h"]])
def test_help_and_no_arguments_give_the_same_contents(capsys, args):
    assert _contents(capsys, *args) == _contents(capsys)


def test_help_with_an_old_name_gives_the_new_commands_details(capsys):
    main(["help", "weight"])
    captured = capsys.readouterr()
    assert "usage: eqtrack consultation-weight" in captured.out
    assert "`weight` is now called `consultation-weight`" in captured.err


def test_an_old_name_still_runs_and_names_the_new_one(tmp_path):
    weighted = tmp_path / "weighted.csv"
    weighted.write_text("q1,weight\nYes,1.5\nNo,0.5\nYes,1\n")
    env = {**os.environ, "EQTRACK_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("EQTRACK_DATABASE_URL", None)  # a throwaway database, never the suite's

    def eqtrack(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "eqtrack", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    old = eqtrack("results", str(weighted), "--question", "q1")
    new = eqtrack("consultation-results", str(weighted), "--question", "q1")
    assert old.returncode == 0, old.stderr
    assert old.stdout == new.stdout and "Yes" in old.stdout
    assert old.stderr.splitlines()[0] == (
        "eqtrack: `results` is now called `consultation-results`; the old name still works."
    )
    assert "now called" not in new.stderr
