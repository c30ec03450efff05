"""Reading what importing remembers for an organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from eqtrack.organisations.models import Organisation

from .models import StatusWording
from .statuses import ChosenWording


def status_wording_list(*, organisation: Organisation) -> QuerySet[StatusWording]:
    """The organisation's remembered status wordings, alphabetically."""
    return (
        StatusWording.objects.live()
        .filter(organisation=organisation)
        .select_related("created_by", "changed_by")
    )


def status_wordings_chosen(*, organisation: Organisation | None) -> dict[str, ChosenWording]:
    """{normalised wording: the category chosen and on which day it was last changed} for the
    organisation's imports; nothing for no organisation (one the command line names that does
    not exist yet has chosen nothing)."""
    if organisation is None:
        return {}
    return {
        w.wording: ChosenWording(w.category, timezone.localdate(w.changed_at))
        for w in StatusWording.objects.live().filter(organisation=organisation)
    }
