"""The starter library: the exercises, variations and routines a new site begins with.

Most of it comes from one article on stretches for lower back pain, written by a
physiotherapist, retold in plain words for someone reading a phone on the floor; a clinical
review (issue 8) corrected it and added the gentle basics a physiotherapist would expect,
marked `beyond_article`. It is kept as plain Python data so it can be read and reviewed like
any other text.

This module is what a fresh install ends up with: migration 0002 loads a frozen copy of the
first version, and 0003_safety_review brings that up to this text (only where an editor has
not changed it). A later change here needs its own migration the same way, and
tests/test_starter_migrations.py checks that a database migrated from zero matches this
module exactly.

`load()` only adds what is missing. An exercise or a routine is created only when no row
has its slug yet, and a variation only when its exercise has no variation of that name
(or at that rung). Nothing an editor has changed is ever overwritten, and running it
twice adds nothing the second time.

No pictures or video links: we hold no licensed pictures, and the article names its two
videos without giving links, so the videos are credited by name in the text instead.
"""

from django.db.models import Q

# How to move, shared by every exercise, shown during the hold.
_STOP_IF = "Stop if the pain is sharp, shoots down a leg, or brings numbness or tingling."

# When to ask first. The urgent signs are not here: the pages add them, in tiers, after
# every exercise's "when not to do it" (templates/stretches/includes/urgent_signs.html).
_BONES = (
    "If you have osteoporosis or have had a spinal fracture, ask your doctor or "
    "physiotherapist first."
)
_HIP_REPLACEMENT = "After a hip replacement, ask your surgeon or physiotherapist first."
_PREGNANT = "If you are pregnant, ask your midwife or physiotherapist first."
_PREGNANT_LYING = (
    "If you are pregnant, ask your midwife or physiotherapist first: lying flat on your "
    "back for long is not advised later in pregnancy."
)


EXERCISES = [
    {
        "slug": "knees-to-chest-hug",
        "drawing": "knees-to-chest-hug",
        "name": "Knees-to-chest hug",
        "kind": "stretch",
        "summary": "Lie on your back and hug both knees in to your chest. "
        "It starts the spinal twist and is the resting point in the middle of it.",
        "instructions": (
            "Lie on your back on a mat.",
            "Bend your knees and lift your feet off the floor, one at a time.",
            "Hold the backs of your thighs with your hands: it is kinder to your knees "
            "than holding them on top.",
            "Draw your knees gently in to your chest.",
            "Let your head and shoulders rest on the floor and breathe slowly.",
        ),
        "why_it_helps": "Drawing the knees in lets the lower back round and lengthen "
        "softly. The article's author, a physiotherapist, uses it to start the spinal "
        "twist and as the resting point between its two sides, so the back moves in and "
        "out of the twist in a slow rhythm. In the author's view, gentle stretching like "
        "this helps tight muscles relax and brings blood to the back; the guidance on low "
        "back pain supports exercise in general rather than any one way it works.",
        "target_areas": "lower back, glutes, hips",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Move slowly, don't bounce, and keep breathing. Pull gently, not "
        "hard. " + _STOP_IF,
        "avoid_if": "Skip it after recent back or hip surgery, unless your surgeon "
        "says it is fine. " + _HIP_REPLACEMENT + " " + _BONES + " " + _PREGNANT_LYING,
        "variations": [
            {
                "name": "One knee at a time",
                "drawing": "knees-to-chest-one-knee",
                "changes": "Keep one foot flat on the floor with that knee bent. "
                "Hug only the other knee in to your chest, then swap.",
                "ladder": -1,
                "safety_note": "Keep the foot on the floor flat and relaxed.",
            },
        ],
    },
    {
        "slug": "supine-spinal-twist",
        "drawing": "supine-spinal-twist",
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
        "why_it_helps": "The article's author, a physiotherapist who treats back pain, "
        "counts it as one of two favourite yoga poses: easy, calming, and worth doing "
        "often. Done as a cycle, with a knees-to-chest hug between the sides, the author "
        "finds it gives the back a gentle pumping action that brings blood to the area "
        "and helps loosen things up. Take that as one physiotherapist's experience; what "
        "the guidance on low back pain supports is exercise in general.",
        "target_areas": "lower back, middle back, hips, glutes",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Twist slowly and only as far as is comfortable. Keep your "
        "shoulders down. Don't bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it after recent back surgery, or if you have been told to "
        "avoid twisting. " + _BONES + " " + _HIP_REPLACEMENT + " If the full twist is "
        "too much, try knee rolls, with your feet on the floor. " + _PREGNANT_LYING,
        "variations": [
            {
                "name": "Knees on a pillow",
                "drawing": "supine-spinal-twist-pillow",
                "changes": "Put a pillow or a folded blanket beside you. Let your knees "
                "rest on it, so they only go part of the way down.",
                "ladder": -1,
                "safety_note": "Let the pillow take the weight of your legs.",
            },
        ],
    },
    {
        "slug": "pigeon-pose",
        "drawing": "pigeon-pose",
        "name": "Pigeon pose",
        "kind": "yoga",
        "summary": "A yoga pose that stretches the outside of the hip and the glutes, "
        "with one leg folded in front of you and the other stretched out behind.",
        "instructions": (
            "Start on your hands and knees on a mat.",
            "Bring one knee forward behind your wrist, with that foot tucked in near "
            "your other hip rather than out across the mat.",
            "Bend that foot back towards your shin (flex it): this protects your knee.",
            "Slide the other leg straight back, with the top of the foot on the floor.",
            "Put a cushion or folded blanket under the hip of your front leg, so your "
            "hips stay level.",
            "Stay up on your hands, or lower onto your forearms if that feels fine.",
            "Breathe slowly, then come back to your hands and knees to swap legs.",
        ),
        "why_it_helps": "It is the other of the author's two favourite yoga poses: "
        "simple, relaxing, and worth doing often. It stretches the outside of the hip "
        "and the glutes, which often feel tight when the lower back is sore. The author "
        "finds it brings extra blood to the joints and muscles; take that as one "
        "physiotherapist's view.",
        "target_areas": "hips, glutes, lower back",
        "equipment": "mat",
        "difficulty": 2,
        "safety_notes": "Go in slowly. Feel the stretch in the hip, never in the knee. "
        "Don't bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if you have a knee injury, knee pain or knees that cannot kneel:"
        " the reclined figure-four is the version to try. After a hip "
        "replacement, skip it, and ask your surgeon or physiotherapist before "
        "trying the reclined figure-four, which also crosses the leg with the hip"
        " bent. If you have osteoporosis or have had a spinal fracture, ask your "
        "doctor or physiotherapist first. If you are pregnant, ask your midwife "
        "or physiotherapist first.",
        "variations": [
            {
                "name": "Reclined figure-four",
                "drawing": "reclined-figure-four",
                "changes": "Lie on your back with both knees bent. Cross one ankle over the "
                "other knee. Hold the back of the thigh of the leg with its foot "
                "on the floor, and draw it gently towards you.",
                "instructions": (
                    "Lie on your back on a mat with both knees bent and your feet flat.",
                    "Cross one ankle over the other knee, letting the crossed knee open out.",
                    "Reach through and hold the back of the thigh of the leg with its "
                    "foot on the floor.",
                    "Draw that thigh gently towards you until you feel a stretch in the "
                    "crossed hip.",
                    "Keep your head and shoulders resting on the floor, then change sides.",
                ),
                "ladder": -1,
                "safety_note": "Keep your head and shoulders resting on the floor.",
            },
        ],
    },
    {
        "slug": "standing-side-bend",
        "drawing": "standing-side-bend",
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
        "the trunk and the lower back. The author finds a short hold often just feels "
        "good, and gives patients harder versions depending on what each person can "
        "manage.",
        "target_areas": "sides of the trunk, lower back",
        "equipment": "none",
        "difficulty": 1,
        "safety_notes": "Bend straight to the side and only as far as is comfortable. "
        "Don't bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if standing makes you dizzy or unsteady; try the seated side "
        "bend instead. If you have osteoporosis or have had a spinal fracture, "
        "ask your doctor or physiotherapist first, and leave out the versions "
        "with a twist or a forward bend unless a physiotherapist has shown you "
        "them. If you are pregnant, ask your midwife or physiotherapist first.",
        "variations": [
            {
                "name": "Seated side bend",
                "drawing": "seated-side-bend",
                "changes": "Sit near the front edge of a firm chair with your feet flat "
                "on the floor. Do the same bend from there.",
                "instructions": (
                    "Sit near the front edge of a firm chair, feet flat on the floor, "
                    "hip-width apart.",
                    "Sit tall and reach one arm up over your head.",
                    "Bend straight over to the other side, without leaning forward or back.",
                    "Hold for a few seconds and breathe, then sit tall again.",
                ),
                "ladder": -1,
                "safety_note": "Keep both feet flat and sit tall between bends.",
            },
            {
                "name": "Holding a light weight",
                "drawing": "standing-side-bend-weight",
                "changes": "Hold a light weight, about three pounds (about 1.4 kg), in "
                "the hand on the side you bend towards, with that arm hanging straight "
                "down. Let the weight draw you gently down that side, then come back up. "
                "Swap hands to change sides.",
                "ladder": 1,
                "equipment": "light_weight",
                "safety_note": "Keep the weight light: the author warns that extra weight "
                "can aggravate an injury. Never add the weight to the twist or the "
                "forward-bend versions.",
                "show_in_person_first": True,
            },
            {
                "name": "With a mild twist",
                "drawing": "standing-side-bend-twist",
                "changes": "Add a small turn of the trunk as you bend to the side.",
                "ladder": 2,
                "safety_note": "Keep the turn small and slow, and never hold a weight for it.",
                "show_in_person_first": True,
            },
            {
                "name": "With a forward bend",
                "drawing": "standing-side-bend-forward",
                "changes": "Add a little forward bend as you bend to the side.",
                "ladder": 3,
                "safety_note": "Bend forward only a little, come up slowly, and never "
                "hold a weight for it.",
                "show_in_person_first": True,
            },
        ],
    },
    {
        "slug": "standing-forward-bend",
        "drawing": "standing-forward-bend",
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
        "hurts, yet the author often finds tight hamstrings in people with lower back "
        "pain. The hamstrings join onto the pelvis by a tendon and are linked to the "
        "lower back's muscles by fascia. The author's view is that tight hamstrings can "
        "pull the pelvis out of line and load the lower back's joints and muscles; that "
        "is one explanation rather than a settled fact.",
        "target_areas": "hamstrings, lower back, calves",
        "equipment": "none",
        "difficulty": 2,
        "safety_notes": "Fold slowly and let your arms hang. Don't bounce, and keep "
        "breathing. Bend your knees to come up. " + _STOP_IF,
        "avoid_if": "Skip it if bending forward makes your pain worse, if you feel dizzy when"
        " you bend down, or after recent back surgery. If you have osteoporosis "
        "or have had a spinal fracture, don't fold down: use the soft-knees "
        "version with your back long, and ask your doctor or physiotherapist "
        "first. After a hip replacement, ask your surgeon or physiotherapist "
        "first. If you are pregnant, ask your midwife or physiotherapist first.",
        "variations": [
            {
                "name": "Soft knees, hands on thighs",
                "drawing": "standing-forward-bend-soft",
                "changes": "Bend your knees a little and rest your hands on your thighs "
                "or a chair seat, so they take some of your weight.",
                "ladder": -1,
                "safety_note": "Keep your back long, and come up slowly.",
            },
        ],
    },
    {
        "slug": "seated-hamstring-stretch",
        "drawing": "seated-hamstring-stretch",
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
        "why_it_helps": "Sitting down is the article's second easy route to the "
        "hamstrings. The author often finds tight hamstrings with a sore lower back, and "
        "puts it down to their tendon on the pelvis and the fascia that links them to "
        "the lower back's muscles. In the author's view, loosening them takes some "
        "pressure off the lower back.",
        "target_areas": "hamstrings, lower back, calves",
        "equipment": "mat",
        "difficulty": 2,
        "safety_notes": "Reach only as far as is comfortable. Don't bounce or pull "
        "yourself down, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if bending forward makes your pain worse, or after recent back "
        "surgery. If you have osteoporosis or have had a spinal fracture, don't "
        "round your back to reach: use the knees-bent version sitting tall, and "
        "ask your doctor or physiotherapist first. After a hip replacement, ask "
        "your surgeon or physiotherapist first. If you are pregnant, ask your "
        "midwife or physiotherapist first.",
        "variations": [
            {
                "name": "With a towel or strap",
                "drawing": "seated-hamstring-stretch-strap",
                "changes": "Loop a towel or strap around the soles of your feet and "
                "hold both ends, so you do not have to reach as far.",
                "equipment": "strap",
                "ladder": -1,
                "safety_note": "Let the strap help you; don't use it to pull yourself down.",
            },
            {
                "name": "Knees bent",
                "drawing": "seated-hamstring-stretch-knees-bent",
                "changes": "Bend your knees as much as you need to and rest your hands "
                "on your shins.",
                "instructions": (
                    "Sit on the mat with your knees bent and your feet flat.",
                    "Sit up tall, with your hands resting on your shins.",
                    "Hinge forward a little from your hips, keeping your back long.",
                    "Stop where you feel a gentle stretch in the backs of your legs.",
                    "Breathe slowly and let your shoulders relax.",
                ),
                "ladder": -2,
                "safety_note": "Sit tall rather than rounding your back to reach.",
            },
        ],
    },
    {
        "slug": "kneeling-lunge",
        "drawing": "kneeling-lunge",
        "name": "Kneeling lunge",
        "kind": "stretch",
        "summary": "The easiest stretch for the front of the hip and thigh: kneel on "
        "one knee with the other foot in front, and keep your back tall.",
        "instructions": (
            "Kneel on the mat on one knee, with the other foot flat in front of you.",
            "Hold a chair or a wall beside you if you feel unsteady.",
            "Tuck your tailbone under, so your lower back does not arch.",
            "Keep your back tall and shift your weight gently forward until you feel a "
            "stretch at the front of the back hip and thigh.",
            "Keep your front knee above your ankle, and breathe.",
            "Come back slowly, then change legs.",
        ),
        "why_it_helps": "This stretches the hip flexors at the front of the hip and "
        "one of the four quadriceps muscles, the rectus femoris: it is the only one that "
        "crosses the hip and joins onto the pelvis. The author's view is that when these "
        "are tight they can pull the pelvis out of line and add to lower back pain. "
        "Tucking your tailbone under is what takes the stretch to them instead of into "
        "your lower back.",
        "target_areas": "hip flexors, quadriceps, lower back",
        "equipment": "mat",
        "difficulty": 2,
        "safety_notes": "Keep your tailbone tucked and your back tall; don't arch your "
        "lower back. Move gently, don't bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if kneeling hurts your knee, or after recent knee or "
        "hip surgery. " + _HIP_REPLACEMENT + " " + _PREGNANT,
        "variations": [
            {
                "name": "Cushion under the back knee",
                "drawing": "kneeling-lunge-cushion",
                "changes": "Kneel on a folded towel or cushion, and keep a hand on a "
                "chair for balance.",
                "ladder": -1,
                "safety_note": "Keep your hand on the chair the whole time if your "
                "balance is unsure.",
            },
            {
                "name": "Reach back for the back foot",
                "drawing": "kneeling-lunge-foot",
                "changes": "If you are more flexible, loop a strap or towel around the "
                "foot of the leg you are kneeling on, and hold a chair with your other "
                "hand. Use the strap to draw the foot gently in towards your glutes.",
                "ladder": 1,
                "safety_note": "Only if you are fairly flexible. Keep your tailbone "
                "tucked, use the strap rather than grabbing the foot, and stop if your "
                "knee hurts.",
            },
        ],
    },
    {
        "slug": "foam-rolling-back",
        "drawing": "foam-rolling-back",
        "name": "Foam rolling the back",
        "kind": "foam_rolling",
        "summary": "Not quite a stretch: roll slowly on a foam roller to ease knots "
        "and tight spots in your upper back, and in your glutes for the lower back. "
        "You never roll the lower back itself.",
        "instructions": (
            "Sit on the mat with the foam roller behind you.",
            "Lie back so the roller is across your shoulder blades, with your knees bent "
            "and feet flat, and your hands behind your head to support it.",
            "Lift your hips a little and use your feet to roll slowly down to the bottom "
            "of your ribs, then back up. Stop there: do not roll your lower back.",
            "Pause on a tight spot for a few breaths.",
            "For the lower back, roll your glutes instead: sit on the roller, lean "
            "towards one side and roll slowly, then the other side.",
            "Roll off to one side to get up.",
        ),
        "why_it_helps": "The author finds foam rolling can help work out knots and "
        "kinks in the back. Rolling the lower spine itself is commonly advised against, "
        "so here you roll the upper back and, for the lower back, the glutes, which "
        "often feel tight when the lower back is sore. The author recommends a "
        "high-density roller: it is firmer and lasts longer, so you get more for your "
        "money.",
        "target_areas": "upper back, glutes",
        "equipment": "foam_roller",
        "difficulty": 2,
        "safety_notes": "Roll slowly on the muscles, not on the bones, and stop at the "
        "bottom of your ribs. Don't bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if you have osteoporosis, spinal stenosis, "
        "spondylolisthesis, or disc trouble with pain down a leg; if you take blood "
        "thinners; if you are pregnant; after a recent injury or surgery to your back; "
        "or if lying on the roller hurts.",
        "variations": [
            {
                "name": "Against a wall",
                "drawing": "foam-rolling-back-wall",
                "changes": "Stand with the roller between your upper back and a wall. "
                "Bend and straighten your knees to roll, between your shoulder blades "
                "and the bottom of your ribs; you control the pressure.",
                "instructions": (
                    "Stand with your back to a wall and the roller between your upper "
                    "back and the wall.",
                    "Step your feet a little forward, knees soft.",
                    "Bend and straighten your knees to roll slowly between your shoulder "
                    "blades and the bottom of your ribs.",
                    "Lean in more or less to control the pressure; pause on a tight spot "
                    "for a few breaths.",
                ),
                "ladder": -1,
                "safety_note": "Keep the roller above the bottom of your ribs.",
            },
        ],
    },
    # Beyond the article: the gentle basics a physiotherapist would expect.
    {
        "slug": "knee-rolls",
        "drawing": "knee-rolls",
        "name": "Knee rolls",
        "kind": "mobility",
        "beyond_article": True,
        "summary": "The gentle form of the spinal twist: lying on your back with your "
        "feet on the floor, let your knees roll slowly from side to side.",
        "instructions": (
            "Lie on your back on a mat, knees bent and feet flat on the floor, together.",
            "Rest your arms out to the sides.",
            "Let both knees roll slowly to one side, only as far as feels easy.",
            "Keep both shoulders on the floor, and breathe.",
            "Bring your knees back to the middle, then roll them to the other side.",
        ),
        "why_it_helps": "It turns the lower back through a small twist while your feet "
        "on the floor take the weight of your legs. Physiotherapists often suggest it "
        "for a stiff back because it keeps the back moving without strain. It is a good "
        "way in before the full spinal twist.",
        "target_areas": "lower back, hips",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Roll slowly, and only a small way at first. Don't bounce, and "
        "keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it after recent back surgery, or if you have been told to "
        "avoid twisting. " + _BONES + " " + _HIP_REPLACEMENT + " " + _PREGNANT_LYING,
        "variations": [
            {
                "name": "Knees lifted",
                "drawing": "knee-rolls-lifted",
                "changes": "Lift your feet off the floor, knees bent at a right angle "
                "above your hips, and roll your knees slowly from side to side.",
                "ladder": 1,
                "safety_note": "Keep the roll small: your stomach muscles work harder "
                "here. Put your feet back down if your back complains.",
            },
        ],
    },
    {
        "slug": "pelvic-tilt",
        "drawing": "pelvic-tilt",
        "name": "Pelvic tilt",
        "kind": "mobility",
        "beyond_article": True,
        "summary": "Lying on your back with your knees bent, gently press your lower "
        "back towards the floor by tilting your pelvis, then let it go.",
        "instructions": (
            "Lie on your back on a mat, knees bent and feet flat, hip-width apart.",
            "Let your lower back rest in its natural curve.",
            "As you breathe out, gently tighten your stomach muscles and tilt your "
            "pelvis so your lower back presses softly into the floor.",
            "Hold for a few seconds, breathing normally.",
            "Relax back to where you started, and repeat.",
        ),
        "why_it_helps": "It moves the lower back through a small, controlled range and "
        "wakes up the stomach muscles that support it. Physiotherapists often use it as "
        "a first exercise for a sore back, because it is small and easy to control.",
        "target_areas": "lower back, stomach muscles, pelvis",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Keep the movement small and smooth. Don't push hard, don't "
        "bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it after recent back surgery, unless your surgeon says it is fine. "
        "If you are pregnant, do it sitting on a chair instead: lying flat on "
        "your back for long is not advised later in pregnancy.",
        "variations": [
            {
                "name": "Sitting on a chair",
                "drawing": "pelvic-tilt-chair",
                "changes": "Sit on a firm chair with your feet flat. Slowly roll your "
                "pelvis back so your lower back rounds a little, then forward so it "
                "arches a little.",
                "instructions": (
                    "Sit on a firm chair with your feet flat on the floor.",
                    "Sit tall, with your hands resting on your thighs.",
                    "Slowly roll your pelvis back so your lower back rounds a little.",
                    "Then roll it forward so your lower back arches a little.",
                    "Keep the movement small and slow, in time with your breath.",
                ),
                "ladder": -1,
                "equipment": "none",
                "safety_note": "Keep it small and slow, and sit tall in between.",
            },
            {
                "name": "Into a small bridge",
                "drawing": "pelvic-tilt-bridge",
                "changes": "After the tilt, press through your feet and peel your bottom "
                "a little way off the floor, then lower it slowly, one part of your back "
                "at a time.",
                "ladder": 1,
                "safety_note": "Lift only a little way, and don't arch your back at the top.",
            },
        ],
    },
    {
        "slug": "cat-cow",
        "drawing": "cat-cow",
        "name": "Cat–cow",
        "kind": "mobility",
        "beyond_article": True,
        "summary": "On your hands and knees, slowly round your back up like a cat, "
        "then let it dip gently, in time with your breath.",
        "instructions": (
            "Kneel on a mat on your hands and knees, hands under your shoulders and "
            "knees under your hips.",
            "Breathe out and slowly round your back up towards the ceiling, letting "
            "your head drop.",
            "Breathe in and let your back dip gently, lifting your head a little.",
            "Move only as far as is comfortable each way.",
            "Keep moving slowly between the two, in time with your breath.",
        ),
        "why_it_helps": "It moves the whole spine gently one way and then the other, "
        "with your hands and knees taking your weight. Physiotherapists often use it to "
        "ease stiffness and get a back moving again.",
        "target_areas": "lower back, middle back, neck",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Move slowly and smoothly, within a comfortable range. Don't "
        "bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if kneeling hurts your knees or leaning on your hands hurts your"
        " wrists; try the seated version instead. If you have osteoporosis or "
        "have had a spinal fracture, ask your doctor or physiotherapist first. In"
        " pregnancy, the NHS advises gentle back curls on your hands and knees "
        "much like this one: keep the movement small and don't let your back sag.",
        "variations": [
            {
                "name": "Seated cat–cow",
                "drawing": "cat-cow-seated",
                "changes": "Sit on a firm chair with your hands on your knees. Round "
                "your back as you breathe out, then sit tall and lift your chest as you "
                "breathe in.",
                "instructions": (
                    "Sit on a firm chair with your feet flat and your hands on your knees.",
                    "Breathe out and round your back, letting your head drop a little.",
                    "Breathe in, sit tall and lift your chest.",
                    "Move slowly between the two, only as far as is comfortable.",
                ),
                "ladder": -1,
                "equipment": "none",
                "safety_note": "Keep your feet flat on the floor and move slowly.",
            },
        ],
    },
    {
        "slug": "bottom-to-heels",
        "drawing": "bottom-to-heels",
        "name": "Bottom-to-heels (child's pose)",
        "kind": "stretch",
        "beyond_article": True,
        "summary": "From your hands and knees, sit your bottom back towards your heels "
        "and rest, arms stretched out in front. Yoga calls it child's pose.",
        "instructions": (
            "Start on your hands and knees on a mat.",
            "Keep your hands where they are and slowly sit your bottom back towards your heels.",
            "Go only as far as is comfortable: your bottom does not have to reach your heels.",
            "Let your head and chest sink towards the floor, and breathe slowly.",
            "To come out, walk your hands back towards your knees and come up slowly.",
        ),
        "why_it_helps": "It lets the lower back round and lengthen gently while the "
        "floor takes your weight. Physiotherapists often suggest it as a resting "
        "stretch for a stiff lower back.",
        "target_areas": "lower back, glutes, hips, shoulders",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Sit back slowly and only as far as is comfortable. Don't "
        "bounce, and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if kneeling or bending your knees fully hurts, or after a knee "
        "replacement. After a hip replacement, ask your surgeon or "
        "physiotherapist first. If you have osteoporosis or have had a spinal "
        "fracture, ask your doctor or physiotherapist first. If you are pregnant,"
        " ask your midwife or physiotherapist first.",
        "variations": [
            {
                "name": "Cushion on your heels",
                "drawing": "bottom-to-heels-cushion",
                "changes": "Put a cushion or folded blanket between your bottom and "
                "your heels, and another under your knees if they need it, so you do not "
                "sit so far back.",
                "ladder": -1,
                "safety_note": "Use as many cushions as you need to feel comfortable.",
            },
            {
                "name": "Hands walked to one side",
                "drawing": "bottom-to-heels-to-one-side",
                "changes": "Once you are settled, walk both hands over to one side to "
                "stretch along the other side of your back. Come back to the middle, "
                "then go to the other side.",
                "ladder": 1,
                "safety_note": "Walk your hands slowly, keep your bottom back, and go "
                "only as far as is comfortable.",
            },
        ],
    },
    {
        "slug": "lying-hamstring-stretch",
        "drawing": "lying-hamstring-stretch",
        "name": "Lying hamstring stretch with a strap",
        "kind": "stretch",
        "beyond_article": True,
        "summary": "Lying on your back, loop a strap or towel around one foot and raise "
        "that leg until you feel a stretch in the back of the thigh. The floor supports "
        "your back.",
        "instructions": (
            "Lie on your back on a mat with both knees bent and your feet flat.",
            "Loop a strap, belt or towel around the sole of one foot and hold the ends.",
            "Straighten that leg up towards the ceiling, as far as is comfortable.",
            "Stop where you feel a gentle stretch in the back of the thigh.",
            "Keep your head and lower back resting on the floor, and breathe slowly.",
            "Bend the knee to lower the leg, then change legs.",
        ),
        "why_it_helps": "It stretches the hamstrings while your back rests on the "
        "floor, so your lower back does not have to bend. Physiotherapists often prefer "
        "it to reaching for your toes when the back is sore. The article's author often "
        "finds tight hamstrings in people with lower back pain.",
        "target_areas": "hamstrings, calves",
        "equipment": "strap",
        "difficulty": 1,
        "safety_notes": "Let the strap help the leg up; don't pull hard. Don't bounce, "
        "and keep breathing. " + _STOP_IF,
        "avoid_if": "Skip it if raising the leg sends pain down it. "
        + _HIP_REPLACEMENT
        + " "
        + _PREGNANT_LYING,
        "variations": [
            {
                "name": "Knee a little bent",
                "drawing": "lying-hamstring-stretch-knee-bent",
                "changes": "Keep the raised knee a little bent and the leg lower, so the "
                "stretch is gentler.",
                "ladder": -1,
                "safety_note": "The stretch should stay in the back of the thigh, not "
                "behind the knee.",
            },
            {
                "name": "Other leg straight",
                "drawing": "lying-hamstring-stretch-other-leg-straight",
                "changes": "Straighten the leg on the floor along the mat as well, so the "
                "raised leg stretches a little more.",
                "ladder": 1,
                "safety_note": "Keep your lower back resting on the floor; bend the floor "
                "leg again if your back arches.",
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
        "description": "Walk around for a few minutes first to warm up. Then hug your "
        "knees in, let them fall to one side, bring them back to the middle, then let "
        "them fall to the other side. The whole cycle is done three times. The article's "
        "author, a physiotherapist, finds that moving in and out of the twist like this "
        "gives the back a gentle pumping action that brings blood in and helps it loosen "
        "up. If the twist feels like too much, try the gentle basics, with knee rolls.",
        "steps": SPINAL_TWIST_CYCLE,
    },
    {
        "slug": "full-lower-back",
        "title": "Full lower back routine",
        "level": 2,
        "description": "Walk around for a few minutes first to warm up. Then every stretch "
        "from the article in one session: side bends, both hamstring "
        "stretches, a kneeling lunge, pigeon pose, foam rolling and the spinal"
        " twist cycle. In the author's view, a sore lower back eases once "
        "tight muscles that tug the pelvis out of line are freed up; that is "
        "one physiotherapist's explanation, while the guidance on low back "
        "pain supports staying active and exercising in general. For more, "
        "look for Glan Azar's video of stretches that loosen the lower back, "
        "and the one by physiotherapist Gavin Morrison, author of 7 Secrets of"
        " Back Pain, on the stretches he finds best for quick relief when the "
        "lower back is sore and stiff.",
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
                "cue": "Tuck your tailbone under and keep your back tall",
            },
            {
                "exercise": "pigeon-pose",
                "hold_seconds": 30,
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
                "cue": "Roll your upper back down to your ribs, then your glutes",
            },
            *SPINAL_TWIST_CYCLE,
        ],
    },
    {
        "slug": "first-day-gentle",
        "title": "First day, gently",
        "level": 1,
        "description": "Walk around for a few minutes first, if you can. Then a short, "
        "easy start for a sore back, with only a mat. You sit once and then lie down, "
        "using the gentlest version of each pose. If it goes well, try the spinal twist "
        "cycle or the full routine on another day, and see the videos by Glan Azar and "
        "Gavin Morrison that the full routine mentions.",
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
                "variation": "Knees on a pillow",
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
    {
        "slug": "gentle-basics",
        "title": "Gentle basics",
        "level": 1,
        "description": "Walk around for a few minutes first to warm up. Then five gentle "
        "movements a physiotherapist would often start with, about seven "
        "minutes in all with the time to get ready for each: pelvic tilts, "
        "knee rolls and a lying hamstring stretch on your back, then cat–cow "
        "and bottom-to-heels on your hands and knees. You need a mat, and a "
        "strap, belt or towel. These are not from the article: they are the "
        "basics we added to it.",
        # On your back first, then onto your hands and knees once; the resting stretch last.
        "steps": [
            {
                "exercise": "pelvic-tilt",
                "hold_seconds": 5,
                "rounds": 6,
                "rest_seconds": 5,
                "cue": "Breathe out and press your lower back gently down",
            },
            {
                "exercise": "knee-rolls",
                "hold_seconds": 5,
                "side": "both",
                "rounds": 5,
                "cue": "Let your knees roll only as far as feels easy",
            },
            {
                "exercise": "lying-hamstring-stretch",
                "hold_seconds": 30,
                "side": "both",
                "rest_seconds": 5,
                "cue": "Let the strap help; don't pull hard",
            },
            {
                "exercise": "cat-cow",
                "hold_seconds": 10,
                "rounds": 5,
                "cue": "Round up as you breathe out, dip gently as you breathe in",
            },
            {
                "exercise": "bottom-to-heels",
                "hold_seconds": 30,
                "rounds": 2,
                "rest_seconds": 10,
                "cue": "Sit back only as far as is comfortable",
            },
        ],
    },
]


# The conditions the player understands (the check first), as (slug, name, explanation).
CONDITIONS = [
    (
        "osteoporosis",
        "Osteoporosis or a spinal fracture",
        "Bones that break more easily (osteoporosis, or osteopenia you have been told to "
        "be careful with), or a fracture in your spine at any time.",
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
        "A narrowing of the spinal canal, or a vertebra that has slipped forward, as a "
        "doctor has told you.",
    ),
    (
        "blood-thinners",
        "Blood thinners",
        "You take a medicine that thins the blood (an anticoagulant such as warfarin, "
        "apixaban or rivaroxaban).",
    ),
]


# What each exercise or variation means for a condition; the player acts on these, while
# each exercise's "when not to do it" says the same in the editors' own words. A rule on
# the exercise (no variation) also covers its variations without a rule of their own.
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


# What "left side" means for each sided exercise (`Exercise.side_words`; migration 0007
# sets the same words on existing installs). The pictures show the left side.
SIDE_WORDS = {
    "supine-spinal-twist": "let your knees fall to your {side}",
    "knee-rolls": "let your knees roll to your {side}",
    "standing-side-bend": "bend to your {side}, the other arm reaching over",
    "kneeling-lunge": "your {side} knee down, stretching the front of that hip",
    "knees-to-chest-hug": "draw your {side} knee in",
    "lying-hamstring-stretch": "your {side} leg up in the strap",
    "pigeon-pose": "your {side} knee forward, the other leg back",
}


def load(get_model):
    """Add the starter library's missing exercises, variations and routines.

    `get_model(app_label, model_name)` is a migration's `apps.get_model` or
    `django.apps.apps.get_model`; only model fields are used, so historical models work.
    """
    exercise_model = get_model("stretches", "Exercise")
    variation_model = get_model("stretches", "Variation")
    routine_model = get_model("stretches", "Routine")
    step_model = get_model("stretches", "RoutineStep")

    for order, (slug, name, explanation) in enumerate(CONDITIONS, start=1):
        condition_model = get_model("stretches", "Condition")
        if not condition_model.objects.filter(Q(slug=slug) | Q(name=name)).exists():
            condition_model.objects.create(
                slug=slug, name=name, explanation=explanation, order=order
            )

    for data in EXERCISES:
        fields = {key: value for key, value in data.items() if key != "variations"}
        fields["instructions"] = "\n".join(data["instructions"])
        # Migrations before 0007 have no side_words: only a model that has it gets them.
        if any(field.name == "side_words" for field in exercise_model._meta.get_fields()):
            fields["side_words"] = SIDE_WORDS.get(data["slug"], "")
        exercise = exercise_model.objects.filter(slug=data["slug"]).first()
        if exercise is None:
            exercise = exercise_model.objects.create(**fields)
        for variation in data["variations"]:
            taken = exercise.variations.filter(name=variation["name"]).exists() or (
                exercise.variations.filter(ladder=variation["ladder"]).exists()
            )
            # An editor may have put their own variation on this rung; theirs stays.
            if not taken:
                variation = dict(variation)
                variation["instructions"] = "\n".join(variation.get("instructions", ()))
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

    _load_rules(get_model)


def _load_rules(get_model):
    """Add the rules whose exercise, variation and condition exist and have no rule yet."""
    rule_model = get_model("stretches", "CautionRule")
    exercises = get_model("stretches", "Exercise").objects
    conditions = get_model("stretches", "Condition").objects
    for exercise_slug, variation_name, condition_slug, action, instead_name in RULES:
        exercise = exercises.filter(slug=exercise_slug).first()
        condition = conditions.filter(slug=condition_slug).first()
        if exercise is None or condition is None:
            continue
        variation = (
            exercise.variations.filter(name=variation_name).first() if variation_name else None
        )
        if variation_name and variation is None:
            continue
        instead = exercise.variations.filter(name=instead_name).first() if instead_name else None
        if not rule_model.objects.filter(
            exercise=exercise, variation=variation, condition=condition
        ).exists():
            rule_model.objects.create(
                exercise=exercise,
                variation=variation,
                condition=condition,
                action=action,
                instead=instead,
            )
