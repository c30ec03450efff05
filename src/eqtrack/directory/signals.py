"""Seeds a new organisation's directory categories when it is set up (so no public page has
to write them on a GET), and keeps each listing's search words (Service.search_text) with the names of its categories
(terms) and of the characteristics of the people it especially serves, wherever they change:
filed or unfiled from either side (the admin, the sign-up, the import), and a term or
characteristic renamed or deleted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import Service, TaxonomyTerm, search_text_refresh
from .services import taxonomy_seed

# Characteristic is the assessments app's: named by label, which Django resolves once the apps
# are loaded, so importing its module here cannot make an import cycle.
CHARACTERISTIC = "assessments.Characteristic"

# Where the ids of a term's or characteristic's listings wait between a pre_ signal and its
# post_ one: by then a clear() or a delete has already removed the rows that said which.
_WAITING = "_directory_search_services"


def _refresh(service_ids: Iterable[int]) -> None:
    ids = list(service_ids)
    if ids:
        search_text_refresh(services=Service.objects.filter(pk__in=ids))


def _keep_ids(instance: Any) -> None:
    setattr(instance, _WAITING, list(instance.services.values_list("pk", flat=True)))


@receiver(m2m_changed, sender=Service.terms.through)
@receiver(m2m_changed, sender=Service.characteristics.through)
def _filed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if not reverse:  # service.terms.add(...): the one listing
        if action == "post_clear" or (action in ("post_add", "post_remove") and pk_set):
            _refresh([instance.pk])
        return
    # term.services.add(...): the listings are pk_set, or, for clear(), those filed before it.
    if action == "pre_clear":
        _keep_ids(instance)
    elif action == "post_clear":
        _refresh(instance.__dict__.pop(_WAITING, []))
    elif action in ("post_add", "post_remove"):
        _refresh(pk_set or [])


@receiver(post_save, sender=TaxonomyTerm)
@receiver(post_save, sender=CHARACTERISTIC)
def _renamed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and "name" not in update_fields):
        return  # a new one is on no listing yet; nor does a save without the name change words
    _refresh(instance.services.values_list("pk", flat=True))


@receiver(pre_delete, sender=TaxonomyTerm)
@receiver(pre_delete, sender=CHARACTERISTIC)
def _deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    _keep_ids(instance)


@receiver(post_delete, sender=TaxonomyTerm)
@receiver(post_delete, sender=CHARACTERISTIC)
def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    _refresh(instance.__dict__.pop(_WAITING, []))


@receiver(post_save, sender="organisations.Organisation")
def _organisation_set_up(
    sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any
) -> None:
    # Not for rows a backup's restore loads (raw): those bring their own categories.
    if created and not raw:
        taxonomy_seed(organisation=instance)
