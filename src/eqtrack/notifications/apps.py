"""The notifications app: who follows which action or theme, and the notices eqtrack e-mails
(rounds opening and closing, updates and assessments sent, returned, approved or signed off,
reminders of deadlines and reviews), each as its person chose: at once, daily or never."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "eqtrack.notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for the receivers it connects: the notices of rounds and assessments.
        from . import signals  # noqa: F401
