"""The vocabulary the pose pictures are written in (`pictures.poses`): where a body lies,
points on and between joints, and raised views placed in 3D and projected.

Nothing here is one pose: each helper is used by several entries in `poses`.
"""

import math

from .figures import ANKLE_HEIGHT, BODY, Bend, Frame, Prop, angle_to, lerp

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


def lying_above(legs, hip_width=1.0):
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


def rolled(point, angle, centre_z=LYING):
    """A 3D point turned `angle` degrees about the body's long axis, towards the camera."""
    x, w, z = point
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    dz = z - centre_z
    return x, w * c + dz * s, centre_z + dz * c - w * s


STANDING_HIP = 70.8  # the legs (66 long) all but straight: no kink at the knee


SITTING = 8


KNEEL_HIP = 37


def kneeling_thigh(hip_height, knee_height=A):
    """The thigh angle that puts the knee on the floor behind a hip this high."""
    return 180 - math.degrees(math.asin((knee_height - hip_height) / BODY["thigh"]))


# -- Angled views: the person seen from the front at an angle, in 3D -------------------
#
# Points are (x, y, z): x the person's left, y forward, z up, the floor at z = 0.


class Angle:
    """Where an angled view looks from: `yaw` degrees round from straight in front towards
    the person's left side, `elevation` above level."""

    def __init__(self, yaw, elevation=0):
        self.yaw, self.elevation = math.radians(yaw), math.radians(elevation)

    def seen(self, point):
        x, y, z = point
        cy, sy = math.cos(self.yaw), math.sin(self.yaw)
        depth = x * sy + y * cy  # towards the camera: nearer things sit lower when raised
        return x * cy - y * sy, z * math.cos(self.elevation) - depth * math.sin(self.elevation)


def go(point, toward, length):
    """The 3D point `length` from `point` in the direction `toward` (any length)."""
    norm = math.dist(toward, (0, 0, 0))
    return tuple(p + t * length / norm for p, t in zip(point, toward, strict=True))


def turned(vector, degrees):
    """A 3D vector turned about the vertical, anticlockwise seen from above."""
    x, y, z = vector
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return x * c - y * s, x * s + y * c, z


def seen_figure(camera, pelvis, lower, chest, head, legs, arms, left=(1, 0, 0), chest_left=None):
    """A `Frame` for an angled view of a body placed in 3D.

    `lower`, `chest` and `head` are 3D directions (pelvis to waist, waist to neck, neck to
    the head); `left` points to the person's left across the hips (`chest_left` across the
    shoulders, when the chest turns). `legs`: side -> (knee, ankle, toe); `arms`: side ->
    (elbow, hand), or a function of the 3D shoulder giving them.
    """
    seen = camera.seen
    chest_left = chest_left or left
    waist = go(pelvis, lower, BODY["lower_trunk"])
    neck = go(waist, chest, BODY["upper_trunk"])
    top = go(neck, head, BODY["neck"])
    base = go(neck, chest, -BODY["shoulder_drop"])
    sign = {"l": 1, "r": -1}
    hips = {s: go(pelvis, left, BODY["hips"] * sign[s]) for s in "lr"}
    shoulders = {s: go(base, chest_left, BODY["shoulders"] * sign[s]) for s in "lr"}
    drawn = math.dist(seen(pelvis), seen(waist)) + math.dist(seen(waist), seen(neck))
    limbs = {
        s: _seen_limb(camera, hips[s], *legs[s][:2], BODY["thigh"], BODY["shin"], legs[s][2])
        for s in legs
    }
    reach = {}
    for s, spec in arms.items():
        elbow, hand = spec(shoulders[s]) if callable(spec) else spec
        reach[s] = _seen_limb(camera, shoulders[s], elbow, hand, BODY["upper_arm"], BODY["forearm"])
    (hx, hy), (px, py) = seen(hips["l"]), seen(pelvis)
    (sx, sy), (bx, by) = seen(shoulders["l"]), seen(base)
    return Frame(
        pelvis=seen(pelvis),
        trunk=angle_to(seen(pelvis), seen(waist)),
        chest=angle_to(seen(waist), seen(neck)),
        head=angle_to(seen(neck), seen(top)),
        trunk_scale=min(drawn / (BODY["lower_trunk"] + BODY["upper_trunk"]), 1.0),
        legs=limbs,
        arms=reach,
        across=((hx - px) / BODY["hips"], (hy - py) / BODY["hips"]),
        chest_across=((sx - bx) / BODY["shoulders"], (sy - by) / BODY["shoulders"]),
    )


def limb3(base, target, upper, lower, pole):
    """(middle joint, end) of a limb from `base` reaching `target`, bent towards `pole`."""
    d = math.dist(base, target)
    end = target if d <= upper + lower else go(base, _minus(target, base), upper + lower - 0.01)
    return bent(base, end, upper, lower, pole), end


def _minus(a, b):
    return tuple(x - y for x, y in zip(a, b, strict=True))


def seen_box(camera, x0, y0, z0, x1, y1, z1):
    """The outline of a box (a cushion, a block) as seen: a `block` prop's points."""
    corners = [camera.seen((x, y, z)) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)]
    return Prop("block", _hull(corners))


def seen_mat(camera, x0, y0, x1, y1):
    """A mat on the floor as seen from an angled camera."""
    corners = ((x0, y0, 0), (x1, y0, 0), (x1, y1, 0), (x0, y1, 0))
    return Prop("patch", tuple(camera.seen(c) for c in corners))


def _hull(points):
    """The convex hull of picture points, in order round it."""
    points = sorted(set(points))
    if len(points) < 3:
        return points

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in points:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(points):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
