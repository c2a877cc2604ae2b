"""The second clinical review (issue 16), as data: conditions, the rules the player acts on,
and the review's text changes.

- Creates the conditions and each exercise's and variation's rules where missing (frozen
  below; an editor's own rules stay).
- Updates each shipped text only where it still holds exactly the text shipped before.
  Where an editor had changed it, nothing is overwritten: a `SafetyUpdate` records the text
  shipped before, the text shipped now and the migration, and the admin lists it under
  "Safety updates to review". That also covers what 0003 (the first review) skipped.
- Gives the variations that are a different position their own "how to do it", where empty.
"""

import importlib

from django.db import migrations

MIGRATION = "0006_check_first_library"

CONDITIONS = [
    (
        "osteoporosis",
        "Osteoporosis or a spinal fracture",
        "Bones that break more easily (osteoporosis, or osteopenia you have been told to be careful with), or a fracture in your spine at any time.",
    ),
    (
        "hip-replacement",
        "A hip replacement",
        "An artificial hip joint on either side, however long ago.",
    ),
    (
        "knees",
        "A knee replacement, or knees that cannot kneel",
        "An artificial knee joint, or knees that hurt or cannot bend fully when you kneel.",
    ),
    (
        "recent-surgery",
        "Back or hip surgery in the last six months",
        "Any operation on your spine or your hips in the last six months.",
    ),
    ("pregnancy", "Pregnancy", "You are pregnant, or had a baby in the last six weeks."),
    (
        "stenosis",
        "Spinal stenosis or spondylolisthesis",
        "A narrowing of the spinal canal, or a vertebra that has slipped forward, as a doctor has told you.",
    ),
    (
        "blood-thinners",
        "Blood thinners",
        "You take a medicine that thins the blood (an anticoagulant such as warfarin, apixaban or rivaroxaban).",
    ),
]

# (exercise slug, variation name or None, condition slug, action, instead variation or None)
RULES = [
    ("knees-to-chest-hug", None, "recent-surgery", "ask", None),
    ("knees-to-chest-hug", None, "hip-replacement", "ask", None),
    ("knees-to-chest-hug", None, "osteoporosis", "ask", None),
    ("knees-to-chest-hug", None, "pregnancy", "ask", None),
    ("supine-spinal-twist", None, "recent-surgery", "avoid", None),
    ("supine-spinal-twist", None, "osteoporosis", "ask", None),
    ("supine-spinal-twist", None, "hip-replacement", "ask", None),
    ("supine-spinal-twist", None, "pregnancy", "ask", None),
    ("pigeon-pose", None, "knees", "avoid", "Reclined figure-four"),
    ("pigeon-pose", None, "hip-replacement", "avoid", None),
    ("pigeon-pose", "Reclined figure-four", "hip-replacement", "ask", None),
    ("pigeon-pose", None, "osteoporosis", "ask", None),
    ("pigeon-pose", None, "pregnancy", "ask", None),
    ("standing-side-bend", None, "osteoporosis", "ask", None),
    ("standing-side-bend", "With a mild twist", "osteoporosis", "avoid", None),
    ("standing-side-bend", "With a forward bend", "osteoporosis", "avoid", None),
    ("standing-side-bend", None, "pregnancy", "ask", None),
    ("standing-forward-bend", None, "osteoporosis", "avoid", "Soft knees, hands on thighs"),
    ("standing-forward-bend", "Soft knees, hands on thighs", "osteoporosis", "ask", None),
    ("standing-forward-bend", None, "recent-surgery", "avoid", None),
    ("standing-forward-bend", None, "hip-replacement", "ask", None),
    ("standing-forward-bend", None, "pregnancy", "ask", None),
    ("seated-hamstring-stretch", None, "osteoporosis", "avoid", "Knees bent"),
    ("seated-hamstring-stretch", "Knees bent", "osteoporosis", "ask", None),
    ("seated-hamstring-stretch", None, "recent-surgery", "avoid", None),
    ("seated-hamstring-stretch", None, "hip-replacement", "ask", None),
    ("seated-hamstring-stretch", None, "pregnancy", "ask", None),
    ("kneeling-lunge", None, "knees", "avoid", None),
    ("kneeling-lunge", None, "recent-surgery", "avoid", None),
    ("kneeling-lunge", None, "hip-replacement", "ask", None),
    ("kneeling-lunge", None, "pregnancy", "ask", None),
    ("foam-rolling-back", None, "osteoporosis", "avoid", None),
    ("foam-rolling-back", None, "stenosis", "avoid", None),
    ("foam-rolling-back", None, "blood-thinners", "avoid", None),
    ("foam-rolling-back", None, "pregnancy", "avoid", None),
    ("foam-rolling-back", None, "recent-surgery", "avoid", None),
    ("knee-rolls", None, "recent-surgery", "avoid", None),
    ("knee-rolls", None, "osteoporosis", "ask", None),
    ("knee-rolls", None, "hip-replacement", "ask", None),
    ("knee-rolls", None, "pregnancy", "ask", None),
    ("pelvic-tilt", None, "recent-surgery", "ask", None),
    ("pelvic-tilt", None, "pregnancy", "avoid", "Sitting on a chair"),
    ("cat-cow", None, "knees", "avoid", "Seated cat–cow"),
    ("cat-cow", None, "osteoporosis", "ask", None),
    ("bottom-to-heels", None, "knees", "avoid", None),
    ("bottom-to-heels", None, "hip-replacement", "ask", None),
    ("bottom-to-heels", None, "osteoporosis", "ask", None),
    ("bottom-to-heels", None, "pregnancy", "ask", None),
    ("lying-hamstring-stretch", None, "hip-replacement", "ask", None),
    ("lying-hamstring-stretch", None, "pregnancy", "ask", None),
]

# {exercise slug: {field: {"old": shipped before, "new": shipped now}}}
EXERCISE_UPDATES = {
    "knees-to-chest-hug": {
        "instructions": {
            "old": "Lie on your back on a mat.\nBend your knees and lift your feet off the floor, one at a time.\nHold your knees or the backs of your thighs with your hands.\nDraw your knees gently in to your chest.\nLet your head and shoulders rest on the floor and breathe slowly.",
            "new": "Lie on your back on a mat.\nBend your knees and lift your feet off the floor, one at a time.\nHold the backs of your thighs with your hands: it is kinder to your knees than holding them on top.\nDraw your knees gently in to your chest.\nLet your head and shoulders rest on the floor and breathe slowly.",
        },
    },
    "foam-rolling-back": {
        "instructions": {
            "old": "Sit on the mat with the foam roller behind you.\nLie back so the roller is across your shoulder blades, with your knees bent and feet flat.\nLift your hips a little and use your feet to roll slowly down to the bottom of your ribs, then back up. Stop there: do not roll your lower back.\nPause on a tight spot for a few breaths.\nFor the lower back, roll your glutes instead: sit on the roller, lean towards one side and roll slowly, then the other side.\nRoll off to one side to get up.",
            "new": "Sit on the mat with the foam roller behind you.\nLie back so the roller is across your shoulder blades, with your knees bent and feet flat, and your hands behind your head to support it.\nLift your hips a little and use your feet to roll slowly down to the bottom of your ribs, then back up. Stop there: do not roll your lower back.\nPause on a tight spot for a few breaths.\nFor the lower back, roll your glutes instead: sit on the roller, lean towards one side and roll slowly, then the other side.\nRoll off to one side to get up.",
        },
    },
    "pigeon-pose": {
        "avoid_if": {
            "old": "Skip it if you have a knee injury or knee pain. After a hip replacement, ask your surgeon or physiotherapist first, and the same for the reclined figure-four, which also crosses the leg with the hip bent. If you are pregnant, ask your midwife or physiotherapist first.",
            "new": "Skip it if you have a knee injury, knee pain or knees that cannot kneel: the reclined figure-four is the version to try. After a hip replacement, skip it, and ask your surgeon or physiotherapist before trying the reclined figure-four, which also crosses the leg with the hip bent. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
        },
    },
    "standing-side-bend": {
        "avoid_if": {
            "old": "Skip it if standing makes you dizzy or unsteady; try the seated side bend instead. If you are pregnant, ask your midwife or physiotherapist first.",
            "new": "Skip it if standing makes you dizzy or unsteady; try the seated side bend instead. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first, and leave out the versions with a twist or a forward bend unless a physiotherapist has shown you them. If you are pregnant, ask your midwife or physiotherapist first.",
        },
    },
    "standing-forward-bend": {
        "avoid_if": {
            "old": "Skip it if bending forward makes your pain worse, if you feel dizzy when you bend down, or after recent back surgery. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. After a hip replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
            "new": "Skip it if bending forward makes your pain worse, if you feel dizzy when you bend down, or after recent back surgery. If you have osteoporosis or have had a spinal fracture, don't fold down: use the soft-knees version with your back long, and ask your doctor or physiotherapist first. After a hip replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
        },
    },
    "seated-hamstring-stretch": {
        "avoid_if": {
            "old": "Skip it if bending forward makes your pain worse, or after recent back surgery. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. After a hip replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
            "new": "Skip it if bending forward makes your pain worse, or after recent back surgery. If you have osteoporosis or have had a spinal fracture, don't round your back to reach: use the knees-bent version sitting tall, and ask your doctor or physiotherapist first. After a hip replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
        },
    },
    "pelvic-tilt": {
        "avoid_if": {
            "old": "Skip it after recent back surgery, unless your surgeon says it is fine. If you are pregnant, ask your midwife or physiotherapist first: lying flat on your back for long is not advised later in pregnancy.",
            "new": "Skip it after recent back surgery, unless your surgeon says it is fine. If you are pregnant, do it sitting on a chair instead: lying flat on your back for long is not advised later in pregnancy.",
        },
    },
    "cat-cow": {
        "avoid_if": {
            "old": "Skip it if kneeling hurts your knees or leaning on your hands hurts your wrists; try the seated version instead. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
            "new": "Skip it if kneeling hurts your knees or leaning on your hands hurts your wrists; try the seated version instead. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. In pregnancy, the NHS advises gentle back curls on your hands and knees much like this one: keep the movement small and don't let your back sag.",
        },
    },
    "bottom-to-heels": {
        "avoid_if": {
            "old": "Skip it if kneeling or bending your knees fully hurts. After a hip or knee replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
            "new": "Skip it if kneeling or bending your knees fully hurts, or after a knee replacement. After a hip replacement, ask your surgeon or physiotherapist first. If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
        },
    },
    "lying-hamstring-stretch": {
        "equipment": {"old": "mat", "new": "strap"},
    },
}

# {exercise slug: {variation name: {field: {"old": ..., "new": ...}}}}
VARIATION_UPDATES = {
    "pigeon-pose": {
        "Reclined figure-four": {
            "changes": {
                "old": "Lie on your back with both knees bent. Cross one ankle over the other knee. Hold the back of the lower thigh and draw it gently towards you.",
                "new": "Lie on your back with both knees bent. Cross one ankle over the other knee. Hold the back of the thigh of the leg with its foot on the floor, and draw it gently towards you.",
            },
        },
    },
    "seated-hamstring-stretch": {
        "With a towel or strap": {"equipment": {"old": "", "new": "strap"}},
    },
}

# Their own "how to do it", for variations that are a different position (set where empty).
VARIATION_INSTRUCTIONS = {
    (
        "pigeon-pose",
        "Reclined figure-four",
    ): "Lie on your back on a mat with both knees bent and your feet flat.\nCross one ankle over the other knee, letting the crossed knee open out.\nReach through and hold the back of the thigh of the leg with its foot on the floor.\nDraw that thigh gently towards you until you feel a stretch in the crossed hip.\nKeep your head and shoulders resting on the floor, then change sides.",
    (
        "standing-side-bend",
        "Seated side bend",
    ): "Sit near the front edge of a firm chair, feet flat on the floor, hip-width apart.\nSit tall and reach one arm up over your head.\nBend straight over to the other side, without leaning forward or back.\nHold for a few seconds and breathe, then sit tall again.",
    (
        "seated-hamstring-stretch",
        "Knees bent",
    ): "Sit on the mat with your knees bent and your feet flat.\nSit up tall, with your hands resting on your shins.\nHinge forward a little from your hips, keeping your back long.\nStop where you feel a gentle stretch in the backs of your legs.\nBreathe slowly and let your shoulders relax.",
    (
        "foam-rolling-back",
        "Against a wall",
    ): "Stand with your back to a wall and the roller between your upper back and the wall.\nStep your feet a little forward, knees soft.\nBend and straighten your knees to roll slowly between your shoulder blades and the bottom of your ribs.\nLean in more or less to control the pressure; pause on a tight spot for a few breaths.",
    (
        "pelvic-tilt",
        "Sitting on a chair",
    ): "Sit on a firm chair with your feet flat on the floor.\nSit tall, with your hands resting on your thighs.\nSlowly roll your pelvis back so your lower back rounds a little.\nThen roll it forward so your lower back arches a little.\nKeep the movement small and slow, in time with your breath.",
    (
        "cat-cow",
        "Seated cat–cow",
    ): "Sit on a firm chair with your feet flat and your hands on your knees.\nBreathe out and round your back, letting your head drop a little.\nBreathe in, sit tall and lift your chest.\nMove slowly between the two, only as far as is comfortable.",
}

ROUTINE_UPDATES = {
    "full-lower-back": {
        "description": {
            "old": "Walk around for a few minutes first to warm up. Then every stretch from the article in one session: side bends, both hamstring stretches, a kneeling lunge, pigeon pose, foam rolling and the spinal twist cycle. The author's view is that the key to easing lower back pain is loosening the muscles that pull the pelvis out of line; that is one physiotherapist's explanation, while the guidance on low back pain supports staying active and exercising in general. For more, look for Glan Azar's video of stretches that loosen the lower back, and the one by physiotherapist Gavin Morrison, author of 7 Secrets of Back Pain, on the stretches he finds best for quick relief when the lower back is sore and stiff.",
            "new": "Walk around for a few minutes first to warm up. Then every stretch from the article in one session: side bends, both hamstring stretches, a kneeling lunge, pigeon pose, foam rolling and the spinal twist cycle. In the author's view, a sore lower back eases once tight muscles that tug the pelvis out of line are freed up; that is one physiotherapist's explanation, while the guidance on low back pain supports staying active and exercising in general. For more, look for Glan Azar's video of stretches that loosen the lower back, and the one by physiotherapist Gavin Morrison, author of 7 Secrets of Back Pain, on the stretches he finds best for quick relief when the lower back is sore and stiff.",
        },
    },
    "gentle-basics": {
        "description": {
            "old": "Walk around for a few minutes first to warm up. Then five gentle movements a physiotherapist would often start with, about five minutes in all: pelvic tilts, knee rolls and a lying hamstring stretch on your back, then cat–cow and bottom-to-heels on your hands and knees. You need a mat, and a strap, belt or towel. These are not from the article: they are the basics we added to it.",
            "new": "Walk around for a few minutes first to warm up. Then five gentle movements a physiotherapist would often start with, about seven minutes in all with the time to get ready for each: pelvic tilts, knee rolls and a lying hamstring stretch on your back, then cat–cow and bottom-to-heels on your hands and knees. You need a mat, and a strap, belt or towel. These are not from the article: they are the basics we added to it.",
        },
    },
}

# "First day, gently" promises the gentlest version of each pose: the twist with its knees
# on a pillow (only where the step is still the plain twist).
GENTLE_TWIST = ("first-day-gentle", "supine-spinal-twist", "Knees on a pillow")


def _update(apps, obj, changes, where, variation_name=""):
    """Set each field that still holds its old text to the new one; record the others."""
    safety_update = apps.get_model("stretches", "SafetyUpdate")
    changed = []
    for field, values in changes.items():
        current = getattr(obj, field)
        if current == values["old"]:
            setattr(obj, field, values["new"])
            changed.append(field)
        elif current != values["new"]:
            safety_update.objects.get_or_create(
                exercise_slug=where,
                variation_name=variation_name,
                field=field,
                migration=MIGRATION,
                defaults={"shipped_before": values["old"], "shipped_now": values["new"]},
            )
    if changed:
        obj.save(update_fields=changed)


def _missed_by_first_review(apps):
    """0003's updates that an editor's own text kept out, still unreviewed: recorded too,
    with the text shipped now (this migration's, where it changed the same field again)."""
    first = importlib.import_module("stretches.migrations.0003_safety_review")
    exercise_model = apps.get_model("stretches", "Exercise")
    variation_model = apps.get_model("stretches", "Variation")
    safety_update = apps.get_model("stretches", "SafetyUpdate")
    targets = [
        (exercise_model.objects.filter(slug=slug).first(), slug, "", changes)
        for slug, changes in first.EXERCISE_UPDATES.items()
    ] + [
        (
            variation_model.objects.filter(exercise__slug=slug, name=name).first(),
            slug,
            name,
            changes,
        )
        for slug, variations in first.VARIATION_UPDATES.items()
        for name, changes in variations.items()
    ]
    for obj, slug, name, changes in targets:
        if obj is None:
            continue
        for field, values in changes.items():
            now = (
                (
                    VARIATION_UPDATES.get(slug, {}).get(name, {})
                    if name
                    else EXERCISE_UPDATES.get(slug, {})
                )
                .get(field, {})
                .get("new", values["new"])
            )
            if getattr(obj, field) not in (values["old"], values["new"], now):
                safety_update.objects.get_or_create(
                    exercise_slug=slug,
                    variation_name=name,
                    field=field,
                    migration=MIGRATION,
                    defaults={"shipped_before": values["old"], "shipped_now": now},
                )


def forwards(apps, schema_editor):
    condition_model = apps.get_model("stretches", "Condition")
    rule_model = apps.get_model("stretches", "CautionRule")
    exercise_model = apps.get_model("stretches", "Exercise")
    variation_model = apps.get_model("stretches", "Variation")
    routine_model = apps.get_model("stretches", "Routine")
    step_model = apps.get_model("stretches", "RoutineStep")

    conditions = {}
    for order, (slug, name, explanation) in enumerate(CONDITIONS, start=1):
        condition = condition_model.objects.filter(slug=slug).first()
        if condition is None and not condition_model.objects.filter(name=name).exists():
            condition = condition_model.objects.create(
                slug=slug, name=name, explanation=explanation, order=order
            )
        conditions[slug] = condition

    for slug, changes in EXERCISE_UPDATES.items():
        for exercise in exercise_model.objects.filter(slug=slug):
            _update(apps, exercise, changes, slug)
    for slug, variations in VARIATION_UPDATES.items():
        for name, changes in variations.items():
            for variation in variation_model.objects.filter(exercise__slug=slug, name=name):
                _update(apps, variation, changes, slug, name)
    # After this migration's own: a field both reviews changed is listed once, with the
    # text shipped just before this one.
    _missed_by_first_review(apps)
    for (slug, name), text in VARIATION_INSTRUCTIONS.items():
        variation_model.objects.filter(exercise__slug=slug, name=name, instructions="").update(
            instructions=text
        )
    for slug, changes in ROUTINE_UPDATES.items():
        for routine in routine_model.objects.filter(slug=slug, owner=None):
            fields = [f for f, values in changes.items() if getattr(routine, f) == values["old"]]
            for field in fields:
                setattr(routine, field, changes[field]["new"])
            if fields:
                routine.save(update_fields=fields)

    routine, exercise, variation_name = GENTLE_TWIST
    pillow = variation_model.objects.filter(exercise__slug=exercise, name=variation_name).first()
    if pillow is not None:
        step_model.objects.filter(
            routine__slug=routine, routine__owner=None, exercise__slug=exercise, variation=None
        ).update(variation=pillow)

    for exercise_slug, variation_name, condition_slug, action, instead_name in RULES:
        exercise = exercise_model.objects.filter(slug=exercise_slug).first()
        condition = conditions.get(condition_slug)
        if exercise is None or condition is None:
            continue
        variation = instead = None
        if variation_name:
            variation = exercise.variations.filter(name=variation_name).first()
            if variation is None:
                continue  # renamed or removed by an editor: their exercise, their rules
        if instead_name:
            instead = exercise.variations.filter(name=instead_name).first()
        if rule_model.objects.filter(
            exercise=exercise, variation=variation, condition=condition
        ).exists():
            continue
        rule_model.objects.create(
            exercise=exercise,
            variation=variation,
            condition=condition,
            action=action,
            instead=instead,
        )


def backwards(apps, schema_editor):
    """Put back the old text where a field still holds the new; leave conditions and rules."""
    exercise_model = apps.get_model("stretches", "Exercise")
    variation_model = apps.get_model("stretches", "Variation")
    for slug, changes in EXERCISE_UPDATES.items():
        for exercise in exercise_model.objects.filter(slug=slug):
            for field, values in changes.items():
                if getattr(exercise, field) == values["new"]:
                    setattr(exercise, field, values["old"])
                    exercise.save(update_fields=[field])
    for slug, variations in VARIATION_UPDATES.items():
        for name, changes in variations.items():
            for variation in variation_model.objects.filter(exercise__slug=slug, name=name):
                for field, values in changes.items():
                    if getattr(variation, field) == values["new"]:
                        setattr(variation, field, values["old"])
                        variation.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0005_check_first"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
