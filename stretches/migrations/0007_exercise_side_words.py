"""`Exercise.side_words`: what "left side" means for an exercise done one side at a time.

Sets the words on the starter library's sided exercises where they are still blank (an
editor's own words stay). The words are written out here, so later edits to
stretches/starter_library.py cannot change what this migration does. They match the
pictures, which show the left side.
"""

from django.db import migrations, models

import stretches.models

SIDE_WORDS = {
    "supine-spinal-twist": "let your knees fall to your {side}",
    "knee-rolls": "let your knees roll to your {side}",
    "standing-side-bend": "bend to your {side}, the other arm reaching over",
    "kneeling-lunge": "your {side} knee down, stretching the front of that hip",
    "knees-to-chest-hug": "draw your {side} knee in",
    "lying-hamstring-stretch": "your {side} leg up in the strap",
    "pigeon-pose": "your {side} knee forward, the other leg back",
}


def set_words(apps, schema_editor):
    exercise_model = apps.get_model("stretches", "Exercise")
    for slug, words in SIDE_WORDS.items():
        exercise_model.objects.filter(slug=slug, side_words="").update(side_words=words)


def clear_words(apps, schema_editor):
    exercise_model = apps.get_model("stretches", "Exercise")
    for slug, words in SIDE_WORDS.items():
        exercise_model.objects.filter(slug=slug, side_words=words).update(side_words="")


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0006_check_first_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="side_words",
            field=models.CharField(
                blank=True,
                help_text="For an exercise done on one side at a time: what “left side” "
                "means, with {side} where left or right goes, e.g. “let your knees fall to "
                "your {side}”. The player says it on every sided step: “Left side: let your "
                "knees fall to your left”.",
                max_length=120,
                validators=[stretches.models.validate_side_words],
                verbose_name="what a side means",
            ),
        ),
        migrations.RunPython(set_words, clear_words),
    ]
