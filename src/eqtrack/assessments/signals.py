"""Seeds a new organisation's characteristics when it is set up: the directory's sign-up and
the first assessment find them there, and no page has to write them on a GET. And the signals
an assessment's steps send for apps above (notifications e-mails the people concerned), once
the step is committed (core.signals.send_on_commit); each carries `assessment` and `user`."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

# The author sent it for review.
assessment_submitted = Signal()
# A reviewer approved it for sign-off or returned it: its state (and review_comment) says which.
assessment_reviewed = Signal()
# A manager signed it off.
assessment_signed_off = Signal()


@receiver(post_save, sender="organisations.Organisation")
def _organisation_set_up(
    sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any
) -> None:
    # Not for rows a backup's restore loads (raw): those bring their own characteristics.
    if created and not raw:
        # Imported here: services sends this module's signals, so imports it first.
        from .services import characteristics_seed

        characteristics_seed(organisation=instance)
