"""The "Editors" group: staff who edit the content (exercises, variations, routines, steps).

Its permissions are frozen here, never read from today's models. Permissions are created
by a post_migrate handler, after every migration has run; on a fresh database they do not
exist yet when this runs, so it creates them first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTENT_MODELS = ["exercise", "variation", "routine", "routinestep"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors(apps, schema_editor):
    app_config = apps.get_app_config("stretches")
    # A migration's app configs have no models module, and create_permissions skips those.
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model in CONTENT_MODELS for action in ACTIONS]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="stretches", codename__in=codenames)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("stretches", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
