"""Load the starter library: the article's exercises, variations and three routines."""

from django.db import migrations

from stretches import starter_library


def load_starter_library(apps, schema_editor):
    starter_library.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_starter_library, migrations.RunPython.noop),
    ]
