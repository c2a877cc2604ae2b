"""Every pose picture, written in the figure model of `stretches.figures`.

Each `Drawing` has its key (the file name under static/img/poses/), alt text describing
the position, the view, one or two keyframes and its props. Side views are written
facing right with the left limbs nearest; see the conventions in `figures`.
"""

import math

from .figures import ABOVE, ANKLE_HEIGHT, BODY, FRONT, SIDE, Bend, Drawing, Frame, Prop, Reach, lerp

A = ANKLE_HEIGHT
LYING = 8  # pelvis height lying on the back


def on(joint_a, joint_b, t, dx=0.0, dy=0.0):
    """A point `t` of the way from one joint to another, nudged by (dx, dy)."""

    def point(joints):
        x, y = lerp(joints[joint_a], joints[joint_b], t)
        return x + dx, y + dy

    return point


def below(joint, height=8.0):
    """The point on the floor (at `height`) straight below a joint."""
    return lambda joints: (joints[joint][0], height)


def both(spec, far=None):
    """The same limb spec for both sides (or `far` for the far one)."""
    return {"l": spec, "r": far or spec}


MAT = Prop("mat")  # runs under the whole figure

# -- Lying on the back -----------------------------------------------------------------


def _hug(thigh, shin, hands_at=0.28):
    """Knees drawn in over the chest, heels near the buttocks, hands on the shins."""
    return Frame(
        pelvis=(0, LYING),
        trunk=180,
        head=172,
        legs=both(Bend(thigh, shin, shin + 95), Bend(thigh + 6, shin + 4, shin + 99)),
        arms=both(Reach(on("knee_l", "ankle_l", hands_at, dy=3), bend=1)),
    )


KNEES_TO_CHEST = Drawing(
    key="knees-to-chest-hug",
    title="Knees-to-chest hug",
    alt="Lying on the back on a mat, head down. Both knees are bent and drawn towards "
    "the chest, feet off the floor, hands holding the shins just below the knees.",
    view=SIDE,
    frames=(_hug(124, -28), _hug(106, -50)),
    props=(MAT,),
)


def _one_knee(thigh, shin, hands_at=0.28):
    return Frame(
        pelvis=(0, LYING),
        trunk=180,
        head=172,
        legs={"l": Bend(thigh, shin, shin + 95), "r": Reach((50, A), bend=1, end=0)},
        arms=both(Reach(on("knee_l", "ankle_l", hands_at, dy=3), bend=1)),
    )


ONE_KNEE = Drawing(
    key="knees-to-chest-one-knee",
    title="Knees-to-chest hug, one knee at a time",
    alt="Lying on the back on a mat. One knee is drawn towards the chest, hands holding "
    "the shin below the knee; the other knee is bent with that foot flat on the floor.",
    view=SIDE,
    frames=(_one_knee(124, -28), _one_knee(106, -50)),
    props=(MAT,),
)


def through(hip, knee, ankle, toe):
    """A leg drawn through given points (top views): angles and foreshortening from them."""

    def part(a, b, length):
        return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])), math.dist(a, b) / length

    upper, upper_scale = part(hip, knee, BODY["thigh"])
    lower, lower_scale = part(knee, ankle, BODY["shin"])
    end, end_scale = part(ankle, toe, BODY["foot"])
    return Bend(upper, lower, end, upper_scale, lower_scale, end_scale)


# Top views: lying on the back seen from above, head at the top, arms out in a T.
T_ARMS = {"l": Bend(-3, -3), "r": Bend(183, 183)}


def _lying_above(legs, hip_width=1.0):
    """`legs`: side -> (knee, ankle, toe), with the hips `hip_width` of their usual width."""
    half = BODY["hips"] * hip_width
    hips = {"l": (half, 0), "r": (-half, 0)}
    return Frame(
        pelvis=(0, 0),
        trunk=90,
        hip_width=hip_width,
        legs={side: through(hips[side], *points) for side, points in legs.items()},
        arms=T_ARMS,
    )


TWIST_DOWN = _lying_above(
    {"l": ((33, -15), (30, -46), (40, -53)), "r": ((29, -5), (24, -36), (34, -43))},
    hip_width=0.4,
)
TWIST = Drawing(
    key="supine-spinal-twist",
    title="Supine spinal twist",
    alt="Seen from above, lying on the back on a mat. The head is at the top, arms "
    "stretched out to the sides in a T, palms down, both shoulders on the floor. Both "
    "knees are bent together and lowered to one side, the top leg resting on the lower "
    "one, the lower legs folded back from the knees.",
    view=ABOVE,
    frames=(
        TWIST_DOWN,
        _lying_above(
            {"l": ((13, -17), (12, -46), (12, -58)), "r": ((5, -16), (2, -45), (2, -57))},
            hip_width=0.85,
        ),
    ),
    props=(Prop("mat-above"),),
)

TWIST_PILLOW = Drawing(
    key="supine-spinal-twist-pillow",
    title="Supine spinal twist, knees on a pillow",
    alt="Seen from above, lying on the back on a mat, head at the top, arms out to the "
    "sides in a T. Both knees are bent together and lowered to one side, resting on a "
    "pillow, so they go only part of the way down.",
    view=ABOVE,
    frames=(
        _lying_above(
            {"l": ((28, -20), (25, -50), (33, -58)), "r": ((23, -11), (19, -42), (27, -50))},
            hip_width=0.55,
        ),
    ),
    props=(Prop("mat-above"), Prop("cushion", (18, -30), (26, 30))),
)


def _knee_roll(sway):
    return _lying_above(
        {
            "l": ((6 + sway, -30), (10, -40), (10, -53)),
            "r": ((-6 + sway, -30), (-10, -40), (-10, -53)),
        }
    )


KNEE_ROLLS = Drawing(
    key="knee-rolls",
    title="Knee rolls",
    alt="Seen from above, lying on the back on a mat, head at the top, arms out to the "
    "sides in a T. The knees are bent and point up, both feet flat on the floor. The "
    "knees sway a little to one side while the feet stay where they are.",
    view=ABOVE,
    frames=(_knee_roll(0), _knee_roll(12)),
    props=(Prop("mat-above"),),
)


def _pelvic_tilt(lower, chest):
    return Frame(
        pelvis=(0, LYING),
        trunk=lower,
        chest=chest,
        head=172,
        legs=both(Reach((44, A), bend=1, end=0)),
        arms=both(Bend(-4, 0)),
    )


PELVIC_TILT = Drawing(
    key="pelvic-tilt",
    title="Pelvic tilt",
    alt="Lying on the back on a mat, knees bent and feet flat, arms resting by the sides. "
    "The lower back eases from a small arch down flat onto the floor as the pelvis tilts.",
    view=SIDE,
    frames=(_pelvic_tilt(166, 194), _pelvic_tilt(180, 180)),
    props=(MAT,),
)

FIGURE_FOUR = Drawing(
    key="reclined-figure-four",
    title="Reclined figure-four",
    alt="Lying on the back on a mat. One knee is bent with that foot flat on the floor; "
    "the other ankle is crossed over that knee, its knee turned out to the side. The "
    "hands hold the back of the thigh of the supporting leg.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, LYING),
            trunk=180,
            head=172,
            legs={
                "r": Reach((30, A), bend=1, end=0),
                "l": Reach(
                    on("knee_r", "knee_r", 0, dx=1, dy=7),
                    bend=-1,
                    upper_scale=0.8,
                    lower_scale=0.8,
                    end=5,
                    end_scale=0.9,
                ),
            },
            arms=both(Reach(on("hip_r", "knee_r", 0.55, dx=-3, dy=-2), bend=1)),
        ),
    ),
    props=(MAT,),
)


def _strap_leg(angle):
    return Frame(
        pelvis=(0, LYING),
        trunk=180,
        head=172,
        legs={"l": Bend(angle, angle, angle + 95), "r": Bend(1, -1, 88)},
        arms=both(Reach(on("hip_l", "knee_l", 0.45, dx=-12), bend=1)),
    )


LYING_HAMSTRING = Drawing(
    key="lying-hamstring-stretch",
    title="Lying hamstring stretch with a strap",
    alt="Lying on the back on a mat. One leg rests straight on the floor; the other is "
    "raised as straight as is comfortable, with a strap looped around the sole of its "
    "foot and held in both hands.",
    view=SIDE,
    frames=(_strap_leg(68), _strap_leg(80)),
    props=(
        MAT,
        Prop("strap", lambda j: ((j["hand_l"],), (j["ankle_l"], j["toe_l"])), (1,), front=True),
    ),
)


def _roller_back(pelvis_x, lower, chest):
    return Frame(
        pelvis=(pelvis_x, 19),
        trunk=lower,
        chest=chest,
        head=170,
        legs=both(Reach((38, A), bend=1, end=0)),
        arms=both(Reach(on("head", "head", 0, dx=-3, dy=2), bend=-1)),
    )


FOAM_ROLL = Drawing(
    key="foam-rolling-back",
    title="Foam rolling the upper back",
    alt="Lying on the back with a foam roller across the back under the shoulder blades, "
    "knees bent and feet flat, hips lifted slightly off the floor. Hands behind the "
    "head, supporting it, elbows pointing forward.",
    view=SIDE,
    frames=(_roller_back(0, 163, 178), _roller_back(-9, 168, 182)),
    props=(MAT, Prop("roller", -34)),
)


def _against_wall(hip):
    return Frame(
        pelvis=(-6, hip),
        trunk=97,
        head=92,
        legs=both(Reach((16, A), bend=1, end=0)),
        arms=both(Reach(on("neck", "waist", 0.35, dx=12), bend=-1)),
    )


def _wall_roller(joints):
    """Between the shoulder blades and the wall: the back is 6 units behind its line."""
    x, y = lerp(joints["neck"], joints["waist"], 0.3)
    return (x - 6 - 9, y)


FOAM_ROLL_WALL = Drawing(
    key="foam-rolling-back-wall",
    title="Foam rolling the back against a wall",
    alt="Seen from the side, standing with the upper back against a foam roller held "
    "between the shoulder blades and a wall, feet a short step away from the wall and "
    "knees slightly bent, arms folded over the chest. Bending and straightening the "
    "knees rolls the back up and down.",
    view=SIDE,
    frames=(_against_wall(64), _against_wall(58)),
    props=(Prop("wall", -38), Prop("roller", _wall_roller, (9,))),
)

# -- Standing --------------------------------------------------------------------------

STANDING_HIP = 70


def _side_bend(lower, chest, head, top_arm, low_arm, width=1.0, trunk_scale=1.0):
    return Frame(
        pelvis=(0, STANDING_HIP),
        trunk=lower,
        chest=chest,
        head=head,
        width=width,
        trunk_scale=trunk_scale,
        legs={
            "l": Reach((12, A), bend=1, end=-20, end_scale=0.5),
            "r": Reach((-12, A), bend=-1, end=-160, end_scale=0.5),
        },
        arms={"r": top_arm, "l": low_arm},
    )


def _thigh_hand(reach):
    return Reach(on("hip_l", "knee_l", reach, dx=9), bend=1)


SIDE_BEND = Drawing(
    key="standing-side-bend",
    title="Standing side bend",
    alt="Seen from the front, standing with the feet hip-width apart. One arm reaches up "
    "over the head towards the other side and the trunk curves sideways; the other hand "
    "slides down the outside of the thigh.",
    view=FRONT,
    frames=(
        _side_bend(80, 58, 50, Bend(62, 12), _thigh_hand(0.6)),
        _side_bend(86, 74, 68, Bend(78, 40), _thigh_hand(0.35)),
    ),
)

SIDE_BEND_WEIGHT = Drawing(
    key="standing-side-bend-weight",
    title="Standing side bend holding a light weight",
    alt="Seen from the front, standing with the feet hip-width apart, bending sideways. "
    "A light weight is held in the hand on the side you bend towards, that arm hanging "
    "straight down; the other arm reaches up over the head.",
    view=FRONT,
    frames=(
        _side_bend(80, 60, 52, Bend(64, 14), Bend(-88, -88)),
        _side_bend(86, 75, 68, Bend(78, 40), Bend(-89, -89)),
    ),
    props=(Prop("weight", lambda j: j["hand_l"], front=True),),
)

SIDE_BEND_TWIST = Drawing(
    key="standing-side-bend-twist",
    title="Standing side bend with a mild twist",
    alt="Seen from the front, standing with the feet hip-width apart, bending sideways "
    "with the chest turned a little, so the shoulders look narrower than the hips. One "
    "arm reaches over the head, the other hand rests on the thigh.",
    view=FRONT,
    frames=(_side_bend(82, 62, 55, Bend(66, 20), _thigh_hand(0.5), width=0.55),),
)

SIDE_BEND_FORWARD = Drawing(
    key="standing-side-bend-forward",
    title="Standing side bend with a forward bend",
    alt="Seen from the front, standing with the feet hip-width apart, bending sideways "
    "and leaning a little forward, so the trunk looks shorter and the head is lower. One "
    "arm reaches over the head, the other hand slides down the thigh.",
    view=FRONT,
    frames=(_side_bend(80, 60, 52, Bend(55, 5), _thigh_hand(0.7), trunk_scale=0.75),),
)

SEATED_SIDE_BEND = Drawing(
    key="seated-side-bend",
    title="Seated side bend",
    alt="Seen from the front, sitting near the front edge of a firm chair with both feet "
    "flat on the floor. One arm reaches up over the head towards the other side and the "
    "trunk curves sideways; the other hand rests on the seat.",
    view=FRONT,
    frames=(
        Frame(
            pelvis=(0, 50),
            trunk=82,
            chest=60,
            head=52,
            legs={
                "l": Reach((17, A), bend=1, end=-20, end_scale=0.5, upper_scale=0.3),
                "r": Reach((-17, A), bend=-1, end=-160, end_scale=0.5, upper_scale=0.3),
            },
            arms={"r": Bend(64, 14), "l": Reach((27, 48), bend=1)},
        ),
        Frame(
            pelvis=(0, 50),
            trunk=87,
            chest=75,
            head=68,
            legs={
                "l": Reach((17, A), bend=1, end=-20, end_scale=0.5, upper_scale=0.3),
                "r": Reach((-17, A), bend=-1, end=-160, end_scale=0.5, upper_scale=0.3),
            },
            arms={"r": Bend(78, 40), "l": Reach((27, 48), bend=1)},
        ),
    ),
    props=(Prop("chair-front", 0),),
)

FORWARD_BEND = Drawing(
    key="standing-forward-bend",
    title="Standing forward bend",
    alt="Seen from the side, standing with the feet hip-width apart and the knees softly "
    "bent, hinged forward at the hips. The trunk and head hang down and the arms hang, "
    "hands reaching towards the floor in front of the feet.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(-13, 66),
            trunk=-15,
            chest=-52,
            head=-72,
            legs=both(Reach((6, A), bend=1, end=0)),
            arms=both(Reach((24, 9), bend=1)),
        ),
        Frame(
            pelvis=(-11, 67),
            trunk=-2,
            chest=-38,
            head=-58,
            legs=both(Reach((6, A), bend=1, end=0)),
            arms=both(Reach((28, 20), bend=1)),
        ),
    ),
)

FORWARD_BEND_SOFT = Drawing(
    key="standing-forward-bend-soft",
    title="Standing forward bend, soft knees, hands on thighs",
    alt="Seen from the side, standing with the feet hip-width apart and the knees bent, "
    "leaning forward from the hips with a long back. Both hands rest on the thighs just "
    "above the knees, taking some of the weight.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(-14, 62),
            trunk=25,
            chest=22,
            head=30,
            legs=both(Reach((6, A), bend=1, end=0)),
            arms=both(Reach(on("hip_l", "knee_l", 0.85, dy=5), bend=1)),
        ),
    ),
)

# -- Sitting ---------------------------------------------------------------------------

SITTING = 8


def _toe_reach(lower, chest, head, hands):
    return Frame(
        pelvis=(0, SITTING),
        trunk=lower,
        chest=chest,
        head=head,
        legs=both(Bend(4, -4, 80)),
        arms=both(hands),
    )


TOE_REACH = Drawing(
    key="seated-hamstring-stretch",
    title="Seated toe reach",
    alt="Seen from the side, sitting on a mat with both legs straight out in front. The "
    "back is long and the chest leads forward; the hands reach along the legs towards "
    "the toes.",
    view=SIDE,
    frames=(
        _toe_reach(55, 36, 28, Reach(on("ankle_l", "toe_l", 0.3, dy=8), bend=-1)),
        _toe_reach(80, 76, 76, Reach(on("knee_l", "ankle_l", 0.2, dy=7), bend=-1)),
    ),
    props=(MAT,),
)

TOE_REACH_STRAP = Drawing(
    key="seated-hamstring-stretch-strap",
    title="Seated toe reach with a strap",
    alt="Seen from the side, sitting tall on a mat with both legs straight out in front. "
    "A towel or strap is looped around the soles of the feet and both hands hold its "
    "ends, so there is no need to reach as far.",
    view=SIDE,
    frames=(_toe_reach(72, 62, 55, Reach(on("knee_l", "knee_l", 0, dx=-4, dy=16), bend=-1)),),
    props=(
        MAT,
        Prop("strap", lambda j: ((j["hand_l"],), (j["ankle_l"], j["toe_l"])), (-1,), front=True),
    ),
)

TOE_REACH_BENT = Drawing(
    key="seated-hamstring-stretch-knees-bent",
    title="Seated toe reach with the knees bent",
    alt="Seen from the side, sitting on a mat with the knees bent up and the feet on the "
    "floor in front. The chest leans gently forward and the hands rest on the shins.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, SITTING),
            trunk=68,
            chest=58,
            head=50,
            legs=both(Reach((52, A), bend=1, end=0)),
            arms=both(Reach(on("knee_l", "ankle_l", 0.35, dx=4), bend=-1)),
        ),
    ),
    props=(MAT,),
)

# -- Kneeling and on all fours ---------------------------------------------------------

KNEEL_HIP = 37


def kneeling_thigh(hip_height, knee_height=A):
    """The thigh angle that puts the knee on the floor behind a hip this high."""
    return 180 - math.degrees(math.asin((knee_height - hip_height) / BODY["thigh"]))


def _lunge(pelvis_x, hip=KNEEL_HIP, knee=A, back_leg=None, arms=None):
    return Frame(
        pelvis=(pelvis_x, hip),
        trunk=90,
        legs={
            "l": back_leg or Bend(kneeling_thigh(hip, knee), 180 + (knee - A) * 1.6, 180),
            "r": Reach((34, A), bend=1, end=0),
        },
        arms=arms or both(Reach(on("hip_r", "knee_r", 0.75, dy=6), bend=-1)),
    )


LUNGE = Drawing(
    key="kneeling-lunge",
    title="Kneeling lunge",
    alt="Seen from the side, kneeling on one knee with the top of that foot on the floor. "
    "The other foot is flat in front with the knee over the ankle at about a right "
    "angle. Trunk upright, hands resting on the front thigh.",
    view=SIDE,
    frames=(_lunge(0), _lunge(8, hip=35)),
    props=(MAT,),
)

CHAIR_AHEAD = Prop("chair-side", 90, (1,))


def _cushion_lunge(pelvis_x, hip):
    return _lunge(
        pelvis_x,
        hip=hip,
        knee=A + 7,
        arms={
            "l": Reach(on("hip_r", "knee_r", 0.75, dy=6), bend=-1),
            "r": Reach((48, 87), bend=-1),
        },
    )


LUNGE_CUSHION = Drawing(
    key="kneeling-lunge-cushion",
    title="Kneeling lunge on a cushion",
    alt="Seen from the side, kneeling on one knee on a cushion, the top of that foot on "
    "the floor; the other foot flat in front with the knee over the ankle. Trunk "
    "upright, one hand on the front thigh, the other on the back of a chair for balance.",
    view=SIDE,
    frames=(_cushion_lunge(0, KNEEL_HIP + 5), _cushion_lunge(7, KNEEL_HIP + 3)),
    props=(MAT, Prop("cushion", (-34, 0), (36, 7)), CHAIR_AHEAD),
)


def _foot_grab(shin):
    return _lunge(
        0,
        back_leg=Bend(kneeling_thigh(KNEEL_HIP), shin, shin + 70),
        arms={
            "l": Reach(on("ankle_l", "ankle_l", 0, dx=14, dy=20), bend=1),
            "r": Reach((48, 87), bend=-1),
        },
    )


LUNGE_FOOT = Drawing(
    key="kneeling-lunge-foot",
    title="Kneeling lunge, reaching for the back foot",
    alt="Seen from the side, in a kneeling lunge: the back knee is on the floor and bent, "
    "so the back foot lifts towards the buttock. The hand on that side holds a strap "
    "looped around the foot; the other hand rests on the back of a chair for balance.",
    view=SIDE,
    frames=(_foot_grab(118), _foot_grab(102)),
    props=(
        MAT,
        CHAIR_AHEAD,
        Prop("strap", lambda j: ((j["hand_l"],), (j["ankle_l"], j["toe_l"])), (1,), front=True),
    ),
)


def _pigeon(lower, chest, head, hands, hip=22):
    return Frame(
        pelvis=(0, hip),
        trunk=lower,
        chest=chest,
        head=head,
        legs={
            "l": Bend(-32, 184, 184, lower_scale=0.7, end_scale=0.8),
            "r": Bend(-167, -172, 180),
        },
        arms=both(hands),
    )


PIGEON = Drawing(
    key="pigeon-pose",
    title="Pigeon pose",
    alt="Seen from the side, on the floor: the front leg is bent with its knee forward "
    "and the shin across the body, the foot near the other hip. The back leg is straight "
    "behind with the top of the foot on the floor. Trunk upright, hands on the floor "
    "either side of the front knee.",
    view=SIDE,
    frames=(
        _pigeon(84, 88, 86, Reach((38, 5), bend=1)),
        _pigeon(30, 15, 5, Reach((58, 6), bend=1)),
    ),
    props=(MAT,),
)

CAT_COW = Drawing(
    key="cat-cow",
    title="Cat–cow",
    alt="Seen from the side, on hands and knees, hands under the shoulders and knees "
    "under the hips. The back rounds up with the head down, then gently dips with the "
    "head up.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, 39),
            trunk=42,
            chest=-8,
            head=-55,
            legs=both(Bend(-90, 180, 180)),
            arms=both(Reach(below("shoulder_l"), bend=-1)),
        ),
        Frame(
            pelvis=(0, 41),
            trunk=5,
            chest=38,
            head=40,
            legs=both(Bend(-93, 180, 180)),
            arms=both(Reach(below("shoulder_l"), bend=-1)),
        ),
    ),
    props=(MAT,),
)

CHILDS_POSE = Drawing(
    key="bottom-to-heels",
    title="Bottom to heels",
    alt="Seen from the side, kneeling and sitting back towards the heels, the tops of "
    "the feet on the floor. The trunk is folded forward over the thighs, arms stretched "
    "forward on the floor, forehead down.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, 17),
            trunk=16,
            chest=-4,
            head=-22,
            legs=both(Bend(-20, 180, 180)),
            arms=both(Reach((98, 6), bend=1)),
        ),
    ),
    props=(MAT,),
)

DRAWINGS = [
    KNEES_TO_CHEST,
    ONE_KNEE,
    TWIST,
    TWIST_PILLOW,
    KNEE_ROLLS,
    PELVIC_TILT,
    FIGURE_FOUR,
    LYING_HAMSTRING,
    FOAM_ROLL,
    FOAM_ROLL_WALL,
    SIDE_BEND,
    SIDE_BEND_WEIGHT,
    SIDE_BEND_TWIST,
    SIDE_BEND_FORWARD,
    SEATED_SIDE_BEND,
    FORWARD_BEND,
    FORWARD_BEND_SOFT,
    TOE_REACH,
    TOE_REACH_STRAP,
    TOE_REACH_BENT,
    LUNGE,
    LUNGE_CUSHION,
    LUNGE_FOOT,
    PIGEON,
    CAT_COW,
    CHILDS_POSE,
]
BY_KEY = {drawing.key: drawing for drawing in DRAWINGS}
