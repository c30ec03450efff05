"""The directory app: the public repository of community groups and their services, modelled
on Open Referral UK (HSDS 3.0 UK profile), and the diversity calendar."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "eqtrack.directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for the signal receivers they connect: the directory's version (caching)
        # and the listings' search words (signals).
        from . import signals  # noqa: F401
        from .caching import signals_connect

        signals_connect()
