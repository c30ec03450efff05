"""Teams and memberships: the roles people hold in an organisation."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator (plans, rounds, users, teams)"
    OWNER = "owner", "Action owner (updates their teams' actions)"
    REVIEWER = "reviewer", "Reviewer (comments, approves or returns updates)"
    MANAGER = "manager", "Manager (signs off equality impact assessments)"
    VIEWER = "viewer", "Viewer (reads everything, changes nothing)"
    # Social value in procurement (the procurement app): tenders and their evaluation.
    PROCUREMENT = "procurement", "Procurement officer (tenders, social value measures, contracts)"
    EVALUATOR = "evaluator", "Evaluator (scores the tenders they are asked to)"
    CONTRACT_MANAGER = "contract_manager", "Contract manager (checks suppliers' returns)"


class Team(Archivable):
    """A service team that owns actions ("Policy, Communities and Engagement"). An archived
    team (closed, or merged into another) is no longer offered as a choice; what it owned
    keeps its name in the history."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(Archivable):
    """A person's role in one organisation, and the teams they act for. A deactivated person's
    membership is archived, never deleted: they lose all access to the organisation, while
    what they wrote and decided keeps their name."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    history = HistoricalRecords(m2m_fields=[teams])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"

    @property
    def status(self) -> str:
        """ "deactivated", "invited" (no password set, never signed in) or "active"."""
        if self.is_archived:
            return "deactivated"
        if self.user.has_usable_password() or self.user.last_login is not None:
            return "active"
        return "invited"
