from django.apps import AppConfig


class StretchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stretches"
    verbose_name = "Stretches"

    def ready(self):
        from . import signals  # noqa: F401  (a step's change moves its routine's version on)
