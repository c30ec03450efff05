"""Follows; the reminders already sent (so running `eqtrack remind` twice sends nothing twice);
each person's choice, per kind of notice, of how to hear of it; and the notices waiting for
their daily digest."""

from django.conf import settings
from django.db import models

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Theme


class Follow(models.Model):
    """Someone following one action, or every action of a theme."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False, theme__isnull=True)
                | models.Q(action__isnull=True, theme__isnull=False),
                name="follow_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "action"], name="follow_action_once"),
            models.UniqueConstraint(fields=["user", "theme"], name="follow_theme_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.action or self.theme}"


class ReminderSent(models.Model):
    """One reminder of one kind ("due-7", "late-1", …) for one round, sent to one person."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    round = models.ForeignKey("rounds.ReportingRound", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "kind"], name="remind_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder to {self.user} for {self.round}"


class Kind(models.TextChoices):
    """The kinds of notice eqtrack e-mails. Each person chooses, per kind, how to hear of it."""

    ROUND_OPENED = "round_opened", "A reporting round opens"
    ROUND_CLOSING = "round_closing", "Your updates are due soon, or late"
    ROUND_CLOSED = "round_closed", "A reporting round closes"
    UPDATE_SUBMITTED = "update_submitted", "An update is sent for review"
    UPDATE_RETURNED = "update_returned", "Your update is returned for changes"
    UPDATE_APPROVED = "update_approved", "An update is approved"
    ASSESSMENT_SUBMITTED = "assessment_submitted", "An impact assessment is sent for review"
    ASSESSMENT_RETURNED = "assessment_returned", "Your impact assessment is returned"
    ASSESSMENT_SIGNED_OFF = "assessment_signed_off", "Your impact assessment is signed off"
    ASSESSMENT_REVIEW_DUE = "assessment_review_due", "A policy's review falls due"
    DUTY_DUE = "duty_due", "An equality duty deadline is near or passed"


# Who gets each kind and what it says, for the "Your notices" page.
KIND_DESCRIPTIONS: dict[str, str] = {
    Kind.ROUND_OPENED: (
        "For action owners: your team's actions that need an update, and the deadline."
    ),
    Kind.ROUND_CLOSING: (
        "For action owners: a reminder 7 days and 1 day before the deadline if you still owe "
        "updates, then once a week while they are late."
    ),
    Kind.ROUND_CLOSED: (
        "For action owners and reviewers: the round has closed, and which of your actions had "
        "no update."
    ),
    Kind.UPDATE_SUBMITTED: "For reviewers: an update is waiting for you to approve or return it.",
    Kind.UPDATE_RETURNED: "For the update's writer: a reviewer's comment on what to change.",
    Kind.UPDATE_APPROVED: (
        "For the update's writer, and anyone following the action or its theme."
    ),
    Kind.ASSESSMENT_SUBMITTED: (
        "For reviewers: an equality impact assessment is waiting for your review."
    ),
    Kind.ASSESSMENT_RETURNED: "For the assessment's author: the reviewer's comment.",
    Kind.ASSESSMENT_SIGNED_OFF: "For the assessment's author: it has been signed off.",
    Kind.ASSESSMENT_REVIEW_DUE: (
        "For the policy's team: its review is due within 30 days, so check its assessment."
    ),
    Kind.DUTY_DUE: (
        "For administrators: 30 days before the equality information, the equality objectives "
        "or the gender pay gap are due to be published, and again if the date passes."
    ),
}


class Choice(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight away, one e-mail each time"
    DIGEST = "digest", "Once a day, in a digest"
    OFF = "off", "Never"


class NoticePreference(models.Model):
    """How one person wants to hear of one kind of notice; no row means straight away.
    A person's own choice, the same in every council they belong to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    choice = models.CharField(max_length=12, choices=Choice.choices, default=Choice.IMMEDIATELY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.choice}"


class PendingNotice(models.Model):
    """A notice kept for its person's daily digest; `sent_at` is set once the digest has gone,
    so running `eqtrack notices-digest` twice sends nothing twice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_notices"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    url = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "sent_at"], name="pending_notice_user_sent")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}: {self.subject}"
