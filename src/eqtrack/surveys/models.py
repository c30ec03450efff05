"""A survey (the questions of one consultation), its questions with their routing, the
responses residents give (saved part-way and resumed by a link, or typed in from paper), quick
polls, and the themes found in free-text answers with the officers' edits to them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from eqtrack.organisations.models import Organisation


class Survey(models.Model):
    """The questions of one consultation. Built while a draft, answered while open; once
    closed its responses are weighted to the consultation's population profile."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Identity(models.TextChoices):
        ANONYMOUS = "anonymous", "Anonymous: anyone can answer, as often as they like"
        EMAIL = "email", "One response per e-mail address, confirmed by a link"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    consultation = models.OneToOneField(
        "consultations.Consultation", on_delete=models.PROTECT, related_name="survey"
    )
    introduction = models.TextField(
        blank=True, help_text="Shown on the survey's first page, before the questions."
    )
    one_question_a_page = models.BooleanField(
        default=True,
        help_text="One question on each page (best on phones); otherwise questions are "
        "grouped by their page number.",
    )
    identity = models.CharField(max_length=20, choices=Identity.choices, default=Identity.ANONYMOUS)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The version of the standard monitoring questions the survey's set was added from,
    # e.g. "2024-1" (consultations/monitoring.py); blank when it has none.
    monitoring_version = models.CharField(max_length=20, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return str(self.consultation)

    def state_on(self, today: dt.date) -> str:
        """Draft, open or closed as residents meet it: an open survey is closed after its
        consultation's closing date and not open before its opening date, so a survey an
        officer forgot to close takes no answers once the consultation has closed."""
        if self.status != self.Status.OPEN:
            return self.status
        consultation = self.consultation
        if consultation.closes_on and today > consultation.closes_on:
            return self.Status.CLOSED
        if consultation.opens_on and today < consultation.opens_on:
            return self.Status.DRAFT
        return self.Status.OPEN

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())


class Question(models.Model):
    """One question of a survey. A monitoring question keeps the key of the standard question
    it came from, so its answers map to the population profile's categories."""

    class Kind(models.TextChoices):
        ONE_CHOICE = "one_choice", "One choice"
        SEVERAL_CHOICES = "several_choices", "Several choices"
        FREE_TEXT = "free_text", "Free text"
        SCALE = "scale", "A scale"
        NUMBER = "number", "A number"
        DATE = "date", "A date"
        POSTCODE = "postcode", "A postcode"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    page = models.PositiveIntegerField(
        default=1, help_text="Questions with the same page number are asked together."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=False)
    # The answers to choose from (one choice, several choices, the scale's labels low to high).
    options = models.JSONField(default=list, blank=True)
    other_option = models.BooleanField(
        default=False, help_text='Add "Other, please say" with a box for the answer.'
    )
    # The standard monitoring question this came from ("sex", "ethnic_group", ...), blank for
    # the survey's own questions.
    monitoring_key = models.CharField(max_length=40, blank=True)
    # Routing: asked only when an earlier question was answered with one of these answers.
    show_if_question = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    show_if_answers = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One person's answers. Started when they begin, resumable by its secret link until
    submitted; typed in by an officer for a paper copy."""

    class Source(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "Paper, typed in by an officer"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    # The secret in the "come back later" link; unguessable (secrets.token_urlsafe).
    token = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "id"]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey}"


class Answer(models.Model):
    """One response's answer to one question: `text` for one choice, free text, scale, number,
    date (ISO) and postcode; `choices` for several choices; `other` for "Other, please say"."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    other = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_a_question")
        ]

    def __str__(self) -> str:
        return self.text or ", ".join(self.choices)


class Poll(models.Model):
    """A quick poll: one question, one click, the results shown after answering."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(max_length=300)
    options = models.JSONField(default=list)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.question


class PollVote(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.PositiveSmallIntegerField()  # index into poll.options
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Vote {self.option} in {self.poll_id}"


class Theme(models.Model):
    """A theme found in one free-text question's answers. The machine names it by its top
    words; an officer may rename it, merge it into another, or make one by hand. Officers'
    edits (`name`, `merged_into`, hand-made themes, hand assignments) survive a re-run."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200, blank=True)  # the officer's name, if given
    top_words = models.JSONField(default=list, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    made_by_hand = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="theme_number_unique")
        ]

    def __str__(self) -> str:
        return self.name or ", ".join(self.top_words[:3])


class ThemeAssignment(models.Model):
    """Which theme an answer is in; `by_hand` when an officer put it there (kept on re-runs)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="theme")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="assignments")
    by_hand = models.BooleanField(default=False)
    # How strongly the machine found the answer in its theme (its NMF weight), so the
    # strongest answers are the theme's examples; None for an officer's assignment.
    strength = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Answer {self.answer_id} in theme {self.theme_id}"
