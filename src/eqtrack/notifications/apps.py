"""The notifications app: who follows which action or theme, and the e-mails eqtrack sends
(approved updates to followers, reminders before and after a round's deadline)."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "eqtrack.notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for the receiver it connects: approved updates e-mailed to followers.
        from . import signals  # noqa: F401
