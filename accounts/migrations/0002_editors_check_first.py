"""The Editors keep the check first too: conditions, the exercises' rules, and the safety
updates to review (view them; taking the new text needs `change_exercise`, which they have).
Frozen here like 0001; permissions are created first on a fresh database."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = [
    *(
        f"{action}_{model}"
        for model in ["condition", "cautionrule"]
        for action in ["add", "change", "delete", "view"]
    ),
    "view_safetyupdate",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("stretches")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="stretches", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="stretches", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_editors_group"),
        ("stretches", "0005_check_first"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
