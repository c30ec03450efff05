"""Benchmark: themes in 5,000 free-text answers, as `eqtrack themes` and the officers' "Find
themes" button find them.

Generates seeded, made-up answers to "What would make the borough better?" (eight topics —
parking, bins, libraries, parks, buses, potholes, youth services, housing — in varied
sentences, some answers on two topics, some blank or "n/a"), then times finding the themes
(TF-IDF, NMF, each answer's theme) and checks how many answers land in the theme of their
topic. Then, in a throwaway SQLite database (or EQTRACK_DATABASE_URL's), the same answers as a
survey's submitted responses: times `themes_run` (read, find, store every answer's theme), first
and again (matching the themes there are). Target on a 2-core machine: under 5 s for 5,000
answers, each way. Prints the times and the themes; exits non-zero if a target is missed.

    .venv/bin/python benchmarks/themes.py [--answers N] [--themes K] [--no-database]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter

TARGET_SECONDS = 5.0

TOPICS: dict[str, tuple[list[str], list[str]]] = {
    # topic: (things residents name, what they say about them)
    "parking": (
        ["parking", "the car park", "parking spaces", "parking permits", "parking charges"],
        ["is too expensive", "is always full near the station", "needs more spaces for residents"],
    ),
    "bins": (
        ["the bin collection", "recycling", "the bins", "rubbish collection", "fly tipping"],
        ["is missed every other week", "leaves rubbish in the street", "should be weekly again"],
    ),
    "libraries": (
        ["the library", "library opening hours", "the mobile library", "library books"],
        ["must stay open for children", "are too short for working people", "is a lifeline"],
    ),
    "parks": (
        ["the park", "playgrounds", "green spaces", "the park benches", "trees in the park"],
        ["need looking after", "are not safe after dark", "should have more trees planted"],
    ),
    "buses": (
        ["the buses", "the bus service", "bus routes", "bus fares", "the bus timetable"],
        ["are too infrequent", "stop running too early in the evening", "cost far too much"],
    ),
    "potholes": (
        ["potholes", "the roads", "pavements", "road repairs", "the street lighting"],
        ["damage cars and bikes", "are dangerous for wheelchair users", "take months to fix"],
    ),
    "youth": (
        ["youth clubs", "activities for teenagers", "the youth centre", "holiday clubs"],
        ["have closed and young people have nowhere to go", "need funding", "keep kids safe"],
    ),
    "housing": (
        ["affordable housing", "social housing", "rents", "the housing waiting list"],
        ["is out of reach for families", "are rising faster than wages", "is years long"],
    ),
}
OPENINGS = ["", "I think ", "Honestly, ", "In my view ", "Please note that ", "As a resident, "]
CLOSINGS = ["", " Thank you.", " Please act on this.", " It has got worse this year.", "!"]


def generate(n: int, seed: int = 18) -> tuple[list[str], list[str | None]]:
    """n answers and, for each, the topic it is mostly about (None for blank or "n/a")."""
    rng = random.Random(seed)
    topics = list(TOPICS)
    answers: list[str] = []
    truth: list[str | None] = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.08:
            answers.append(rng.choice(["", " ", "n/a", "No comment", "-"]))
            truth.append(None)
            continue
        topic = rng.choices(topics, weights=[5, 4, 3, 3, 3, 2, 2, 2])[0]
        things, says = TOPICS[topic]
        text = f"{rng.choice(OPENINGS)}{rng.choice(things)} {rng.choice(says)}."
        if roll > 0.85:  # a second, shorter thought on another topic
            other = rng.choice([t for t in topics if t != topic])
            text += f" Also {rng.choice(TOPICS[other][0])}."
        answers.append((text + rng.choice(CLOSINGS)).strip().capitalize())
        truth.append(topic)
    return answers, truth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5_000)
    parser.add_argument("--themes", type=int, default=None)
    parser.add_argument("--no-database", action="store_true", help="Time the engine only.")
    args = parser.parse_args()
    from eqtrack.surveys.themes import themes_find

    answers, truth = generate(args.answers)
    # scikit-learn's import (about a second) is paid once by a command or a server process;
    # it is timed apart, as `eqtrack themes` pays it and a page served twice does not.
    started = time.perf_counter()
    import sklearn.decomposition  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    import_seconds = time.perf_counter() - started
    best, found = float("inf"), None
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = themes_find(answers, themes=args.themes)
        seconds = time.perf_counter() - started
        if seconds < best:
            best, cpu = seconds, time.process_time() - started_cpu
    assert found is not None
    print(f"themes for {len(answers):,} answers: {best:.2f} s (processor {cpu:.2f} s)")
    print(f"scikit-learn's import, once a process: {import_seconds:.2f} s")
    print(f"{found.blank} blank, {found.wordless} with no words to go by")
    # Each theme's biggest topic, and how many of the topic's answers land in that theme.
    landed = 0
    for theme in found.themes:
        topics = Counter(
            t for t, a in zip(truth, found.assignments, strict=True) if a == theme.number and t
        )
        topic, count = topics.most_common(1)[0]
        landed += count
        print(
            f"  theme {theme.number} ({theme.count} answers, mostly {topic}): "
            f"{', '.join(theme.top_words[:6])}"
        )
    themed = sum(1 for a in found.assignments if a is not None)
    print(f"answers in their topic's theme: {landed / themed:.0%}")
    for note in found.notes:
        print(f"note: {note}")
    times = [best]
    if not args.no_database:
        workdir = tempfile.mkdtemp(prefix="eqtrack-bench-")
        try:
            times += stored(answers, args.themes, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if max(times) > TARGET_SECONDS:
        # Other jobs on a shared machine lengthen wall-clock time, not processor time.
        print(
            f"MISSED: target {TARGET_SECONDS:.0f} s (load average {os.getloadavg()[0]:.1f})",
            file=sys.stderr,
        )
        return 1
    print(f"target {TARGET_SECONDS:.0f} s: met")
    return 0


def stored(answers: list[str], themes: int | None, workdir: str) -> list[float]:
    """themes_run on the answers as a survey's submitted responses: first, then again."""
    os.environ.setdefault("EQTRACK_DATA_DIR", workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from eqtrack.accounts.models import Membership, Role
    from eqtrack.accounts.tests.factories import UserFactory
    from eqtrack.consultations.models import Consultation
    from eqtrack.consultations.services import profile_create
    from eqtrack.consultations.weighting import Margin
    from eqtrack.organisations.models import Organisation
    from eqtrack.surveys.models import Answer, Question, Response, Survey
    from eqtrack.surveys.services.themes import themes_run

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Benchmark Borough Council", slug="bench-themes")
    admin = UserFactory.create(username="bench-themes")
    Membership.objects.create(organisation=org, user=admin, role=Role.ADMINISTRATOR)
    profile = profile_create(organisation=org, name="Borough", margins=[Margin("sex", {"F": 1})])
    consultation = Consultation.objects.create(
        organisation=org,
        title="Benchmark",
        profile=profile,
        responses_filename="-",
        responses=b"",
        weighted=b"",
    )
    survey = Survey.objects.create(organisation=org, consultation=consultation)
    question = Question.objects.create(
        organisation=org, survey=survey, kind=Question.Kind.FREE_TEXT, text="Better?"
    )
    now = timezone.now()
    responses = Response.objects.bulk_create(
        Response(organisation=org, survey=survey, token=f"t{i}", submitted_at=now)
        for i in range(len(answers))
    )
    Answer.objects.bulk_create(
        Answer(organisation=org, response=r, question=question, text=a)
        for r, a in zip(responses, answers, strict=True)
    )
    figures = []
    for label in ("found and stored", "found again, matched"):
        started, started_cpu = time.perf_counter(), time.process_time()
        run = themes_run(question=question, user=admin, themes=themes)
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        figures.append(seconds)
        print(f"themes_run, {label}: {seconds:.2f} s (processor {cpu:.2f} s; {run.sentence()})")
    return figures


if __name__ == "__main__":
    sys.exit(main())
