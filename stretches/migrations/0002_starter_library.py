"""Load the starter library: the article's exercises, variations and three routines.

Frozen: the data and the loader below are a verbatim copy of stretches/starter_library.py
as it was when this migration shipped, so later edits to that module (which holds the
text for fresh installs) can never change what this migration does. Later changes to the
shipped content go in their own migrations (0003_safety_review and after).
"""

from django.db import migrations

# A safety line shared by most exercises, shown during the hold.
_STOP_IF = "Stop if the pain is sharp, shoots down a leg, or brings numbness or tingling."

# When to skip, shared by every exercise; each adds its own cases in front of it.
_SEE_SOMEONE = (
    "Skip it if your back pain is getting worse, came from a fall or an accident, or "
    "comes with numbness, weakness in a leg, fever, or trouble with your bladder or "
    "bowels. See a doctor or a physical therapist first."
)


EXERCISES = [
    {
        "slug": "knees-to-chest-hug",
        "name": "Knees-to-chest hug",
        "kind": "stretch",
        "summary": "Lie on your back and hug both knees in to your chest. "
        "It starts the spinal twist and is the resting point in the middle of it.",
        "instructions": (
            "Lie on your back on a mat.",
            "Bend your knees and lift your feet off the floor, one at a time.",
            "Hold your knees or the backs of your thighs with your hands.",
            "Draw your knees gently in to your chest.",
            "Let your head and shoulders rest on the floor and breathe slowly.",
        ),
        "why_it_helps": "Drawing the knees in lets the lower back round and lengthen "
        "softly. Where muscles are tight or inflamed, gentle stretching like this helps "
        "them relax, brings more blood to the back, and can stop extra pressure "
        "building up on the spine. In the spinal twist cycle you come back to this "
        "hug between the two sides, so the back moves in and out of the twist in a "
        "slow rhythm.",
        "target_areas": "lower back, glutes, hips",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Move slowly and keep breathing. Pull gently, not hard. " + _STOP_IF,
        "avoid_if": "Skip it after recent back or hip surgery, unless your surgeon "
        "says it is fine. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "One knee at a time",
                "changes": "Keep one foot flat on the floor with that knee bent. "
                "Hug only the other knee in to your chest, then swap.",
                "ladder": -1,
            },
        ],
    },
    {
        "slug": "supine-spinal-twist",
        "name": "Supine spinal twist",
        "kind": "yoga",
        "summary": "A simple yoga pose: lying on your back, you let your bent knees "
        "drop to one side, then the other.",
        "instructions": (
            "Lie on your back and hug your knees in to your chest.",
            "Stretch your arms out to the sides, level with your shoulders.",
            "Let both knees fall slowly to one side, as far as feels easy.",
            "Keep both shoulders resting on the floor.",
            "Breathe and let the pose soften.",
            "Bring your knees back to the middle before you change sides.",
        ),
        "why_it_helps": "A physical therapist who treats back pain counts it as one of "
        "two favourite yoga poses, well worth doing often. It is easy and calming, and "
        "it sends extra blood to the back's joints and muscles. Done as a cycle, with "
        "a knees-to-chest hug between the sides, it gives the back a gentle pumping "
        "action that brings blood in and helps loosen things up.",
        "target_areas": "lower back, middle back, hips, glutes",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Twist slowly and only as far as is comfortable. Keep your "
        "shoulders down and breathe. " + _STOP_IF,
        "avoid_if": "Skip it after recent back surgery, or if you have been told to "
        "avoid twisting. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "Knees on a pillow",
                "changes": "Put a pillow or a folded blanket beside you. Let your knees "
                "rest on it, so they only go part of the way down.",
                "ladder": -1,
            },
        ],
    },
    {
        "slug": "pigeon-pose",
        "name": "Pigeon pose",
        "kind": "yoga",
        "summary": "A yoga pose that stretches the outside of the hip and the glutes, "
        "with one leg folded in front of you and the other stretched out behind.",
        "instructions": (
            "Start on your hands and knees.",
            "Bring one knee forward behind your wrist, with that shin across the mat.",
            "Slide the other leg straight back, with the top of the foot on the floor.",
            "Keep your hips level and your weight spread evenly.",
            "Stay up on your hands, or lower onto your forearms if that feels fine.",
            "Breathe slowly, then come back to your hands and knees to swap legs.",
        ),
        "why_it_helps": "It is the other of those two favourite yoga poses: simple, and "
        "worth doing often. Like the spinal twist, it is relaxing and brings extra "
        "blood to the joints and muscles. Yoga has many more poses, and other benefits "
        "for your health as well.",
        "target_areas": "hips, glutes, lower back",
        "equipment": "mat",
        "difficulty": 2,
        "safety_notes": "Go in slowly. You should feel a stretch in the hip, never a "
        "pain in the knee. Keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if you have had a hip replacement, or if you have a knee "
        "injury or knee pain. Use the reclined figure-four instead, if it is "
        "comfortable. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "Reclined figure-four",
                "changes": "Lie on your back with both knees bent. Cross one ankle over "
                "the other knee. Hold the back of the lower thigh and draw it gently "
                "towards you.",
                "ladder": -1,
                "safety_note": "Keep your head and shoulders resting on the floor.",
            },
        ],
    },
    {
        "slug": "standing-side-bend",
        "name": "Standing side bend",
        "kind": "stretch",
        "summary": "Stand tall and bend straight over to one side, then the other. "
        "A short hold is enough, and it often just feels good.",
        "instructions": (
            "Stand with your feet hip-width apart and your knees soft.",
            "Reach one arm up over your head.",
            "Bend straight over to the other side, without leaning forward or back.",
            "Hold for a few seconds and breathe.",
            "Come back up to standing, slowly.",
        ),
        "why_it_helps": "Bending to the side stretches the muscles along the side of "
        "the trunk and the lower back. A short hold is enough to ease some stiffness.",
        "target_areas": "sides of the trunk, lower back",
        "equipment": "none",
        "difficulty": 1,
        "safety_notes": "Bend straight to the side and only as far as is comfortable. "
        "Breathe. " + _STOP_IF,
        "avoid_if": "Skip it if standing makes you dizzy or unsteady; try the seated "
        "side bend instead. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "Seated side bend",
                "changes": "Sit near the front edge of a firm chair with your feet flat "
                "on the floor. Do the same bend from there.",
                "ladder": -1,
            },
            {
                "name": "Holding a light weight",
                "changes": "Hold a light weight in one hand, about three pounds "
                "(about 1.4 kg), to deepen the stretch. Bend away from that hand.",
                "ladder": 1,
                "equipment": "light_weight",
                "safety_note": "Keep the weight light: too much weight can make an injury worse.",
                "show_in_person_first": True,
            },
            {
                "name": "With a mild twist",
                "changes": "Add a small turn of the trunk as you bend to the side.",
                "ladder": 2,
                "safety_note": "Keep the turn small and slow.",
                "show_in_person_first": True,
            },
            {
                "name": "With a forward bend",
                "changes": "Add a little forward bend as you bend to the side.",
                "ladder": 3,
                "safety_note": "Bend forward only a little, and come up slowly.",
                "show_in_person_first": True,
            },
        ],
    },
    {
        "slug": "standing-forward-bend",
        "name": "Standing forward bend",
        "kind": "stretch",
        "summary": "A simple hamstring stretch: stand up and fold forward from the "
        "hips, letting your hands reach down towards the floor.",
        "instructions": (
            "Stand with your feet hip-width apart.",
            "Keep your knees straight but not locked.",
            "Fold slowly forward from your hips and let your arms hang down.",
            "Stop where you feel a stretch in the backs of your legs, and breathe.",
            "To come up, bend your knees a little and roll up slowly.",
        ),
        "why_it_helps": "Few people think of stretching their legs when their back "
        "hurts, yet tight hamstrings often go with lower back pain. The hamstrings "
        "join onto the pelvis by a tendon, and they are linked to the muscles of the "
        "lower back by fascia. When they are tight they can pull the pelvis out of "
        "line, which loads the lower back's joints and muscles more heavily.",
        "target_areas": "hamstrings, lower back, calves",
        "equipment": "none",
        "difficulty": 2,
        "safety_notes": "Fold slowly and let your arms hang. Do not bounce. Bend your "
        "knees to come up. " + _STOP_IF,
        "avoid_if": "Skip it if bending forward makes your pain worse, if you feel "
        "dizzy when you bend down, or after recent back surgery. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "Soft knees, hands on thighs",
                "changes": "Bend your knees a little and rest your hands on your thighs "
                "or a chair seat, so they take some of your weight.",
                "ladder": -1,
            },
        ],
    },
    {
        "slug": "seated-hamstring-stretch",
        "name": "Seated hamstring stretch",
        "kind": "stretch",
        "summary": "Sit on the floor with your legs straight out in front of you and "
        "reach towards your toes.",
        "instructions": (
            "Sit on the mat with both legs straight out in front of you.",
            "Sit up tall first.",
            "Reach slowly towards your toes, leading with your chest.",
            "Stop where you feel a stretch in the backs of your legs.",
            "Breathe slowly and let your shoulders relax.",
        ),
        "why_it_helps": "Sitting down is the second easy route to the hamstrings. "
        "People with a sore lower back often have tight hamstrings too, because of "
        "their tendon on the pelvis and the fascia that links them to the low back "
        "muscles. Tight hamstrings can tip the pelvis out of line and load the lower "
        "back; loosening them takes some of that pressure off.",
        "target_areas": "hamstrings, lower back, calves",
        "equipment": "mat",
        "difficulty": 2,
        "safety_notes": "Reach only as far as is comfortable. Do not bounce or pull "
        "yourself down. " + _STOP_IF,
        "avoid_if": "Skip it if bending forward makes your pain worse, or after recent "
        "back surgery. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "With a towel or strap",
                "changes": "Loop a towel or strap around the soles of your feet and "
                "hold both ends, so you do not have to reach as far.",
                "ladder": -1,
            },
            {
                "name": "Knees bent",
                "changes": "Bend your knees as much as you need to and rest your hands "
                "on your shins.",
                "ladder": -2,
            },
        ],
    },
    {
        "slug": "kneeling-lunge",
        "name": "Kneeling lunge",
        "kind": "stretch",
        "summary": "The easiest stretch for the front of the thigh: kneel on one knee "
        "with the other foot in front, and keep your back tall.",
        "instructions": (
            "Kneel on the mat on one knee, with the other foot flat in front of you.",
            "Keep your back straight and tall, chest lifted.",
            "Shift your weight gently forward until you feel a stretch in the front "
            "of the back thigh.",
            "Keep your front knee above your ankle, and breathe.",
            "Come back slowly, then change legs.",
        ),
        "why_it_helps": "The front thigh muscles (the quads) join onto the pelvis and "
        "are linked to it by fascia, much like the hamstrings. When they are tight, "
        "they can pull the pelvis out of line and add to lower back pain.",
        "target_areas": "quadriceps, hip flexors, lower back",
        "equipment": "mat",
        "difficulty": 2,
        "safety_notes": "Keep your back tall and move gently. Hold a chair or a wall "
        "if you feel unsteady. " + _STOP_IF,
        "avoid_if": "Skip it if kneeling hurts your knee, or after recent knee or "
        "hip surgery. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "Cushion under the back knee",
                "changes": "Kneel on a folded towel or cushion, and keep a hand on a "
                "chair for balance.",
                "ladder": -1,
            },
            {
                "name": "Reach back for the back foot",
                "changes": "If you are more flexible, reach back and hold the foot of "
                "the leg you are kneeling on. Draw it gently in towards your glutes.",
                "ladder": 1,
                "safety_note": "Only if you are fairly flexible. Stop if your knee hurts.",
            },
        ],
    },
    {
        "slug": "foam-rolling-back",
        "name": "Foam rolling the back",
        "kind": "foam_rolling",
        "summary": "Not quite a stretch: lie on a foam roller and roll slowly to ease "
        "knots and tight spots in the muscles of your lower and upper back.",
        "instructions": (
            "Sit on the mat with the foam roller behind you.",
            "Lie back so the roller is across your back, with your knees bent and feet flat.",
            "Lift your hips a little and use your feet to roll slowly up and down.",
            "Pause on a tight spot for a few breaths.",
            "Roll your lower back and your upper back, then roll off to one side.",
        ),
        "why_it_helps": "Rolling slowly over tight spots can help smooth out knots "
        "in the muscles of both the lower and the upper back. A high-density roller "
        "is worth it: it is firmer and lasts longer, so you get more for your money.",
        "target_areas": "lower back, upper back",
        "equipment": "foam_roller",
        "difficulty": 2,
        "safety_notes": "Roll slowly on the muscles, not on the bones. Use less "
        "pressure over the lower back. " + _STOP_IF,
        "avoid_if": "Skip it if you have osteoporosis, a recent injury or surgery to "
        "your back, or if lying on the roller hurts. " + _SEE_SOMEONE,
        "variations": [
            {
                "name": "Against a wall",
                "changes": "Stand with the roller between your back and a wall. Bend "
                "and straighten your knees to roll; you control the pressure.",
                "ladder": -1,
            },
        ],
    },
]


# The article's spinal-twist cycle: hug, knees to one side, back to the middle, knees to
# the other side; done once, then "another 1–2 times" (we take two more): 3 rounds.
SPINAL_TWIST_CYCLE = [
    {
        "exercise": "knees-to-chest-hug",
        "hold_seconds": 10,
        "rounds": 3,
        "cycle_steps": 4,
        "cue": "Hug both knees in to your chest",
    },
    {
        "exercise": "supine-spinal-twist",
        "hold_seconds": 15,
        "side": "left",
        "cue": "Let both knees fall to the left",
    },
    {
        "exercise": "knees-to-chest-hug",
        "hold_seconds": 10,
        "cue": "Bring your knees back to the middle",
    },
    {
        "exercise": "supine-spinal-twist",
        "hold_seconds": 15,
        "side": "right",
        "cue": "Let both knees fall to the right",
    },
]


ROUTINES = [
    {
        "slug": "spinal-twist-cycle",
        "title": "Spinal twist cycle",
        "level": 1,
        "description": "Hug your knees in, let them fall to one side, bring them back "
        "to the middle, then let them fall to the other side. The whole cycle is done "
        "three times. Moving in and out of the twist like this pumps extra blood into "
        "the back's joints and muscles and helps them loosen up.",
        "steps": SPINAL_TWIST_CYCLE,
    },
    {
        "slug": "full-lower-back",
        "title": "Full lower back routine",
        "level": 2,
        "description": "Every stretch from the article in one session: side bends, "
        "both hamstring stretches, a kneeling lunge, pigeon pose, foam rolling and the "
        "spinal twist cycle. The aim is to loosen the muscles that pull the pelvis out "
        "of line, which is the key to easing lower back pain. For more, look for Glan "
        "Azar's video of stretches that loosen the lower back, and the one by "
        "physical therapist Gavin Morrison, author of 7 Secrets of Back Pain, on the "
        "stretches he finds best for quick relief when the lower back is sore and stiff.",
        # Standing first, then kneeling, sitting and lying, so you get down to the floor
        # once. Foam rolling comes late rather than as a warm-up: you are already lying
        # down, and the calm twist cycle after it is the best way to finish.
        "steps": [
            {
                "exercise": "standing-side-bend",
                "hold_seconds": 5,
                "side": "both",
                "rounds": 4,
                "rest_seconds": 5,
                "cue": "Bend straight to the side",
            },
            {
                "exercise": "standing-forward-bend",
                "hold_seconds": 30,
                "rounds": 2,
                "rest_seconds": 10,
                "cue": "Let your arms hang; roll up slowly",
            },
            {
                "exercise": "kneeling-lunge",
                "hold_seconds": 30,
                "side": "both",
                "rest_seconds": 10,
                "cue": "Keep your back tall",
            },
            {
                "exercise": "pigeon-pose",
                "hold_seconds": 45,
                "side": "both",
                "rest_seconds": 10,
                "cue": "Keep your hips level",
            },
            {
                "exercise": "seated-hamstring-stretch",
                "hold_seconds": 30,
                "rounds": 2,
                "rest_seconds": 10,
                "cue": "Sit tall, then reach for your toes",
            },
            {
                "exercise": "foam-rolling-back",
                "hold_seconds": 120,
                "rest_seconds": 10,
                "cue": "Roll slowly over your lower and upper back",
            },
            *SPINAL_TWIST_CYCLE,
        ],
    },
    {
        "slug": "first-day-gentle",
        "title": "First day, gently",
        "level": 1,
        "description": "A short, easy start for a sore back, with only a mat. You sit "
        "once and then lie down, using the gentlest version of each pose. If it goes "
        "well, try the spinal twist cycle or the full routine on another day, and see "
        "the videos by Glan Azar and Gavin Morrison that the full routine mentions.",
        "steps": [
            {
                "exercise": "seated-hamstring-stretch",
                "variation": "Knees bent",
                "hold_seconds": 30,
                "rounds": 2,
                "rest_seconds": 5,
                "cue": "Bend your knees as much as you like",
            },
            {
                "exercise": "knees-to-chest-hug",
                "variation": "One knee at a time",
                "hold_seconds": 20,
                "side": "both",
                "rest_seconds": 5,
                "cue": "Keep the other foot on the floor",
            },
            {
                "exercise": "supine-spinal-twist",
                "hold_seconds": 20,
                "side": "both",
                "rest_seconds": 5,
                "cue": "Let your knees go only as far as feels easy",
            },
            {
                "exercise": "pigeon-pose",
                "variation": "Reclined figure-four",
                "hold_seconds": 30,
                "side": "both",
                "rest_seconds": 5,
                "cue": "Draw your thigh in gently",
            },
            {
                "exercise": "knees-to-chest-hug",
                "hold_seconds": 30,
                "cue": "Hug both knees in and rest",
            },
        ],
    },
]


def load(get_model):
    """Add the starter library's missing exercises, variations and routines.

    `get_model(app_label, model_name)` is a migration's `apps.get_model` or
    `django.apps.apps.get_model`; only model fields are used, so historical models work.
    """
    exercise_model = get_model("stretches", "Exercise")
    variation_model = get_model("stretches", "Variation")
    routine_model = get_model("stretches", "Routine")
    step_model = get_model("stretches", "RoutineStep")

    for data in EXERCISES:
        fields = {key: value for key, value in data.items() if key != "variations"}
        fields["instructions"] = "\n".join(data["instructions"])
        exercise = exercise_model.objects.filter(slug=data["slug"]).first()
        if exercise is None:
            exercise = exercise_model.objects.create(**fields)
        for variation in data["variations"]:
            taken = exercise.variations.filter(name=variation["name"]).exists() or (
                exercise.variations.filter(ladder=variation["ladder"]).exists()
            )
            # An editor may have put their own variation on this rung; theirs stays.
            if not taken:
                variation_model.objects.create(exercise=exercise, **variation)

    for data in ROUTINES:
        if routine_model.objects.filter(slug=data["slug"]).exists():
            continue
        fields = {key: value for key, value in data.items() if key != "steps"}
        routine = routine_model.objects.create(is_published=True, **fields)
        steps = []
        for order, step in enumerate(data["steps"], start=1):
            step = dict(step)
            exercise = exercise_model.objects.get(slug=step.pop("exercise"))
            variation_name = step.pop("variation", None)
            # None if an editor renamed it: the plain exercise is the safe fallback.
            variation = (
                exercise.variations.filter(name=variation_name).first() if variation_name else None
            )
            steps.append(
                step_model(
                    routine=routine,
                    order=order,
                    exercise=exercise,
                    variation=variation,
                    **step,
                )
            )
        step_model.objects.bulk_create(steps)


def load_starter_library(apps, schema_editor):
    load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_starter_library, migrations.RunPython.noop),
    ]
