"""Seeds a new organisation's characteristics when it is set up: the directory's sign-up and
the first assessment find them there, and no page has to write them on a GET."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from .services import characteristics_seed


@receiver(post_save, sender="organisations.Organisation")
def _organisation_set_up(
    sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any
) -> None:
    # Not for rows a backup's restore loads (raw): those bring their own characteristics.
    if created and not raw:
        characteristics_seed(organisation=instance)
