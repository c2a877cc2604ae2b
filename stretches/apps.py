from django.apps import AppConfig


class StretchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stretches"
    verbose_name = "Stretches"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks, connects the handlers)
