"""The safety review of the starter library (issue 8), as one migration.

- Adds `Exercise.beyond_article`, for content that is our own rather than the article's.
- Updates each shipped field only where it still holds exactly the text that 0002 shipped:
  anything an editor has changed stays as they left it. The old and the new text are both
  written out below, so later edits to stretches/starter_library.py cannot change what this
  migration does.
- Creates the new exercises, variations and the "Gentle basics" routine only where missing.

Reversing it puts back the old text where a field still holds the new text; it leaves the
created exercises and routine in place (an editor may already be using them).
"""

from django.db import migrations, models

# {exercise slug: {field: {"old": shipped in 0002, "new": after the review}}}
EXERCISE_UPDATES = {
    "knees-to-chest-hug": {
        "why_it_helps": {
            "old": "Drawing the knees in lets the lower back round and lengthen softly. Where "
            "muscles are tight or inflamed, gentle stretching like this helps them relax, "
            "brings more blood to the back, and can stop extra pressure building up on the "
            "spine. In the spinal twist cycle you come back to this hug between the two "
            "sides, so the back moves in and out of the twist in a slow rhythm.",
            "new": "Drawing the knees in lets the lower back round and lengthen softly. The "
            "article's author, a physiotherapist, uses it to start the spinal twist and as "
            "the resting point between its two sides, so the back moves in and out of the "
            "twist in a slow rhythm. In the author's view, gentle stretching like this helps "
            "tight muscles relax and brings blood to the back; the guidance on low back pain "
            "supports exercise in general rather than any one way it works.",
        },
        "safety_notes": {
            "old": "Move slowly and keep breathing. Pull gently, not hard. Stop if the pain is "
            "sharp, shoots down a leg, or brings numbness or tingling.",
            "new": "Move slowly, don't bounce, and keep breathing. Pull gently, not hard. Stop if "
            "the pain is sharp, shoots down a leg, or brings numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it after recent back or hip surgery, unless your surgeon says it is fine. Skip "
            "it if your back pain is getting worse, came from a fall or an accident, or comes "
            "with numbness, weakness in a leg, fever, or trouble with your bladder or bowels. "
            "See a doctor or a physical therapist first.",
            "new": "Skip it after recent back or hip surgery, unless your surgeon says it is fine. "
            "After a hip replacement, ask your surgeon or physiotherapist first. If you have "
            "osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist "
            "first. If you are pregnant, ask your midwife or physiotherapist first: lying flat "
            "on your back for long is not advised later in pregnancy.",
        },
    },
    "supine-spinal-twist": {
        "why_it_helps": {
            "old": "A physical therapist who treats back pain counts it as one of two favourite "
            "yoga poses, well worth doing often. It is easy and calming, and it sends extra "
            "blood to the back's joints and muscles. Done as a cycle, with a knees-to-chest "
            "hug between the sides, it gives the back a gentle pumping action that brings "
            "blood in and helps loosen things up.",
            "new": "The article's author, a physiotherapist who treats back pain, counts it as one "
            "of two favourite yoga poses: easy, calming, and worth doing often. Done as a "
            "cycle, with a knees-to-chest hug between the sides, the author finds it gives "
            "the back a gentle pumping action that brings blood to the area and helps "
            "loosen things up. Take that as one physiotherapist's experience; what the "
            "guidance on low back pain supports is exercise in general.",
        },
        "safety_notes": {
            "old": "Twist slowly and only as far as is comfortable. Keep your shoulders down and "
            "breathe. Stop if the pain is sharp, shoots down a leg, or brings numbness or "
            "tingling.",
            "new": "Twist slowly and only as far as is comfortable. Keep your shoulders down. "
            "Don't bounce, and keep breathing. Stop if the pain is sharp, shoots down a "
            "leg, or brings numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it after recent back surgery, or if you have been told to avoid twisting. "
            "Skip it if your back pain is getting worse, came from a fall or an accident, or "
            "comes with numbness, weakness in a leg, fever, or trouble with your bladder or "
            "bowels. See a doctor or a physical therapist first.",
            "new": "Skip it after recent back surgery, or if you have been told to avoid twisting. If "
            "you have osteoporosis or have had a spinal fracture, ask your doctor or "
            "physiotherapist first. After a hip replacement, ask your surgeon or "
            "physiotherapist first. If the full twist is too much, try knee rolls, with your "
            "feet on the floor. If you are pregnant, ask your midwife or physiotherapist first: "
            "lying flat on your back for long is not advised later in pregnancy.",
        },
    },
    "pigeon-pose": {
        "instructions": {
            "old": "Start on your hands and knees.\n"
            "Bring one knee forward behind your wrist, with that shin across the mat.\n"
            "Slide the other leg straight back, with the top of the foot on the floor.\n"
            "Keep your hips level and your weight spread evenly.\n"
            "Stay up on your hands, or lower onto your forearms if that feels fine.\n"
            "Breathe slowly, then come back to your hands and knees to swap legs.",
            "new": "Start on your hands and knees on a mat.\n"
            "Bring one knee forward behind your wrist, with that foot tucked in near your other hip "
            "rather than out across the mat.\n"
            "Bend that foot back towards your shin (flex it): this protects your knee.\n"
            "Slide the other leg straight back, with the top of the foot on the floor.\n"
            "Put a cushion or folded blanket under the hip of your front leg, so your hips stay "
            "level.\n"
            "Stay up on your hands, or lower onto your forearms if that feels fine.\n"
            "Breathe slowly, then come back to your hands and knees to swap legs.",
        },
        "why_it_helps": {
            "old": "It is the other of those two favourite yoga poses: simple, and worth doing often. Like "
            "the spinal twist, it is relaxing and brings extra blood to the joints and muscles. "
            "Yoga has many more poses, and other benefits for your health as well.",
            "new": "It is the other of the author's two favourite yoga poses: simple, relaxing, and worth "
            "doing often. It stretches the outside of the hip and the glutes, which often feel "
            "tight when the lower back is sore. The author finds it brings extra blood to the "
            "joints and muscles; take that as one physiotherapist's view.",
        },
        "safety_notes": {
            "old": "Go in slowly. You should feel a stretch in the hip, never a pain in the knee. Keep "
            "breathing. Stop if the pain is sharp, shoots down a leg, or brings numbness or "
            "tingling.",
            "new": "Go in slowly. Feel the stretch in the hip, never in the knee. Don't bounce, and keep "
            "breathing. Stop if the pain is sharp, shoots down a leg, or brings numbness or "
            "tingling.",
        },
        "avoid_if": {
            "old": "Skip it if you have had a hip replacement, or if you have a knee injury or knee pain. Use "
            "the reclined figure-four instead, if it is comfortable. Skip it if your back pain is "
            "getting worse, came from a fall or an accident, or comes with numbness, weakness in a leg, "
            "fever, or trouble with your bladder or bowels. See a doctor or a physical therapist first.",
            "new": "Skip it if you have a knee injury or knee pain. After a hip replacement, ask your surgeon "
            "or physiotherapist first, and the same for the reclined figure-four, which also crosses "
            "the leg with the hip bent. If you are pregnant, ask your midwife or physiotherapist "
            "first.",
        },
    },
    "standing-side-bend": {
        "why_it_helps": {
            "old": "Bending to the side stretches the muscles along the side of the trunk and the "
            "lower back. A short hold is enough to ease some stiffness.",
            "new": "Bending to the side stretches the muscles along the side of the trunk and the "
            "lower back. The author finds a short hold often just feels good, and gives "
            "patients harder versions depending on what each person can manage.",
        },
        "safety_notes": {
            "old": "Bend straight to the side and only as far as is comfortable. Breathe. Stop if "
            "the pain is sharp, shoots down a leg, or brings numbness or tingling.",
            "new": "Bend straight to the side and only as far as is comfortable. Don't bounce, and "
            "keep breathing. Stop if the pain is sharp, shoots down a leg, or brings "
            "numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it if standing makes you dizzy or unsteady; try the seated side bend instead. "
            "Skip it if your back pain is getting worse, came from a fall or an accident, or "
            "comes with numbness, weakness in a leg, fever, or trouble with your bladder or "
            "bowels. See a doctor or a physical therapist first.",
            "new": "Skip it if standing makes you dizzy or unsteady; try the seated side bend instead. "
            "If you are pregnant, ask your midwife or physiotherapist first.",
        },
    },
    "standing-forward-bend": {
        "why_it_helps": {
            "old": "Few people think of stretching their legs when their back hurts, yet tight "
            "hamstrings often go with lower back pain. The hamstrings join onto the "
            "pelvis by a tendon, and they are linked to the muscles of the lower back by "
            "fascia. When they are tight they can pull the pelvis out of line, which "
            "loads the lower back's joints and muscles more heavily.",
            "new": "Few people think of stretching their legs when their back hurts, yet the "
            "author often finds tight hamstrings in people with lower back pain. The "
            "hamstrings join onto the pelvis by a tendon and are linked to the lower "
            "back's muscles by fascia. The author's view is that tight hamstrings can "
            "pull the pelvis out of line and load the lower back's joints and muscles; "
            "that is one explanation rather than a settled fact.",
        },
        "safety_notes": {
            "old": "Fold slowly and let your arms hang. Do not bounce. Bend your knees to come "
            "up. Stop if the pain is sharp, shoots down a leg, or brings numbness or "
            "tingling.",
            "new": "Fold slowly and let your arms hang. Don't bounce, and keep breathing. Bend "
            "your knees to come up. Stop if the pain is sharp, shoots down a leg, or "
            "brings numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it if bending forward makes your pain worse, if you feel dizzy when you "
            "bend down, or after recent back surgery. Skip it if your back pain is getting "
            "worse, came from a fall or an accident, or comes with numbness, weakness in a "
            "leg, fever, or trouble with your bladder or bowels. See a doctor or a physical "
            "therapist first.",
            "new": "Skip it if bending forward makes your pain worse, if you feel dizzy when you "
            "bend down, or after recent back surgery. If you have osteoporosis or have had a "
            "spinal fracture, ask your doctor or physiotherapist first. After a hip "
            "replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask "
            "your midwife or physiotherapist first.",
        },
    },
    "seated-hamstring-stretch": {
        "why_it_helps": {
            "old": "Sitting down is the second easy route to the hamstrings. People with a "
            "sore lower back often have tight hamstrings too, because of their tendon "
            "on the pelvis and the fascia that links them to the low back muscles. "
            "Tight hamstrings can tip the pelvis out of line and load the lower back; "
            "loosening them takes some of that pressure off.",
            "new": "Sitting down is the article's second easy route to the hamstrings. The "
            "author often finds tight hamstrings with a sore lower back, and puts it "
            "down to their tendon on the pelvis and the fascia that links them to the "
            "lower back's muscles. In the author's view, loosening them takes some "
            "pressure off the lower back.",
        },
        "safety_notes": {
            "old": "Reach only as far as is comfortable. Do not bounce or pull yourself down. "
            "Stop if the pain is sharp, shoots down a leg, or brings numbness or "
            "tingling.",
            "new": "Reach only as far as is comfortable. Don't bounce or pull yourself down, "
            "and keep breathing. Stop if the pain is sharp, shoots down a leg, or "
            "brings numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it if bending forward makes your pain worse, or after recent back "
            "surgery. Skip it if your back pain is getting worse, came from a fall or an "
            "accident, or comes with numbness, weakness in a leg, fever, or trouble with "
            "your bladder or bowels. See a doctor or a physical therapist first.",
            "new": "Skip it if bending forward makes your pain worse, or after recent back "
            "surgery. If you have osteoporosis or have had a spinal fracture, ask your "
            "doctor or physiotherapist first. After a hip replacement, ask your surgeon or "
            "physiotherapist first. If you are pregnant, ask your midwife or "
            "physiotherapist first.",
        },
    },
    "kneeling-lunge": {
        "summary": {
            "old": "The easiest stretch for the front of the thigh: kneel on one knee with the other foot in "
            "front, and keep your back tall.",
            "new": "The easiest stretch for the front of the hip and thigh: kneel on one knee with the other "
            "foot in front, and keep your back tall.",
        },
        "instructions": {
            "old": "Kneel on the mat on one knee, with the other foot flat in front of you.\n"
            "Keep your back straight and tall, chest lifted.\n"
            "Shift your weight gently forward until you feel a stretch in the front of the back "
            "thigh.\n"
            "Keep your front knee above your ankle, and breathe.\n"
            "Come back slowly, then change legs.",
            "new": "Kneel on the mat on one knee, with the other foot flat in front of you.\n"
            "Hold a chair or a wall beside you if you feel unsteady.\n"
            "Tuck your tailbone under, so your lower back does not arch.\n"
            "Keep your back tall and shift your weight gently forward until you feel a stretch "
            "at the front of the back hip and thigh.\n"
            "Keep your front knee above your ankle, and breathe.\n"
            "Come back slowly, then change legs.",
        },
        "why_it_helps": {
            "old": "The front thigh muscles (the quads) join onto the pelvis and are linked to it by "
            "fascia, much like the hamstrings. When they are tight, they can pull the pelvis out "
            "of line and add to lower back pain.",
            "new": "This stretches the hip flexors at the front of the hip and one of the four "
            "quadriceps muscles, the rectus femoris: it is the only one that crosses the hip and "
            "joins onto the pelvis. The author's view is that when these are tight they can pull "
            "the pelvis out of line and add to lower back pain. Tucking your tailbone under is "
            "what takes the stretch to them instead of into your lower back.",
        },
        "target_areas": {
            "old": "quadriceps, hip flexors, lower back",
            "new": "hip flexors, quadriceps, lower back",
        },
        "safety_notes": {
            "old": "Keep your back tall and move gently. Hold a chair or a wall if you feel unsteady. "
            "Stop if the pain is sharp, shoots down a leg, or brings numbness or tingling.",
            "new": "Keep your tailbone tucked and your back tall; don't arch your lower back. Move "
            "gently, don't bounce, and keep breathing. Stop if the pain is sharp, shoots down a "
            "leg, or brings numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it if kneeling hurts your knee, or after recent knee or hip surgery. Skip it if "
            "your back pain is getting worse, came from a fall or an accident, or comes with "
            "numbness, weakness in a leg, fever, or trouble with your bladder or bowels. See a "
            "doctor or a physical therapist first.",
            "new": "Skip it if kneeling hurts your knee, or after recent knee or hip surgery. After a hip "
            "replacement, ask your surgeon or physiotherapist first. If you are pregnant, ask your "
            "midwife or physiotherapist first.",
        },
    },
    "foam-rolling-back": {
        "summary": {
            "old": "Not quite a stretch: lie on a foam roller and roll slowly to ease knots and tight "
            "spots in the muscles of your lower and upper back.",
            "new": "Not quite a stretch: roll slowly on a foam roller to ease knots and tight spots in "
            "your upper back, and in your glutes for the lower back. You never roll the lower back "
            "itself.",
        },
        "instructions": {
            "old": "Sit on the mat with the foam roller behind you.\n"
            "Lie back so the roller is across your back, with your knees bent and feet flat.\n"
            "Lift your hips a little and use your feet to roll slowly up and down.\n"
            "Pause on a tight spot for a few breaths.\n"
            "Roll your lower back and your upper back, then roll off to one side.",
            "new": "Sit on the mat with the foam roller behind you.\n"
            "Lie back so the roller is across your shoulder blades, with your knees bent and "
            "feet flat.\n"
            "Lift your hips a little and use your feet to roll slowly down to the bottom of "
            "your ribs, then back up. Stop there: do not roll your lower back.\n"
            "Pause on a tight spot for a few breaths.\n"
            "For the lower back, roll your glutes instead: sit on the roller, lean towards "
            "one side and roll slowly, then the other side.\n"
            "Roll off to one side to get up.",
        },
        "why_it_helps": {
            "old": "Rolling slowly over tight spots can help smooth out knots in the muscles of both "
            "the lower and the upper back. A high-density roller is worth it: it is firmer "
            "and lasts longer, so you get more for your money.",
            "new": "The author finds foam rolling can help work out knots and kinks in the back. "
            "Rolling the lower spine itself is commonly advised against, so here you roll the "
            "upper back and, for the lower back, the glutes, which often feel tight when the "
            "lower back is sore. The author recommends a high-density roller: it is firmer "
            "and lasts longer, so you get more for your money.",
        },
        "target_areas": {"old": "lower back, upper back", "new": "upper back, glutes"},
        "safety_notes": {
            "old": "Roll slowly on the muscles, not on the bones. Use less pressure over the lower "
            "back. Stop if the pain is sharp, shoots down a leg, or brings numbness or "
            "tingling.",
            "new": "Roll slowly on the muscles, not on the bones, and stop at the bottom of your "
            "ribs. Don't bounce, and keep breathing. Stop if the pain is sharp, shoots down a "
            "leg, or brings numbness or tingling.",
        },
        "avoid_if": {
            "old": "Skip it if you have osteoporosis, a recent injury or surgery to your back, or if "
            "lying on the roller hurts. Skip it if your back pain is getting worse, came from a "
            "fall or an accident, or comes with numbness, weakness in a leg, fever, or trouble "
            "with your bladder or bowels. See a doctor or a physical therapist first.",
            "new": "Skip it if you have osteoporosis, spinal stenosis, spondylolisthesis, or disc "
            "trouble with pain down a leg; if you take blood thinners; if you are pregnant; after "
            "a recent injury or surgery to your back; or if lying on the roller hurts.",
        },
    },
}

# {exercise slug: {variation name: {field: {"old": ..., "new": ...}}}}
VARIATION_UPDATES = {
    "knees-to-chest-hug": {
        "One knee at a time": {
            "safety_note": {"old": "", "new": "Keep the foot on the floor flat and relaxed."}
        }
    },
    "supine-spinal-twist": {
        "Knees on a pillow": {
            "safety_note": {"old": "", "new": "Let the pillow take the weight of your legs."}
        }
    },
    "standing-side-bend": {
        "Seated side bend": {
            "safety_note": {"old": "", "new": "Keep both feet flat and sit tall between bends."}
        },
        "Holding a light weight": {
            "changes": {
                "old": "Hold a light weight in one hand, about three pounds "
                "(about 1.4 kg), to deepen the stretch. Bend away from "
                "that hand.",
                "new": "Hold a light weight, about three pounds (about 1.4 kg), "
                "in the hand on the side you bend towards, with that arm "
                "hanging straight down. Let the weight draw you gently "
                "down that side, then come back up. Swap hands to change "
                "sides.",
            },
            "safety_note": {
                "old": "Keep the weight light: too much weight can make an injury worse.",
                "new": "Keep the weight light: the author warns that extra "
                "weight can aggravate an injury. Never add the weight "
                "to the twist or the forward-bend versions.",
            },
        },
        "With a mild twist": {
            "safety_note": {
                "old": "Keep the turn small and slow.",
                "new": "Keep the turn small and slow, and never hold a weight for it.",
            }
        },
        "With a forward bend": {
            "safety_note": {
                "old": "Bend forward only a little, and come up slowly.",
                "new": "Bend forward only a little, come up slowly, and never "
                "hold a weight for it.",
            }
        },
    },
    "standing-forward-bend": {
        "Soft knees, hands on thighs": {
            "safety_note": {"old": "", "new": "Keep your back long, and come up slowly."}
        }
    },
    "seated-hamstring-stretch": {
        "With a towel or strap": {
            "safety_note": {
                "old": "",
                "new": "Let the strap help you; don't use it to pull yourself down.",
            }
        },
        "Knees bent": {
            "safety_note": {"old": "", "new": "Sit tall rather than rounding your back to reach."}
        },
    },
    "kneeling-lunge": {
        "Cushion under the back knee": {
            "safety_note": {
                "old": "",
                "new": "Keep your hand on the chair the whole time if your balance is unsure.",
            }
        },
        "Reach back for the back foot": {
            "changes": {
                "old": "If you are more flexible, reach back and hold the foot "
                "of the leg you are kneeling on. Draw it gently in "
                "towards your glutes.",
                "new": "If you are more flexible, loop a strap or towel around "
                "the foot of the leg you are kneeling on, and hold a "
                "chair with your other hand. Use the strap to draw the "
                "foot gently in towards your glutes.",
            },
            "safety_note": {
                "old": "Only if you are fairly flexible. Stop if your knee hurts.",
                "new": "Only if you are fairly flexible. Keep your tailbone "
                "tucked, use the strap rather than grabbing the "
                "foot, and stop if your knee hurts.",
            },
        },
    },
    "foam-rolling-back": {
        "Against a wall": {
            "changes": {
                "old": "Stand with the roller between your back and a wall. Bend and "
                "straighten your knees to roll; you control the pressure.",
                "new": "Stand with the roller between your upper back and a wall. Bend and "
                "straighten your knees to roll, between your shoulder blades and "
                "the bottom of your ribs; you control the pressure.",
            },
            "safety_note": {"old": "", "new": "Keep the roller above the bottom of your ribs."},
        }
    },
}

# {routine slug: {field: {"old": ..., "new": ...}}}
ROUTINE_UPDATES = {
    "spinal-twist-cycle": {
        "description": {
            "old": "Hug your knees in, let them fall to one side, bring them back to the middle, "
            "then let them fall to the other side. The whole cycle is done three times. "
            "Moving in and out of the twist like this pumps extra blood into the back's "
            "joints and muscles and helps them loosen up.",
            "new": "Walk around for a few minutes first to warm up. Then hug your knees in, let them "
            "fall to one side, bring them back to the middle, then let them fall to the other "
            "side. The whole cycle is done three times. The article's author, a "
            "physiotherapist, finds that moving in and out of the twist like this gives the "
            "back a gentle pumping action that brings blood in and helps it loosen up. If the "
            "twist feels like too much, try the gentle basics, with knee rolls.",
        }
    },
    "full-lower-back": {
        "description": {
            "old": "Every stretch from the article in one session: side bends, both hamstring "
            "stretches, a kneeling lunge, pigeon pose, foam rolling and the spinal twist cycle. "
            "The aim is to loosen the muscles that pull the pelvis out of line, which is the key "
            "to easing lower back pain. For more, look for Glan Azar's video of stretches that "
            "loosen the lower back, and the one by physical therapist Gavin Morrison, author of "
            "7 Secrets of Back Pain, on the stretches he finds best for quick relief when the "
            "lower back is sore and stiff.",
            "new": "Walk around for a few minutes first to warm up. Then every stretch from the article "
            "in one session: side bends, both hamstring stretches, a kneeling lunge, pigeon "
            "pose, foam rolling and the spinal twist cycle. The author's view is that the key to "
            "easing lower back pain is loosening the muscles that pull the pelvis out of line; "
            "that is one physiotherapist's explanation, while the guidance on low back pain "
            "supports staying active and exercising in general. For more, look for Glan Azar's "
            "video of stretches that loosen the lower back, and the one by physiotherapist Gavin "
            "Morrison, author of 7 Secrets of Back Pain, on the stretches he finds best for "
            "quick relief when the lower back is sore and stiff.",
        }
    },
    "first-day-gentle": {
        "description": {
            "old": "A short, easy start for a sore back, with only a mat. You sit once and then lie "
            "down, using the gentlest version of each pose. If it goes well, try the spinal "
            "twist cycle or the full routine on another day, and see the videos by Glan Azar "
            "and Gavin Morrison that the full routine mentions.",
            "new": "Walk around for a few minutes first, if you can. Then a short, easy start for a "
            "sore back, with only a mat. You sit once and then lie down, using the gentlest "
            "version of each pose. If it goes well, try the spinal twist cycle or the full "
            "routine on another day, and see the videos by Glan Azar and Gavin Morrison that "
            "the full routine mentions.",
        }
    },
}

# Steps are found by routine and exercise (an editor may have reordered them), and only a
# step whose field still holds the old value is changed.
STEP_UPDATES = [
    {
        "routine": "full-lower-back",
        "exercise": "kneeling-lunge",
        "field": "cue",
        "old": "Keep your back tall",
        "new": "Tuck your tailbone under and keep your back tall",
    },
    {
        "routine": "full-lower-back",
        "exercise": "pigeon-pose",
        "field": "hold_seconds",
        "old": 45,
        "new": 30,
    },
    {
        "routine": "full-lower-back",
        "exercise": "foam-rolling-back",
        "field": "cue",
        "old": "Roll slowly over your lower and upper back",
        "new": "Roll your upper back down to your ribs, then your glutes",
    },
]

# New variations of exercises that 0002 shipped.
NEW_VARIATIONS = []

# Beyond the article: the gentle basics a physiotherapist would expect.
NEW_EXERCISES = [
    {
        "slug": "knee-rolls",
        "name": "Knee rolls",
        "kind": "mobility",
        "beyond_article": True,
        "summary": "The gentle form of the spinal twist: lying on your back with your feet on the floor, let your knees roll slowly "
        "from side to side.",
        "instructions": (
            "Lie on your back on a mat, knees bent and feet flat on the floor, together.",
            "Rest your arms out to the sides.",
            "Let both knees roll slowly to one side, only as far as feels easy.",
            "Keep both shoulders on the floor, and breathe.",
            "Bring your knees back to the middle, then roll them to the other side.",
        ),
        "why_it_helps": "It turns the lower back through a small twist while your feet on the floor take the weight of your legs. "
        "Physiotherapists often suggest it for a stiff back because it keeps the back moving without strain. It is a "
        "good way in before the full spinal twist.",
        "target_areas": "lower back, hips",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Roll slowly, and only a small way at first. Don't bounce, and keep breathing. Stop if the pain is sharp, "
        "shoots down a leg, or brings numbness or tingling.",
        "avoid_if": "Skip it after recent back surgery, or if you have been told to avoid twisting. If you have osteoporosis or have "
        "had a spinal fracture, ask your doctor or physiotherapist first. After a hip replacement, ask your surgeon or "
        "physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first: lying flat on your back "
        "for long is not advised later in pregnancy.",
        "variations": [
            {
                "name": "Knees lifted",
                "changes": "Lift your feet off the floor, knees bent at a right angle above your hips, and roll your knees "
                "slowly from side to side.",
                "ladder": 1,
                "safety_note": "Keep the roll small: your stomach muscles work harder here. Put your feet back down if your "
                "back complains.",
            }
        ],
    },
    {
        "slug": "pelvic-tilt",
        "name": "Pelvic tilt",
        "kind": "mobility",
        "beyond_article": True,
        "summary": "Lying on your back with your knees bent, gently press your lower back towards the floor by tilting your pelvis, "
        "then let it go.",
        "instructions": (
            "Lie on your back on a mat, knees bent and feet flat, hip-width apart.",
            "Let your lower back rest in its natural curve.",
            "As you breathe out, gently tighten your stomach muscles and tilt your pelvis so your lower back presses "
            "softly into the floor.",
            "Hold for a few seconds, breathing normally.",
            "Relax back to where you started, and repeat.",
        ),
        "why_it_helps": "It moves the lower back through a small, controlled range and wakes up the stomach muscles that support it. "
        "Physiotherapists often use it as a first exercise for a sore back, because it is small and easy to control.",
        "target_areas": "lower back, stomach muscles, pelvis",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Keep the movement small and smooth. Don't push hard, don't bounce, and keep breathing. Stop if the pain is "
        "sharp, shoots down a leg, or brings numbness or tingling.",
        "avoid_if": "Skip it after recent back surgery, unless your surgeon says it is fine. If you are pregnant, ask your midwife or "
        "physiotherapist first: lying flat on your back for long is not advised later in pregnancy.",
        "variations": [
            {
                "name": "Sitting on a chair",
                "changes": "Sit on a firm chair with your feet flat. Slowly roll your pelvis back so your lower back rounds a "
                "little, then forward so it arches a little.",
                "ladder": -1,
                "equipment": "none",
                "safety_note": "Keep it small and slow, and sit tall in between.",
            },
            {
                "name": "Into a small bridge",
                "changes": "After the tilt, press through your feet and peel your bottom a little way off the floor, then "
                "lower it slowly, one part of your back at a time.",
                "ladder": 1,
                "safety_note": "Lift only a little way, and don't arch your back at the top.",
            },
        ],
    },
    {
        "slug": "cat-cow",
        "name": "Cat–cow",
        "kind": "mobility",
        "beyond_article": True,
        "summary": "On your hands and knees, slowly round your back up like a cat, then let it dip gently, in time with your breath.",
        "instructions": (
            "Kneel on a mat on your hands and knees, hands under your shoulders and knees under your hips.",
            "Breathe out and slowly round your back up towards the ceiling, letting your head drop.",
            "Breathe in and let your back dip gently, lifting your head a little.",
            "Move only as far as is comfortable each way.",
            "Keep moving slowly between the two, in time with your breath.",
        ),
        "why_it_helps": "It moves the whole spine gently one way and then the other, with your hands and knees taking your weight. "
        "Physiotherapists often use it to ease stiffness and get a back moving again.",
        "target_areas": "lower back, middle back, neck",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Move slowly and smoothly, within a comfortable range. Don't bounce, and keep breathing. Stop if the pain is "
        "sharp, shoots down a leg, or brings numbness or tingling.",
        "avoid_if": "Skip it if kneeling hurts your knees or leaning on your hands hurts your wrists; try the seated version instead. "
        "If you have osteoporosis or have had a spinal fracture, ask your doctor or physiotherapist first. If you are "
        "pregnant, ask your midwife or physiotherapist first.",
        "variations": [
            {
                "name": "Seated cat–cow",
                "changes": "Sit on a firm chair with your hands on your knees. Round your back as you breathe out, then sit "
                "tall and lift your chest as you breathe in.",
                "ladder": -1,
                "equipment": "none",
                "safety_note": "Keep your feet flat on the floor and move slowly.",
            }
        ],
    },
    {
        "slug": "bottom-to-heels",
        "name": "Bottom-to-heels (child's pose)",
        "kind": "stretch",
        "beyond_article": True,
        "summary": "From your hands and knees, sit your bottom back towards your heels and rest, arms stretched out in front. Yoga "
        "calls it child's pose.",
        "instructions": (
            "Start on your hands and knees on a mat.",
            "Keep your hands where they are and slowly sit your bottom back towards your heels.",
            "Go only as far as is comfortable: your bottom does not have to reach your heels.",
            "Let your head and chest sink towards the floor, and breathe slowly.",
            "To come out, walk your hands back towards your knees and come up slowly.",
        ),
        "why_it_helps": "It lets the lower back round and lengthen gently while the floor takes your weight. Physiotherapists often "
        "suggest it as a resting stretch for a stiff lower back.",
        "target_areas": "lower back, glutes, hips, shoulders",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Sit back slowly and only as far as is comfortable. Don't bounce, and keep breathing. Stop if the pain is "
        "sharp, shoots down a leg, or brings numbness or tingling.",
        "avoid_if": "Skip it if kneeling or bending your knees fully hurts. After a hip or knee replacement, ask your surgeon or "
        "physiotherapist first. If you are pregnant, ask your midwife or physiotherapist first.",
        "variations": [
            {
                "name": "Cushion on your heels",
                "changes": "Put a cushion or folded blanket between your bottom and your heels, and another under your knees "
                "if they need it, so you do not sit so far back.",
                "ladder": -1,
                "safety_note": "Use as many cushions as you need to feel comfortable.",
            },
            {
                "name": "Hands walked to one side",
                "changes": "Once you are settled, walk both hands over to one side to stretch along the other side of your "
                "back. Come back to the middle, then go to the other side.",
                "ladder": 1,
                "safety_note": "Walk your hands slowly, keep your bottom back, and go only as far as is comfortable.",
            },
        ],
    },
    {
        "slug": "lying-hamstring-stretch",
        "name": "Lying hamstring stretch with a strap",
        "kind": "stretch",
        "beyond_article": True,
        "summary": "Lying on your back, loop a strap or towel around one foot and raise that leg until you feel a stretch in the back "
        "of the thigh. The floor supports your back.",
        "instructions": (
            "Lie on your back on a mat with both knees bent and your feet flat.",
            "Loop a strap, belt or towel around the sole of one foot and hold the ends.",
            "Straighten that leg up towards the ceiling, as far as is comfortable.",
            "Stop where you feel a gentle stretch in the back of the thigh.",
            "Keep your head and lower back resting on the floor, and breathe slowly.",
            "Bend the knee to lower the leg, then change legs.",
        ),
        "why_it_helps": "It stretches the hamstrings while your back rests on the floor, so your lower back does not have to bend. "
        "Physiotherapists often prefer it to reaching for your toes when the back is sore. The article's author often "
        "finds tight hamstrings in people with lower back pain.",
        "target_areas": "hamstrings, calves",
        "equipment": "mat",
        "difficulty": 1,
        "safety_notes": "Let the strap help the leg up; don't pull hard. Don't bounce, and keep breathing. Stop if the pain is sharp, "
        "shoots down a leg, or brings numbness or tingling.",
        "avoid_if": "Skip it if raising the leg sends pain down it. After a hip replacement, ask your surgeon or physiotherapist "
        "first. If you are pregnant, ask your midwife or physiotherapist first: lying flat on your back for long is not "
        "advised later in pregnancy.",
        "variations": [
            {
                "name": "Knee a little bent",
                "changes": "Keep the raised knee a little bent and the leg lower, so the stretch is gentler.",
                "ladder": -1,
                "safety_note": "The stretch should stay in the back of the thigh, not behind the knee.",
            },
            {
                "name": "Other leg straight",
                "changes": "Straighten the leg on the floor along the mat as well, so the raised leg stretches a little more.",
                "ladder": 1,
                "safety_note": "Keep your lower back resting on the floor; bend the floor leg again if your back arches.",
            },
        ],
    },
]

NEW_ROUTINES = [
    {
        "slug": "gentle-basics",
        "title": "Gentle basics",
        "level": 1,
        "description": "Walk around for a few minutes first to warm up. Then five gentle movements a physiotherapist would often start "
        "with, about five minutes in all: pelvic tilts, knee rolls and a lying hamstring stretch on your back, then "
        "cat–cow and bottom-to-heels on your hands and knees. You need a mat, and a strap, belt or towel. These are not "
        "from the article: they are the basics we added to it.",
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
    }
]


def _update(obj, changes, old="old", new="new"):
    """Set each field that still holds its `old` value to its `new` one."""
    changed = [field for field, values in changes.items() if getattr(obj, field) == values[old]]
    for field in changed:
        setattr(obj, field, changes[field][new])
    if changed:
        obj.save(update_fields=changed)


def _apply_updates(apps, old="old", new="new"):
    exercise_model = apps.get_model("stretches", "Exercise")
    variation_model = apps.get_model("stretches", "Variation")
    routine_model = apps.get_model("stretches", "Routine")
    step_model = apps.get_model("stretches", "RoutineStep")

    for slug, changes in EXERCISE_UPDATES.items():
        for exercise in exercise_model.objects.filter(slug=slug):
            _update(exercise, changes, old, new)
    for slug, variations in VARIATION_UPDATES.items():
        for name, changes in variations.items():
            for variation in variation_model.objects.filter(exercise__slug=slug, name=name):
                _update(variation, changes, old, new)
    for slug, changes in ROUTINE_UPDATES.items():
        for routine in routine_model.objects.filter(slug=slug):
            _update(routine, changes, old, new)
    for change in STEP_UPDATES:
        step_model.objects.filter(
            routine__slug=change["routine"],
            exercise__slug=change["exercise"],
            **{change["field"]: change[old]},
        ).update(**{change["field"]: change[new]})


def _add_variation(exercise, variation_model, data):
    # An editor may have put their own variation on this rung, or used the name: theirs stays.
    taken = exercise.variations.filter(name=data["name"]).exists() or (
        exercise.variations.filter(ladder=data["ladder"]).exists()
    )
    if not taken:
        variation_model.objects.create(exercise=exercise, **data)


def _create_missing(apps):
    exercise_model = apps.get_model("stretches", "Exercise")
    variation_model = apps.get_model("stretches", "Variation")
    routine_model = apps.get_model("stretches", "Routine")
    step_model = apps.get_model("stretches", "RoutineStep")

    for data in NEW_VARIATIONS:
        data = dict(data)
        exercise = exercise_model.objects.filter(slug=data.pop("exercise")).first()
        if exercise is not None:
            _add_variation(exercise, variation_model, data)

    for data in NEW_EXERCISES:
        fields = {key: value for key, value in data.items() if key != "variations"}
        fields["instructions"] = "\n".join(data["instructions"])
        exercise = exercise_model.objects.filter(slug=data["slug"]).first()
        if exercise is None:
            if exercise_model.objects.filter(name=data["name"]).exists():
                continue  # An editor already has an exercise of that name; leave theirs.
            exercise = exercise_model.objects.create(**fields)
        for variation in data["variations"]:
            _add_variation(exercise, variation_model, variation)

    for data in NEW_ROUTINES:
        if routine_model.objects.filter(slug=data["slug"]).exists():
            continue
        wanted = {step["exercise"] for step in data["steps"]}
        exercises = exercise_model.objects.in_bulk(wanted, field_name="slug")
        if len(exercises) != len(wanted):
            continue  # An exercise it needs is missing (see above): no half-built routine.
        fields = {key: value for key, value in data.items() if key != "steps"}
        routine = routine_model.objects.create(is_published=True, **fields)
        steps = []
        for order, step in enumerate(data["steps"], start=1):
            step = dict(step)
            exercise = exercises[step.pop("exercise")]
            variation_name = step.pop("variation", None)
            variation = (
                exercise.variations.filter(name=variation_name).first() if variation_name else None
            )
            steps.append(
                step_model(
                    routine=routine, order=order, exercise=exercise, variation=variation, **step
                )
            )
        step_model.objects.bulk_create(steps)


def review(apps, schema_editor):
    _apply_updates(apps)
    _create_missing(apps)


def undo_review(apps, schema_editor):
    _apply_updates(apps, old="new", new="old")


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0002_starter_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="beyond_article",
            field=models.BooleanField(
                default=False,
                help_text="Our own addition, not from the source article (e.g. the gentle basics a physiotherapist would expect).",
                verbose_name="beyond the article",
            ),
        ),
        migrations.RunPython(review, undo_review),
    ]
