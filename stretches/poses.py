"""Every pose picture, written in the figure model of `stretches.figures`.

Each `Drawing` has its key (the file name under static/img/poses/), alt text describing
the position, the view, one or two keyframes and its props. Side views are written
facing right with the left limbs nearest; see the conventions in `figures`.
"""

import math

from .figures import (
    ABOVE,
    ANKLE_HEIGHT,
    BODY,
    FRONT,
    RAISED,
    SIDE,
    Bend,
    Drawing,
    Frame,
    Prop,
    Reach,
    angle_to,
    lerp,
)

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


# -- Raised views: lying on the back, seen from the side and a little above ------------
#
# Joints are placed in 3D (x along the body, head towards +x; w towards the camera, the
# person's left; z up) and projected, so a knee out to the side drops lower in the
# picture and arms out in a T show as a line across the shoulders.


class Camera:
    """Where a raised view looks from: `yaw` degrees round from the person's left side
    towards their feet (0: from the side, 90: from the feet), `elevation` above the floor."""

    def __init__(self, yaw, elevation):
        self.yaw, self.elevation = math.radians(yaw), math.radians(elevation)

    def seen(self, point):
        """A 3D point (x, w, z) as it appears in the picture."""
        x, w, z = point
        cy, sy = math.cos(self.yaw), math.sin(self.yaw)
        ce, se = math.cos(self.elevation), math.sin(self.elevation)
        return x * cy + w * sy, z * ce - (w * cy - x * sy) * se


SIDE_CAMERA = Camera(0, 34)


def bent(base, target, upper, lower, pole):
    """The middle joint (knee, elbow) of a limb from `base` to `target`, bent towards `pole`."""
    d = min(max(math.dist(base, target), abs(upper - lower) + 0.01), upper + lower - 0.01)
    u = [(t - b) / math.dist(base, target) for b, t in zip(base, target, strict=True)]
    dot = sum(p * c for p, c in zip(pole, u, strict=True))
    side = [p - dot * c for p, c in zip(pole, u, strict=True)]
    norm = math.hypot(*side)
    side = [c / norm for c in side]
    x = (upper * upper - lower * lower + d * d) / (2 * d)
    h = math.sqrt(max(upper * upper - x * x, 0))
    return tuple(b + c * x + s * h for b, c, s in zip(base, u, side, strict=True))


def _part(a, b, length):
    return angle_to(a, b), min(math.dist(a, b) / length, 1.0)


def _seen_limb(camera, base, middle, end, upper_len, lower_len, toe=None):
    """A limb through 3D points, as a `Bend` in a raised view."""
    seen = camera.seen
    upper, upper_scale = _part(seen(base), seen(middle), upper_len)
    lower, lower_scale = _part(seen(middle), seen(end), lower_len)
    foot, foot_scale = _part(seen(end), seen(toe), BODY["foot"]) if toe else (None, 1.0)
    return Bend(upper, lower, foot, upper_scale, lower_scale, foot_scale)


def _toward(angle, length, start=(0, 0, 0)):
    """A point `length` from `start` in the plane of the body (x along it, z up)."""
    x, w, z = start
    return x + length * math.cos(math.radians(angle)), w, z + length * math.sin(math.radians(angle))


def lying_raised(legs, arms, camera=SIDE_CAMERA, pelvis=None, trunk=0, chest=None, head=8):
    """Lying on the back, head towards +x, in a raised view from `camera`.

    `legs`: side -> (knee, ankle, toe) in 3D; `arms`: side -> (elbow, hand) in 3D, or a
    function of the 3D shoulder giving them. `trunk`, `chest` and `head` are angles in
    the body's own plane (0: flat towards the head).
    """
    pelvis = pelvis or (0, 0, LYING)
    chest = trunk if chest is None else chest
    waist = _toward(trunk, BODY["lower_trunk"], pelvis)
    base = _toward(chest, BODY["upper_trunk"] - BODY["shoulder_drop"], waist)
    neck = _toward(chest, BODY["upper_trunk"], waist)
    top = _toward(head, BODY["neck"], neck)
    seen = camera.seen
    trunk_angle, trunk_scale = _part(seen(pelvis), seen(waist), BODY["lower_trunk"])
    hips = {s: hip3(s, pelvis) for s in "lr"}
    shoulders = {
        s: (base[0], base[1] + (BODY["shoulders"] if s == "l" else -BODY["shoulders"]), base[2])
        for s in "lr"
    }
    (hx, hy), (px, py) = seen(hips["l"]), seen(pelvis)
    limbs = {
        s: _seen_limb(camera, hips[s], *legs[s][:2], BODY["thigh"], BODY["shin"], legs[s][2])
        for s in legs
    }
    arms3 = {}
    for s, spec in arms.items():
        elbow, hand = spec(shoulders[s]) if callable(spec) else spec
        arms3[s] = _seen_limb(camera, shoulders[s], elbow, hand, BODY["upper_arm"], BODY["forearm"])
    return Frame(
        pelvis=seen(pelvis),
        trunk=trunk_angle,
        chest=angle_to(seen(waist), seen(neck)),
        head=angle_to(seen(neck), seen(top)),
        trunk_scale=trunk_scale,
        legs=limbs,
        arms=arms3,
        across=((hx - px) / BODY["hips"], (hy - py) / BODY["hips"]),
    )


def hip3(side, pelvis=(0, 0, LYING)):
    x, w, z = pelvis
    return x, w + (BODY["hips"] if side == "l" else -BODY["hips"]), z


def floor_arm(side, angle=90):
    """An arm out on the floor, palm down, `angle` degrees from the side of the body (90: a T)."""
    sign = 1 if side == "l" else -1
    dx, dw = -math.cos(math.radians(angle)), sign * math.sin(math.radians(angle))

    def arm(shoulder):
        x, w, z = shoulder
        return (x + 26 * dx, w + 26 * dw, z - 2), (x + 54 * dx, w + 54 * dw, z - 3)

    return arm


def mat_raised(x0, x1, camera=SIDE_CAMERA, half=28):
    """A mat on the floor under a raised view, from x0 to x1 along the body."""
    corners = ((x0, half, 0), (x1, half, 0), (x1, -half, 0), (x0, -half, 0))
    return Prop("patch", tuple(camera.seen(c) for c in corners))


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
    movement=True,
    arrow=("knee_l", (12, 0)),
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


def _rolled(point, angle, centre_z=LYING):
    """A 3D point turned `angle` degrees about the body's long axis, towards the camera."""
    x, w, z = point
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    dz = z - centre_z
    return x, w * c + dz * s, centre_z + dz * c - w * s


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
        legs[side] = tuple(_rolled(p, sway) for p in (knee, ankle, toe))
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
    alt="Seen from the side, lying on the back on a mat. The near knee is bent up with "
    "that foot flat on the floor. The other ankle rests across it, just below the knee, "
    "with that knee turned out to the far side, so the legs make a 4. The hands hold "
    "the back of the thigh of the supporting leg.",
    view=SIDE,
    frames=(
        Frame(
            pelvis=(0, LYING),
            trunk=180,
            head=172,
            legs={
                "l": Reach((32, A), bend=1, end=0),
                # Turned out to the far side: seen from the side the thigh and shin look
                # shorter, the knee above the hip and the shin across the near knee.
                "r": Reach(
                    on("knee_l", "knee_l", 0, dx=2, dy=7),
                    bend=1,
                    upper_scale=0.75,
                    lower_scale=0.62,
                    end=8,
                ),
            },
            arms=both(Reach(on("hip_l", "knee_l", 0.35, dy=-4), bend=1)),
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

STANDING_HIP = 70.8  # the legs (66 long) all but straight: no kink at the knee


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
FRONT_FOOT = 41  # the front ankle of a kneeling lunge


def kneeling_thigh(hip_height, knee_height=A):
    """The thigh angle that puts the knee on the floor behind a hip this high."""
    return 180 - math.degrees(math.asin((knee_height - hip_height) / BODY["thigh"]))


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
            chest=-4,
            head=-22,
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
            trunk=6,
            chest=-10,
            head=-26,
            legs=both(Bend(180 - kneeling_thigh(28), 180, 180)),
            arms=both(Reach((98, 6), bend=1)),
        ),
    ),
    props=(MAT, Prop("cushion", (-16, 6), (28, 13))),
)


def _kneel_above(arms, chest, head):
    """Bottom to heels seen from above, lying across the picture like the side view
    (head to the left): the back, the head down between the arms, both arms straight
    along the floor at `arms` degrees, the feet tucked under the bottom."""
    return Frame(
        pelvis=(0, 0),
        trunk=180,
        chest=chest,
        head=head,
        trunk_scale=0.85,  # folded forward and down
        legs={
            "l": through((0, BODY["hips"]), (-2, 8), (4, 7), (13, 5)),
            "r": through((0, -BODY["hips"]), (-2, -8), (4, -7), (13, -5)),
        },
        arms=both(Bend(arms, arms)),
    )


CHILDS_POSE_SIDE = Drawing(
    key="bottom-to-heels-to-one-side",
    title="Bottom to heels with the hands walked to one side",
    alt="Seen from above, kneeling and sitting back towards the heels, the trunk folded "
    "forward over the thighs and the head down between the arms, the feet tucked under "
    "the bottom. Both arms lie straight along the floor with the hands walked over to "
    "one side, so the trunk curves towards them and the other side of the back "
    "stretches; then the hands come back to the middle.",
    view=ABOVE,
    frames=(_kneel_above(146, 168, 156), _kneel_above(180, 180, 180)),
    props=(Prop("mat-above", (-112, -26, 24, 56)),),
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
