"""Benchmark: residents answering a hosted survey under load, and themes in free text.

Serves eqtrack with `eqtrack serve` (gunicorn, 2 workers, on 127.0.0.1) and has 50 residents
(threads; each response a new resident, with their own cookies and address, as behind the
council's proxy) answer
a survey of twelve questions — the council's own and the standard monitoring set — from the
start page to the confirmation, again and again for 60 s. Each resident fills in each page as
a browser would: the form's hidden fields, the first answer of each question, the honeypot left
empty, the page's first button (not "Save and come back later"), after `--think` seconds on the
page (1 s on average by default — far quicker than anyone reads and answers a question; 0 makes
it a stress test in which 50 residents keep both workers busy all the time).

Targets (issue 18): no error (every answer a 2xx or a redirect, nothing refused), no lost
response (the responses the residents saw confirmed = the submitted responses stored), p95 of
every request under 500 ms; themes for 5,000 free-text answers in under 5 s. Exits non-zero if
one is missed.

Runs on a throwaway SQLite database unless EQTRACK_DATABASE_URL is set (then on that database,
which should be an empty one made for the run).

    .venv/bin/python benchmarks/consultation.py [--residents 50] [--duration 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import http.cookies
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

P95_TARGET_MS = 500
THEMES_TARGET_S = 5.0
HONEYPOT = "nickname"  # the field people never see (as the directory's sign-up)


class FormReader(HTMLParser):
    """The first POST form of a page: its action, its fields' names with a value a resident
    would give, and its first button."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.in_form = False
        self.done = False
        self.fields: dict[str, str] = {}
        self.button: tuple[str, str] | None = None
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done and a.get("method", "get").lower() == "post":
            self.in_form, self.action = True, a.get("action", "")
            return
        if not self.in_form:
            return
        name = a.get("name", "")
        if tag == "input" and name and name != HONEYPOT:
            kind = a.get("type", "text").lower()
            if kind == "hidden":
                self.fields[name] = a.get("value", "")
            elif kind in ("radio", "checkbox"):
                self.fields.setdefault(name, a.get("value", "on"))
            elif kind == "submit":
                self.button = self.button or (name, a.get("value", ""))
            else:
                self.fields.setdefault(name, _typed(name, kind, a))
        elif tag == "textarea" and name and name != HONEYPOT:
            self.fields.setdefault(name, "")
            self.textarea = name
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and self.select not in self.fields:
            if a.get("value"):
                self.fields[self.select] = a["value"]
        elif tag == "button" and self.button is None and a.get("type", "submit") == "submit":
            self.button = (name, a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self.textarea and not self.fields[self.textarea]:
            self.fields[self.textarea] = random.choice(FREE_TEXT)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def _typed(name: str, kind: str, attrs: dict[str, str]) -> str:
    """A value for a text-like field, by its name, type or what it says it holds."""
    lowered = name.lower()
    if attrs.get("autocomplete") == "postal-code":
        return "ME15 6JQ"
    if attrs.get("inputmode") == "decimal":
        return "3"
    if lowered.endswith("_other"):
        return ""  # the first answer is chosen, never "Other"
    if lowered.endswith("day"):
        return "14"
    if lowered.endswith("month"):
        return "3"
    if lowered.endswith("year"):
        return "1980"
    if "postcode" in lowered:
        return "ME15 6JQ"
    if kind == "email" or "email" in lowered:
        return "resident@example.org"
    if kind == "number" or "number" in lowered:
        return "3"
    return random.choice(FREE_TEXT)


FREE_TEXT = [
    "More buses in the evening would help me get to work.",
    "The library opening hours are too short for people who work.",
    "Parking near the high street is hard to find and expensive.",
    "Please keep the community centre open at weekends.",
    "Bins are not collected on time in my road.",
    "The park needs better lighting so it feels safe at night.",
]


class Resident:
    """One resident's browser: cookies, an address, and the time each request took."""

    def __init__(self, port: int, address: str, think: float = 0.0) -> None:
        self.port, self.address, self.think = port, address, think
        self.cookies: dict[str, str] = {}
        self.times: list[float] = []
        self.errors: list[str] = []

    def request(self, method: str, path: str, body: dict[str, str] | None = None):
        headers = {"X-Forwarded-For": self.address, "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        self.times.append(time.perf_counter() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, response.headers.get("Location", ""), content.decode()

    def answer(self, start: str) -> bool:
        """From the start page to the confirmation; True when the response was confirmed."""
        path, page = start, None
        for _ in range(60):  # more pages than any survey here has
            status, location, page = self.request("GET", path)
            if status != 200:
                self.errors.append(f"GET {path}: {status}")
                return False
            form = FormReader()
            form.feed(page)
            if form.action is None:  # the confirmation page: nothing left to send
                return "govuk-panel--confirmation" in page and "Answers sent" in page
            fields = dict(form.fields)
            # A person reads the page and answers before sending it.
            time.sleep(self.think * random.uniform(0.5, 1.5))
            if form.button and form.button[0]:
                fields[form.button[0]] = form.button[1]
            target = urllib.parse.urljoin(path, form.action or path)
            status, location, page = self.request("POST", target, fields)
            if status in (301, 302, 303):
                path = urllib.parse.urljoin(target, location)
            elif status == 200:
                self.errors.append(f"POST {target}: the page came back (an error?)")
                return False
            else:
                self.errors.append(f"POST {target}: {status}")
                return False
        self.errors.append("more than 60 pages")
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"eqtrack serve stopped (exit {server.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("eqtrack serve did not answer within 60 s")


def build_survey(workdir: Path):
    """A council, the sample borough's census profile, and an open survey of the council's
    own questions (one routed) and the monitoring set, built with the services officers use."""
    from django.contrib.auth import get_user_model

    from eqtrack.accounts.models import Membership, Role
    from eqtrack.consultations.page_services import consultation_page_create
    from eqtrack.consultations.services import profile_create_from_census
    from eqtrack.organisations.models import Organisation
    from eqtrack.surveys.services.building import (
        monitoring_set_add,
        question_add,
        routing_set,
        survey_create,
        survey_open,
    )

    organisation = Organisation.objects.create(name="Bench Borough Council", slug="bench")
    officer = get_user_model().objects.create_user("bench-officer", "o@bench.example", "x" * 20)
    Membership.objects.create(organisation=organisation, user=officer, role=Role.ADMINISTRATOR)
    profile = profile_create_from_census(
        organisation=organisation,
        user=officer,
        name="Borough",
        area_code="E07000110",
        characteristics=["sex", "ethnic group (19)", "disability (all ages)"],
    )
    consultation = consultation_page_create(
        organisation=organisation, user=officer, title="Our budget for next year"
    )
    consultation.profile = profile
    consultation.save(update_fields=["profile"])
    survey = survey_create(consultation=consultation, user=officer)
    uses = question_add(
        survey=survey,
        user=officer,
        kind="one_choice",
        text="Do you use the library?",
        options=["Yes", "No"],
        required=True,
    )
    better = question_add(
        survey=survey,
        user=officer,
        kind="free_text",
        text="What would make the library better for you?",
    )
    routing_set(question=better, user=officer, condition=uses, answers=["Yes"])
    question_add(
        survey=survey,
        user=officer,
        kind="scale",
        text="How much do you agree with the budget?",
        options=["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"],
    )
    question_add(survey=survey, user=officer, kind="postcode", text="What is your postcode?")
    monitoring_set_add(survey=survey, user=officer)
    survey_open(survey=survey, user=officer)
    return organisation, survey


def themes_time(answers: int) -> float:
    from eqtrack.surveys.themes import themes_find

    rng = random.Random(18)
    words = [t.split() for t in FREE_TEXT]
    texts = [
        " ".join(rng.sample(w, len(w) - 2)) for w in (rng.choice(words) for _ in range(answers))
    ]
    started = time.perf_counter()
    themes_find(texts)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="seconds a resident takes over each page before sending it (on average; 0: none)",
    )
    parser.add_argument("--answers", type=int, default=5000, help="free-text answers to theme")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="eqtrack-bench-consultation-"))
    try:
        return benchmark(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    os.environ.setdefault("EQTRACK_DATA_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    os.environ["EQTRACK_ALLOWED_HOSTS"] = "127.0.0.1"
    # As behind the council's reverse proxy: each resident's own address reaches the rate
    # limit, not the proxy's.
    os.environ["EQTRACK_TRUSTED_PROXY_COUNT"] = "1"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from eqtrack.surveys.models import Response

    database = "PostgreSQL" if os.environ.get("EQTRACK_DATABASE_URL") else "SQLite"
    call_command("migrate", verbosity=0)
    organisation, survey = build_survey(workdir)
    questions = survey.questions.count()
    connections.close_all()

    port = free_port()
    command = [sys.executable, "-m", "eqtrack", "serve", "--port", str(port)]
    command += ["--workers", str(args.workers)]
    with (workdir / "serve.log").open("w") as log:
        server = subprocess.Popen(command, env=os.environ.copy(), stdout=log, stderr=log)
    residents = [
        Resident(port, f"10.18.{i // 250}.{i % 250 + 1}", args.think) for i in range(args.residents)
    ]
    confirmed = [0] * len(residents)
    start = f"/{organisation.slug}/surveys/{survey.pk}/"
    try:
        wait_ready(port, server)
        stop_at = time.monotonic() + args.duration

        def run(index: int) -> None:
            resident = residents[index]
            count = 0
            while time.monotonic() < stop_at and not resident.errors:
                # Each response a new resident: a new browser, from their own address.
                resident.cookies.clear()
                count += 1
                resident.address = f"10.{index % 250}.{count // 250}.{count % 250 + 1}"
                if resident.answer(start):
                    confirmed[index] += 1

        print(
            f"{database}: {args.residents} residents answering a survey of {questions} "
            f"questions on eqtrack serve ({args.workers} workers) for {args.duration:g} s, "
            f"{args.think:g} s over each page",
            flush=True,
        )
        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(residents))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()

    stored = Response.objects.filter(survey=survey, submitted_at__isnull=False).count()
    times = sorted(t for r in residents for t in r.times)
    errors = [e for r in residents for e in r.errors]
    p95 = times[int(0.95 * (len(times) - 1))] * 1000 if times else float("inf")
    median = statistics.median(times) * 1000 if times else float("inf")
    total = sum(confirmed)
    print(
        f"  {total} responses confirmed, {stored} stored; {len(times)} requests "
        f"({len(times) / args.duration:.0f}/s), p50 {median:.0f} ms, p95 {p95:.0f} ms, "
        f"{len(errors)} errors"
    )
    for error in errors[:5]:
        print(f"    {error}")
    themes_s = themes_time(args.answers)
    print(f"  themes for {args.answers:,} answers: {themes_s:.2f} s")
    ok = not errors and total == stored and total > 0 and p95 < P95_TARGET_MS
    ok = ok and themes_s < THEMES_TARGET_S
    print(
        f"targets (no error, none lost, p95 < {P95_TARGET_MS} ms, themes < "
        f"{THEMES_TARGET_S:g} s): {'met' if ok else 'MISSED'} on {dt.date.today()}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
