"""Receivers for the signals of the apps below notifications, connected in its AppConfig.ready.
Each signal is sent once its change is committed, so each notice goes after the commit."""

from typing import Any

from django.dispatch import receiver

from eqtrack.assessments.models import Assessment
from eqtrack.assessments.signals import (
    assessment_reviewed,
    assessment_signed_off,
    assessment_submitted,
)
from eqtrack.core.types import User
from eqtrack.plans.models import Update
from eqtrack.plans.signals import update_approved
from eqtrack.rounds.models import ReportingRound
from eqtrack.rounds.signals import round_closed, round_opened, update_returned, update_submitted

from . import services


@receiver(update_approved)
def update_approved_notify(
    sender: Any, *, update: Update, user: User | None = None, **kwargs: Any
) -> None:
    """An approved update: its writer and everyone following its action or theme."""
    services.approval_notify(update=update, user=user)


@receiver(round_opened)
def round_opened_notify(sender: Any, *, round: ReportingRound, user: User, **kwargs: Any) -> None:
    services.round_opened_notify(round=round, user=user)


@receiver(round_closed)
def round_closed_notify(sender: Any, *, round: ReportingRound, user: User, **kwargs: Any) -> None:
    services.round_closed_notify(round=round, user=user)


@receiver(update_submitted)
def update_submitted_notify(sender: Any, *, update: Update, user: User, **kwargs: Any) -> None:
    services.update_submitted_notify(update=update, user=user)


@receiver(update_returned)
def update_returned_notify(
    sender: Any, *, update: Update, comment: str, user: User, **kwargs: Any
) -> None:
    services.update_returned_notify(update=update, comment=comment, user=user)


@receiver(assessment_submitted)
def assessment_submitted_notify(
    sender: Any, *, assessment: Assessment, user: User, **kwargs: Any
) -> None:
    services.assessment_submitted_notify(assessment=assessment, user=user)


@receiver(assessment_reviewed)
def assessment_reviewed_notify(
    sender: Any, *, assessment: Assessment, user: User, **kwargs: Any
) -> None:
    services.assessment_reviewed_notify(assessment=assessment, user=user)


@receiver(assessment_signed_off)
def assessment_signed_off_notify(
    sender: Any, *, assessment: Assessment, user: User, **kwargs: Any
) -> None:
    services.assessment_signed_off_notify(assessment=assessment, user=user)
