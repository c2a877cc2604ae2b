from django.apps import AppConfig


class PracticeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from . import signals  # noqa: F401  (connects the login receiver)
