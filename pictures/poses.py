"""Every pose picture, as data: one `Drawing` entry per pose, in the figure model of
`pictures.figures`, written with the helpers of `pictures.posing`.

Each entry has its key (the file name under static/img/poses/ and what content stores),
a title (the choice an editor sees), alt text describing the position, the view, one or
two keyframes (the first is the still, the start) and its props. Where two keyframes
share most of a position, a small function just above the entry builds both. Side views
are written facing right with the left limbs nearest; see the conventions in `figures`.
"""

import math

from .figures import (
    ABOVE,
    ANGLED,
    BODY,
    FRONT,
    RAISED,
    SIDE,
    Bend,
    Drawing,
    Frame,
    Prop,
    Reach,
    lerp,
)
from .posing import (
    KNEEL_HIP,
    LYING,
    MAT,
    SITTING,
    STANDING_HIP,
    A,
    Angle,
    Camera,
    bent,
    both,
    floor_arm,
    go,
    hip3,
    kneeling_thigh,
    limb3,
    lying_above,
    lying_raised,
    mat_raised,
    on,
    rolled,
    seen_box,
    seen_figure,
    seen_mat,
    turned,
)

# -- Lying on the back -----------------------------------------------------------------


def _hug(thigh, shin, hands_at=0.22):
    """Knees drawn in over the chest, feet off the floor, hands clasped on the shins just
    below the knees; the arms wrap round the outside of the legs, so they look shorter."""
    return Frame(
        pelvis=(0, LYING),
        trunk=180,
        head=172,
        legs=both(Bend(thigh, shin, shin + 95), Bend(thigh + 5, shin + 4, shin + 99)),
        arms=both(
            Reach(on("knee_l", "ankle_l", hands_at, dy=2), bend=1, upper_scale=0.7, lower_scale=0.7)
        ),
    )


KNEES_TO_CHEST = Drawing(
    key="knees-to-chest-hug",
    title="Knees-to-chest hug",
    alt="Lying on the back on a mat, head down. Both knees are bent and drawn towards "
    "the chest, feet off the floor, hands holding the shins just below the knees.",
    view=SIDE,
    frames=(_hug(134, -22), _hug(116, -34)),
    props=(MAT,),
)


def _one_knee(thigh, shin, hands_at=0.28):
    return Frame(
        pelvis=(0, LYING),
        trunk=180,
        head=172,
        legs={"l": Bend(thigh, shin, shin + 95), "r": Reach((50, A), bend=1, end=0)},
        # Hands round the front of the shin below the knee, the elbows out to the sides.
        arms=both(
            Reach(on("knee_l", "ankle_l", hands_at, dy=2), bend=1, upper_scale=0.7, lower_scale=0.7)
        ),
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


TWIST_DOWN = lying_above(
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
    movement=True,
    arrow=("knee_l", (12, 0)),
    frames=(
        TWIST_DOWN,
        lying_above(
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
        lying_above(
            {"l": ((28, -20), (25, -50), (33, -58)), "r": ((23, -11), (19, -42), (27, -50))},
            hip_width=0.55,
        ),
    ),
    props=(Prop("mat-above"), Prop("cushion", (13, -36), (36, 30))),
)


ARMS_OUT = {"l": floor_arm("l", 72), "r": floor_arm("r", 72)}
# With the knees lifted, arms a little towards the head keep clear of the legs.
ARMS_UP = {"l": floor_arm("l", 118), "r": floor_arm("r", 118)}
KNEES_CAMERA = Camera(20, 28)  # from the side, a little towards the feet, above


def _knee_roll(sway):
    """Knees up, feet flat and together; the knees sway `sway` degrees towards the camera."""
    legs = {}
    for side, w in (("l", 4.5), ("r", -4.5)):
        ankle, toe = (-37, w, A), (-48, w, 2)
        hip = hip3(side)
        pole = (0, math.sin(math.radians(sway)), math.cos(math.radians(sway)))
        knee = bent(hip, ankle, BODY["thigh"], BODY["shin"], pole)
        legs[side] = (knee, ankle, toe)
    return lying_raised(legs, ARMS_OUT, KNEES_CAMERA)


KNEE_ROLLS = Drawing(
    key="knee-rolls",
    title="Knee rolls",
    alt="Seen from the side and a little above, lying on the back on a mat, arms out to "
    "the sides on the floor. The knees are bent and point up, both feet flat on the "
    "floor and together. The knees sway a little way to one side, together, while the "
    "feet and shoulders stay where they are.",
    view=RAISED,
    movement=True,
    arrow=("knee_l", (0, 14)),
    frames=(_knee_roll(0), _knee_roll(30)),
    props=(mat_raised(-62, 78, KNEES_CAMERA),),
)


def _knees_lifted(sway):
    """Feet off the floor, knees bent at a right angle above the hips, swayed `sway`."""
    legs = {}
    for side, w in (("l", 6), ("r", -6)):
        knee, ankle, toe = (1, w, LYING + 33), (-30, w, LYING + 33), (-40, w, LYING + 28)
        legs[side] = tuple(rolled(p, sway) for p in (knee, ankle, toe))
    return lying_raised(legs, ARMS_UP, KNEES_CAMERA)


KNEE_ROLLS_LIFTED = Drawing(
    key="knee-rolls-lifted",
    title="Knee rolls with the knees lifted",
    alt="Seen from the side and a little above, lying on the back on a mat, arms out to "
    "the sides on the floor. Both feet are off the floor, the knees together and bent "
    "at a right angle straight above the hips, the lower legs level. The knees roll a "
    "little way to one side and back, the shoulders staying down.",
    view=RAISED,
    movement=True,
    arrow=("knee_l", (0, 14)),
    frames=(_knees_lifted(0), _knees_lifted(28)),
    props=(mat_raised(-50, 78, KNEES_CAMERA),),
)


def _pelvic_tilt(lower, chest):
    """The near hand lies palm down under the small of the back, to feel it press down."""
    return Frame(
        pelvis=(0, LYING),
        trunk=lower,
        chest=chest,
        head=172,
        legs=both(Reach((44, A), bend=1, end=0)),
        arms={
            "r": Bend(-4, 0),
            # Foreshortened: the arm runs out to the side and back in under the waist.
            "l": Reach((-17, 3), bend=1, upper_scale=0.55, lower_scale=0.55),
        },
    )


PELVIC_TILT = Drawing(
    key="pelvic-tilt",
    title="Pelvic tilt",
    alt="Lying on the back on a mat, knees bent and feet flat, one hand resting under the "
    "small of the back. The pelvis tilts so the lower back presses flat onto the floor "
    "and the hand; then it eases back into a small natural arch.",
    view=SIDE,
    movement=True,
    arrow=("waist", (0, 14)),
    frames=(_pelvic_tilt(180, 180), _pelvic_tilt(172, 189)),
    props=(MAT,),
)


def _bridge(lift):
    """Feet flat, shoulders down, the bottom lifted `lift` units off the floor."""
    slope = math.degrees(math.asin(lift / (BODY["lower_trunk"] + BODY["upper_trunk"])))
    return Frame(
        pelvis=(0, LYING + lift),
        trunk=180 + slope,
        head=174,
        legs=both(Reach((42, A), bend=1, end=0)),
        arms=both(Bend(-3, -1)),
    )


SMALL_BRIDGE = Drawing(
    key="pelvic-tilt-bridge",
    title="Pelvic tilt into a small bridge",
    alt="Lying on the back on a mat, knees bent and feet flat, arms resting by the sides, "
    "palms down. Pressing through the feet, the bottom is peeled a little way off the "
    "floor, so the body makes a gentle slope from the shoulders, which stay down, to the "
    "knees; then it lowers slowly.",
    view=SIDE,
    movement=True,
    arrow=("pelvis", (0, 26)),
    frames=(_bridge(15), _bridge(0)),
    props=(MAT,),
)

CHAIR_BEHIND = Prop("chair-side", 12, (1, 36))  # front edge, facing, seat height
SEAT = 42  # pelvis height sitting on that chair


def _on_chair(lower, chest, head, hands=0.75):
    """Sitting near the front of a chair, feet flat, hands resting on the thighs or knees."""
    return Frame(
        pelvis=(-8, SEAT),
        trunk=lower,
        chest=chest,
        head=head,
        legs=both(Reach((24, A), bend=1, end=0)),
        arms=both(Reach(on("hip_l", "knee_l", hands, dy=6), bend=-1)),
    )


PELVIC_TILT_CHAIR = Drawing(
    key="pelvic-tilt-chair",
    title="Pelvic tilt sitting on a chair",
    alt="Seen from the side, sitting on a firm chair with both feet flat on the floor and "
    "the hands resting on the thighs. The pelvis rolls back so the lower back rounds a "
    "little, then forward so it arches a little.",
    view=SIDE,
    movement=True,
    arrow=("head", (0, 16)),
    frames=(_on_chair(110, 80, 84), _on_chair(76, 98, 92)),
    props=(CHAIR_BEHIND,),
)


FIGURE_FOUR = Drawing(
    key="reclined-figure-four",
    title="Reclined figure-four",
    alt="Seen from the side, lying on the back on a mat. The far knee is bent up with "
    "that foot flat on the floor. The near ankle rests across it, just below the knee, "
    "with the near knee turned out towards you, so the legs make a 4. Both hands hold "
    "the back of the thigh of the supporting leg.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, LYING),
            trunk=180,
            head=172,
            legs={
                "r": Reach((32, A), bend=1, end=0),
                # The crossed leg, nearest, turned out towards the viewer: seen from the
                # side its thigh and shin look shorter, the shin across the far knee.
                "l": Reach(
                    on("knee_r", "knee_r", 0, dx=2, dy=7),
                    bend=1,
                    upper_scale=0.75,
                    lower_scale=0.62,
                    end=8,
                ),
            },
            # Both hands behind the supporting thigh, drawing it in.
            arms=both(Reach(on("hip_r", "knee_r", 0.55, dy=-3), bend=1)),
        ),
    ),
    props=(MAT,),
)


def _strap_leg(thigh, shin=None, floor_leg=None):
    """One leg raised (`thigh`, `shin` angles) with a strap round its foot."""
    shin = thigh if shin is None else shin
    return Frame(
        pelvis=(0, LYING),
        trunk=180,
        head=172,
        legs={"l": Bend(thigh, shin, shin + 95), "r": floor_leg or Reach((44, A), bend=1, end=0)},
        arms=both(Reach(on("hip_l", "knee_l", 0.45, dx=-12), bend=1)),
    )


STRAP = Prop("strap", lambda j: ((j["hand_l"],), (j["ankle_l"], j["toe_l"])), (1,), front=True)
FLOOR_LEG_STRAIGHT = Bend(1, -1, 88)

LYING_HAMSTRING = Drawing(
    key="lying-hamstring-stretch",
    title="Lying hamstring stretch with a strap",
    alt="Lying on the back on a mat. One knee is bent with that foot flat on the floor; "
    "the other leg is raised as straight as is comfortable, with a strap looped around "
    "the sole of its foot and held in both hands.",
    view=SIDE,
    frames=(_strap_leg(68), _strap_leg(80)),
    props=(MAT, STRAP),
)

LYING_HAMSTRING_BENT = Drawing(
    key="lying-hamstring-stretch-knee-bent",
    title="Lying hamstring stretch with the knee a little bent",
    alt="Lying on the back on a mat. One knee is bent with that foot flat on the floor; "
    "the other leg is raised only part of the way, its knee a little bent, with a strap "
    "looped around the sole of its foot and held in both hands.",
    view=SIDE,
    frames=(_strap_leg(58, 30), _strap_leg(64, 38)),
    props=(MAT, STRAP),
)

LYING_HAMSTRING_STRAIGHT = Drawing(
    key="lying-hamstring-stretch-other-leg-straight",
    title="Lying hamstring stretch with the other leg straight",
    alt="Lying on the back on a mat. One leg rests straight along the mat; the other is "
    "raised as straight as is comfortable, with a strap looped around the sole of its "
    "foot and held in both hands.",
    view=SIDE,
    frames=(
        _strap_leg(68, floor_leg=FLOOR_LEG_STRAIGHT),
        _strap_leg(80, floor_leg=FLOOR_LEG_STRAIGHT),
    ),
    props=(MAT, STRAP),
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
    movement=True,
    arrow=("waist", (0, 18)),
    frames=(_roller_back(0, 163, 178), _roller_back(-9, 168, 182)),
    props=(MAT, Prop("roller", -34)),
)


def _against_wall(hip):
    return Frame(
        pelvis=(-6, hip),
        trunk=97,
        head=92,
        legs=both(Reach((16, A), bend=1, end=0)),
        arms=both(Reach(on("head", "head", 0, dx=-8, dy=1), bend=-1)),
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
    "knees slightly bent, hands behind the head with the elbows pointing forward. "
    "Bending and straightening the knees rolls the back up and down.",
    view=SIDE,
    movement=True,
    arrow=("waist", (16, 0)),
    frames=(_against_wall(64), _against_wall(58)),
    props=(Prop("wall", -38, (126,)), Prop("roller", _wall_roller, (9,))),
)

# -- Standing --------------------------------------------------------------------------


def _side_bend(lower, chest, head, top_arm, low_arm, width=1.0, trunk_scale=1.0):
    return Frame(
        pelvis=(0, STANDING_HIP),
        trunk=lower,
        chest=chest,
        head=head,
        width=width,
        trunk_scale=trunk_scale,
        legs={
            # Aimed just past the reach of the leg, so it is straight: no kink at the knee.
            "l": Reach((12, -3), bend=1, end=-20, end_scale=0.5),
            "r": Reach((-12, -3), bend=-1, end=-160, end_scale=0.5),
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

# The two harder side bends seen from the front at an angle, so the turn and the lean
# forward show: from straight in front they look like the plain side bend.
QUARTER = Angle(-12, 30)


def _angled_side_bend(bend, lean=0.0, turn=0.0):
    """Standing, bending `bend` degrees to the left (the chest twice as far), leaning `lean`
    degrees forward, the chest turned `turn` degrees towards the floor's front."""

    def tilt(side, forward):
        sb, fb = math.radians(side), math.radians(forward)
        return (math.sin(sb), math.sin(fb) * math.cos(sb), math.cos(sb) * math.cos(fb))

    pelvis = (0, 0, STANDING_HIP)
    lower, chest = tilt(bend, lean), tilt(bend * 2.6, lean * 1.5)
    head = tilt(bend * 3.4, lean * 1.6)
    chest_left = turned((1, 0, 0), turn)
    waist = go(pelvis, lower, BODY["lower_trunk"])
    neck = go(waist, chest, BODY["upper_trunk"])
    crown = go(go(neck, head, BODY["neck"]), head, BODY["head"])
    legs = {}
    for side, x in (("l", 12), ("r", -12)):
        hip = (x * 0.75, 0, STANDING_HIP)
        ankle = (x, 0, A)
        legs[side] = (bent(hip, ankle, BODY["thigh"], BODY["shin"], (0, 1, 0)), ankle, (x, 11.6, 2))
    over = go(crown, (0.8, 0.9 * math.sin(math.radians(turn)), 0.5), 22)  # up and over the head
    thigh = (21, 3 + lean * 0.3, 44 - lean * 0.3)  # down the outside of the left thigh
    arms = {
        "r": lambda shoulder: limb3(shoulder, over, BODY["upper_arm"], BODY["forearm"], (-1, 0, 1)),
        "l": lambda shoulder: limb3(shoulder, thigh, BODY["upper_arm"], BODY["forearm"], (1, 0, 0)),
    }
    return seen_figure(QUARTER, pelvis, lower, chest, head, legs, arms, chest_left=chest_left)


SIDE_BEND_TWIST = Drawing(
    key="standing-side-bend-twist",
    title="Standing side bend with a mild twist",
    alt="Seen from the front and a little to one side, standing with the feet hip-width "
    "apart, bending sideways while the chest turns a little towards the floor in front, "
    "so one shoulder comes forward. One arm reaches over the head, the other hand rests "
    "on the outside of the thigh.",
    view=ANGLED,
    near="r",
    frames=(_angled_side_bend(13, turn=35), _angled_side_bend(16, turn=45)),
    props=(seen_mat(QUARTER, -34, -30, 34, 34),),
    floor=False,
)

SIDE_BEND_FORWARD = Drawing(
    key="standing-side-bend-forward",
    title="Standing side bend with a forward bend",
    alt="Seen from the front and a little to one side, standing with the feet hip-width "
    "apart, bending sideways and leaning a little forward from the hips, so the chest "
    "and head come forward over the toes. One arm reaches over the head, the other hand "
    "slides down the outside of the thigh.",
    view=ANGLED,
    near="r",
    frames=(_angled_side_bend(12, lean=22), _angled_side_bend(15, lean=28)),
    props=(seen_mat(QUARTER, -34, -30, 34, 34),),
    floor=False,
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

# Hanging from the shoulders towards the floor just ahead of them, the elbows easing out
# to the sides (so, from the side, the arms look a little shorter).
HANGING_ARM = Reach(
    lambda j: (j["shoulder_l"][0] + 7, max(8.0, j["shoulder_l"][1] - 40)),
    bend=1,
    upper_scale=0.72,
    lower_scale=0.72,
)

FORWARD_BEND = Drawing(
    key="standing-forward-bend",
    title="Standing forward bend",
    alt="Seen from the side, standing with the feet hip-width apart and the knees softly "
    "bent, hinged forward at the hips with a long, straight back and the head in line "
    "with it. The hands slide down the front of the legs to rest on the shins.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(-6, 68),
            trunk=-10,
            chest=-14,
            head=-22,
            legs=both(Reach((6, A), bend=1, end=0)),
            arms=both(Reach(on("knee_l", "ankle_l", 0.45, dx=4), bend=1)),
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
    alt="Seen from the side, sitting tall on a mat with both legs straight out in front "
    "and the hands on the thighs. Keeping the back long, the chest leads forward from "
    "the hips and the hands slide along the legs towards the ankles.",
    view=SIDE,
    frames=(
        _toe_reach(86, 86, 86, Reach(on("hip_l", "knee_l", 0.55, dy=7), bend=-1)),
        _toe_reach(52, 50, 44, Reach(on("knee_l", "ankle_l", 0.55, dy=7), bend=-1)),
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
            trunk=68,  # a long, straight back leaning from the hips
            chest=68,
            head=72,
            legs=both(Reach((52, A), bend=1, end=0)),
            arms=both(Reach(on("knee_l", "ankle_l", 0.35, dx=4), bend=-1)),
        ),
    ),
    props=(MAT,),
)

# -- Kneeling and on all fours ---------------------------------------------------------

FRONT_FOOT = 42.5  # the front ankle of a kneeling lunge


def _lunge(pelvis_x, hip=KNEEL_HIP, knee=A, back_leg=None, arms=None):
    return Frame(
        pelvis=(pelvis_x, hip),
        trunk=90,
        legs={
            "l": back_leg or Bend(kneeling_thigh(hip, knee), 180 + (knee - A) * 1.6, 180),
            # Far enough forward that the front knee stays over the ankle as the hips
            # ease forward, never past it.
            "r": Reach((FRONT_FOOT, A), bend=1, end=0),
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
            # Straight down and back behind the hip, clear of the trunk.
            "l": Reach(on("pelvis", "pelvis", 0, dx=-17, dy=2), bend=-1),
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


# Seen from the front at an angle, from the side of the front leg and a little above: a
# side view cannot show the shin across the body.
PIGEON_VIEW = Angle(-32, 16)


def _pigeon():
    """Hips down on a cushion under the front leg's hip; the front shin across the body,
    the foot near the other hip; the back leg straight behind, top of the foot down; trunk
    upright, leaning a little forward so the hands rest on the floor by the front knee."""
    pelvis = (0, 0, 14)
    legs = {
        "l": ((15, 32, 4), (-15, 21, 4), (-21, 11, 2)),
        "r": ((-11, -32, 5), (-12, -64, 4), (-12, -76, 2)),
    }
    arms = {
        "l": lambda shoulder: limb3(
            shoulder, (31, 30, 3), BODY["upper_arm"], BODY["forearm"], (1, -0.6, 0)
        ),
        "r": lambda shoulder: limb3(
            shoulder, (1, 37, 3), BODY["upper_arm"], BODY["forearm"], (-1, -0.6, 0)
        ),
    }
    return seen_figure(PIGEON_VIEW, pelvis, (0, 0.3, 1), (0, 0.55, 1), (0, 0.7, 1), legs, arms)


PIGEON = Drawing(
    key="pigeon-pose",
    title="Pigeon pose",
    alt="Seen from the front at an angle and a little above, on a mat: the front leg is "
    "bent with its knee forward and the shin lying across the body, the foot near the "
    "other hip, and a cushion under the hip of that leg so the hips rest down. The back "
    "leg is straight behind with the top of the foot on the floor. The trunk is upright, "
    "leaning a little forward, hands on the floor either side of the front knee.",
    view=ANGLED,
    frames=(_pigeon(),),
    props=(
        seen_mat(PIGEON_VIEW, -34, -84, 42, 46),
        seen_box(PIGEON_VIEW, -4, -13, 0, 27, 13, 8),
    ),
    floor=False,
)

# Hands on the floor just ahead of the shoulders, so the arms are straight.
STRAIGHT_ARMS = Reach(lambda j: (j["shoulder_l"][0] + 9, 8), bend=1)

CAT_COW = Drawing(
    key="cat-cow",
    title="Cat–cow",
    alt="Seen from the side, on hands and knees, hands under the shoulders and knees "
    "under the hips. The back rounds up with the head down, then gently dips with the "
    "head up.",
    view=SIDE,
    movement=True,
    arrow=("waist", (0, 16)),
    frames=(
        # The arms straight, the shoulders over the hands, in both positions.
        Frame(
            pelvis=(0, 40),
            trunk=50,
            chest=8,
            head=-48,
            legs=both(Bend(-90, 180, 180)),
            arms=both(STRAIGHT_ARMS),
        ),
        Frame(
            pelvis=(0, 40),
            trunk=12,
            chest=44,
            head=44,
            legs=both(Bend(-92, 180, 180)),
            arms=both(STRAIGHT_ARMS),
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
            chest=-8,
            head=-48,  # the forehead down on the mat
            legs=both(Bend(-20, 180, 180)),
            arms=both(Reach((98, 6), bend=1)),
        ),
    ),
    props=(MAT,),
)

SEATED_CAT_COW = Drawing(
    key="cat-cow-seated",
    title="Seated cat–cow",
    alt="Seen from the side, sitting on a firm chair with both feet flat on the floor and "
    "the hands on the knees. Breathing out, the back rounds and the head drops forward; "
    "breathing in, the body sits tall with the chest lifted and the head up.",
    view=SIDE,
    movement=True,
    arrow=("head", (0, 20)),
    frames=(_on_chair(108, 62, 25, hands=1.0), _on_chair(86, 100, 104, hands=1.0)),
    props=(CHAIR_BEHIND,),
)

CHILDS_POSE_CUSHION = Drawing(
    key="bottom-to-heels-cushion",
    title="Bottom to heels on a cushion",
    alt="Seen from the side, kneeling with a cushion between the bottom and the heels, "
    "so the hips stay higher, the tops of the feet on the floor. The trunk folds forward "
    "over the thighs, arms stretched forward on the floor, forehead down.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, 28),
            trunk=2,
            chest=-18,
            head=-55,  # the forehead down on the mat
            legs=both(Bend(180 - kneeling_thigh(28), 180, 180)),
            arms=both(Reach((98, 6), bend=1)),
        ),
    ),
    props=(MAT, Prop("cushion", (-16, 6), (28, 13))),
)


# Seen from the side, a little in front and above, so the kneeling legs show as in the
# plain pose and the hands, walked over to the far side, go away along the floor.
TO_ONE_SIDE_VIEW = Angle(62, 30)


def _kneel_to_one_side(side_reach, curve):
    """Sitting back on the heels, folded forward, forehead down; both hands walked
    `side_reach` units to the person's right along the floor, the chest curving `curve`."""
    legs = {
        "l": ((10, 30, 5), (10, -2, 4), (10, -14, 2)),
        "r": ((-10, 30, 5), (-10, -2, 4), (-10, -14, 2)),
    }
    hands = {"l": (-side_reach + 4, 84, 3), "r": (-side_reach - 10, 80, 3)}
    arms = {
        side: (
            lambda shoulder, hand=hand: limb3(
                shoulder, hand, BODY["upper_arm"], BODY["forearm"], (0, 0, 1)
            )
        )
        for side, hand in hands.items()
    }
    return seen_figure(
        TO_ONE_SIDE_VIEW,
        (0, 0, 18),
        (0, 1, 0.45),
        (-curve, 1, -0.15),
        (-curve * 1.4, 1, -0.9),
        legs,
        arms,
    )


CHILDS_POSE_SIDE = Drawing(
    key="bottom-to-heels-to-one-side",
    title="Bottom to heels with the hands walked to one side",
    alt="Seen from the side and a little in front and above, kneeling and sitting back "
    "towards the heels, the tops of the feet on the floor, the trunk folded forward over "
    "the thighs and the forehead down. Both arms lie straight along the floor, the hands "
    "walked over to one side, so the trunk curves towards them and the other side of the "
    "back stretches.",
    view=ANGLED,
    frames=(_kneel_to_one_side(26, 0.25), _kneel_to_one_side(40, 0.4)),
    props=(seen_mat(TO_ONE_SIDE_VIEW, -64, -20, 20, 98),),
    floor=False,
)

DRAWINGS = [
    KNEES_TO_CHEST,
    ONE_KNEE,
    TWIST,
    TWIST_PILLOW,
    KNEE_ROLLS,
    KNEE_ROLLS_LIFTED,
    PELVIC_TILT,
    SMALL_BRIDGE,
    PELVIC_TILT_CHAIR,
    FIGURE_FOUR,
    LYING_HAMSTRING,
    LYING_HAMSTRING_BENT,
    LYING_HAMSTRING_STRAIGHT,
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
    SEATED_CAT_COW,
    CHILDS_POSE,
    CHILDS_POSE_CUSHION,
    CHILDS_POSE_SIDE,
]
BY_KEY = {drawing.key: drawing for drawing in DRAWINGS}
