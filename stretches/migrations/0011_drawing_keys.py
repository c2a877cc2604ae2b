"""Pictures are found by a drawing key stored on the exercise and the variation, not by
the variation's name (renaming one in the admin used to drop its picture).

Frozen: the keys below are the name-based mapping as it stood in stretches/pictures.py
when this migration was written, so later code cannot change what it does. A row an
editor renamed before this migration keeps no key and shows the exercise's drawing (or
none), as it did before; the editor picks one in the admin.
"""

from django.db import migrations, models

import pictures.drawings

# Exercise slug -> drawing key.
EXERCISE_DRAWINGS = {
    "knees-to-chest-hug": "knees-to-chest-hug",
    "supine-spinal-twist": "supine-spinal-twist",
    "pigeon-pose": "pigeon-pose",
    "standing-side-bend": "standing-side-bend",
    "standing-forward-bend": "standing-forward-bend",
    "seated-hamstring-stretch": "seated-hamstring-stretch",
    "kneeling-lunge": "kneeling-lunge",
    "foam-rolling-back": "foam-rolling-back",
    "knee-rolls": "knee-rolls",
    "pelvic-tilt": "pelvic-tilt",
    "cat-cow": "cat-cow",
    "bottom-to-heels": "bottom-to-heels",
    "lying-hamstring-stretch": "lying-hamstring-stretch",
}

# (exercise slug, variation name) -> drawing key, for variations whose position differs.
VARIATION_DRAWINGS = {
    ("knees-to-chest-hug", "One knee at a time"): "knees-to-chest-one-knee",
    ("supine-spinal-twist", "Knees on a pillow"): "supine-spinal-twist-pillow",
    ("pigeon-pose", "Reclined figure-four"): "reclined-figure-four",
    ("standing-side-bend", "Seated side bend"): "seated-side-bend",
    ("standing-side-bend", "Holding a light weight"): "standing-side-bend-weight",
    ("standing-side-bend", "With a mild twist"): "standing-side-bend-twist",
    ("standing-side-bend", "With a forward bend"): "standing-side-bend-forward",
    ("standing-forward-bend", "Soft knees, hands on thighs"): "standing-forward-bend-soft",
    ("seated-hamstring-stretch", "With a towel or strap"): "seated-hamstring-stretch-strap",
    ("seated-hamstring-stretch", "Knees bent"): "seated-hamstring-stretch-knees-bent",
    ("kneeling-lunge", "Cushion under the back knee"): "kneeling-lunge-cushion",
    ("kneeling-lunge", "Reach back for the back foot"): "kneeling-lunge-foot",
    ("foam-rolling-back", "Against a wall"): "foam-rolling-back-wall",
    ("knee-rolls", "Knees lifted"): "knee-rolls-lifted",
    ("pelvic-tilt", "Sitting on a chair"): "pelvic-tilt-chair",
    ("pelvic-tilt", "Into a small bridge"): "pelvic-tilt-bridge",
    ("cat-cow", "Seated cat–cow"): "cat-cow-seated",
    ("bottom-to-heels", "Cushion on your heels"): "bottom-to-heels-cushion",
    ("bottom-to-heels", "Hands walked to one side"): "bottom-to-heels-to-one-side",
    ("lying-hamstring-stretch", "Knee a little bent"): "lying-hamstring-stretch-knee-bent",
    ("lying-hamstring-stretch", "Other leg straight"): "lying-hamstring-stretch-other-leg-straight",
}


def set_drawing_keys(apps, schema_editor):
    exercise_model = apps.get_model("stretches", "Exercise")
    variation_model = apps.get_model("stretches", "Variation")
    for slug, key in EXERCISE_DRAWINGS.items():
        exercise_model.objects.filter(slug=slug, drawing="").update(drawing=key)
    for (slug, name), key in VARIATION_DRAWINGS.items():
        variation_model.objects.filter(exercise__slug=slug, name=name, drawing="").update(
            drawing=key
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0010_privacy_and_editing"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="drawing",
            field=models.CharField(
                blank=True,
                choices=pictures.drawings.drawing_choices,
                help_text="The drawn picture of this pose, chosen from the drawings that exist. It shows the left side; a right-side move shows it mirrored. An uploaded picture (below) replaces it.",
                max_length=80,
            ),
        ),
        migrations.AddField(
            model_name="variation",
            name="drawing",
            field=models.CharField(
                blank=True,
                choices=pictures.drawings.drawing_choices,
                help_text="Its own drawing, when its position differs from the exercise's. Leave blank when it looks like the plain exercise: the exercise's drawing is shown.",
                max_length=80,
            ),
        ),
        migrations.RunPython(set_drawing_keys, migrations.RunPython.noop),
    ]
