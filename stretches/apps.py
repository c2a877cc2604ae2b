from django.apps import AppConfig


class StretchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stretches"
    verbose_name = "Stretches"

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache invalidation handlers)
