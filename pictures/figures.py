"""A small figure model for the pose pictures, rendered to SVG by one function.

Every picture is the same figure: one set of proportions (`BODY`), placed by named joints
(pelvis, waist, neck, head, shoulders, elbows, hands, hips, knees, ankles, toes) whose
positions follow from a few angles per keyframe. Props (floor, mat, foam roller, weight,
strap, chair, cushion, wall) are simple shapes. `render(drawing)` turns a `Drawing` into
an SVG document; nothing else writes SVG.

Conventions, so that poses are easy to write and read:

- Scene coordinates are in body units, y up, the floor at y = 0.
- Angles are absolute directions in degrees: 0 points forward (to the picture's right
  while a pose is being written), 90 up, 180 back, -90 down.
- Limbs are named for the person's side: ``l`` (left) and ``r`` (right).
- Side views are written facing right with the left limbs nearest the viewer; the
  renderer flips them to face left, so the nearest limbs really are the left ones.
  Far limbs are drawn behind the trunk in a lighter tone.
- Front and top views are drawn as seen: in a front view the person's left is on the
  picture's right. A top view is written like a front view of someone lying on the
  back, seen from above: head at the top (trunk 90), so the person's left is again on
  the picture's right.
- A raised view is a side view seen from a little above, so what is nearer the camera
  sits lower in the picture and limbs out to the sides show. It is written as seen
  (lying with the head to the right, the person's left nearest), with hips and shoulders
  spread by `hip_width` and `width` like a top view; far limbs are lighter as in a side
  view. Poses usually place its joints in 3D and project them (see `posing.lying_raised`).
- An angled view sees an upright, kneeling or sitting person from the front at an angle
  (and perhaps a little above), their left side nearest: the joints are placed in 3D and
  projected (`posing.seen_figure`); the trunk is drawn wide as in a front view, the far
  limbs lighter as in a side view. Its floor is a line when seen level, else a mat.
- Pictures show the left side. The right side is the same picture mirrored with CSS
  (``transform: scaleX(-1)``), never a second file.

Each picture is fitted to its frame: the figure (every keyframe), its props and the floor
under it fill the frame with a modest margin, scaled as a whole, so the body keeps the
same proportions in every picture. The figure has a body, not sticks: a torso narrower at
the waist than at the hips and chest, a neck, limbs that taper from root to end with
round joints, hands, and feet with a heel, each a filled shape.

Colours come from a small `<style>` inside each SVG with a light and a dark scheme, so a
picture served as an `<img>` follows `prefers-color-scheme`. When a drawing has two
keyframes, the parts that differ are drawn in both, grouped by keyframe, and the groups
cross-fade (opacity, which Safari animates too), only under
``prefers-reduced-motion: no-preference``. The still picture is the first keyframe, the
start; a movement goes back and forth, a held pose moves into its hold once and stays.
"""

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

SIDE, FRONT, ABOVE, RAISED, ANGLED = "side", "front", "above", "raised", "angled"

# One set of proportions for every figure, in body units (standing height is about 142).
BODY = {
    "head": 9.5,  # radius
    "neck": 13.0,  # neck base to the centre of the head
    "lower_trunk": 22.0,  # pelvis to waist
    "upper_trunk": 26.0,  # waist to neck base
    "upper_arm": 26.0,
    "forearm": 28.0,  # elbow to the middle of the hand
    "thigh": 34.0,
    "shin": 32.0,
    "foot": 12.0,  # ankle to toes
    "shoulders": 15.0,  # half the shoulder width (front and top views)
    "hips": 9.0,  # half the hip width (front and top views)
    "shoulder_drop": 4.0,  # shoulders sit a little below the neck base
}
ANKLE_HEIGHT = 5.0  # an ankle of a foot flat on the floor

WIDTH, HEIGHT = 240, 170  # the frame every picture is fitted into
MARGIN = 9  # around the fitted drawing, in the frame's units
MAX_SCALE = 1.65  # so that a compact pose is not drawn as a giant
LIMB, TRUNK, TRUNK_WIDE, HAND = 7, 12, 18, 3.7  # HAND: the radius of a hand
# A body, not sticks: each part is a filled shape whose width (in body units) tapers along
# it, from the root of a limb to its end, with round joints.
ARM_WIDTHS = (7.5, 5.6, 4.4)  # shoulder, elbow, wrist
LEG_WIDTHS = (11.0, 7.6, 5.2)  # hip, knee, ankle
FOOT_WIDTHS = (5.6, 3.4)  # heel, toes
NECK_WIDTH = 5.6
# Along the trunk, from the pelvis to the top of the chest (side view; front view wider).
TRUNK_WIDTHS = ((0, 14.0), (0.5, 11.5), (0.8, 15.0), (1, 12.0))
TRUNK_WIDE_WIDTHS = ((0, 19.0), (0.5, 16.0), (0.8, 21.0), (1, 18.0))
HIPS_WIDTH, SHOULDERS_WIDTH = 11.0, 8.0  # the lines across, in front and top views
HEEL = 3.5  # how far a heel reaches behind the ankle
NECK_GAP = 2.5  # clear space between the top of the trunk and the head
MIN_CHEST = 0.8  # the chest drawn is at least this share of waist to neck

# Light and dark colours: the figure is the page's text colour, far limbs and the floor
# a quieter grey, props the muted accent. Each meets 3:1 against its page background.
COLOURS = {
    "light": {"figure": "#1d232a", "far": "#7b858f", "prop": "#3d7887", "floor": "#8a939c"},
    "dark": {"figure": "#eef1f4", "far": "#98a3ae", "prop": "#6fb7c8", "floor": "#7d8893"},
}


def direction(angle):
    radians = math.radians(angle)
    return math.cos(radians), math.sin(radians)


def along(point, angle, length):
    dx, dy = direction(angle)
    return point[0] + dx * length, point[1] + dy * length


def lerp(a, b, t):
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def angle_to(a, b):
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


@dataclass(frozen=True)
class Bend:
    """A limb set by its angles: upper segment, lower segment, and (legs) the foot."""

    upper: float
    lower: float
    end: float | None = None  # the foot's angle; default: square to the shin
    upper_scale: float = 1.0  # < 1 foreshortens a segment pointing out of the picture
    lower_scale: float = 1.0
    end_scale: float = 1.0


@dataclass(frozen=True)
class Reach:
    """A limb whose hand or ankle goes to `target` (a point, or a function of the joints).

    `bend` picks the elbow or knee side: +1 bends it anticlockwise of the straight line.
    """

    target: Any
    bend: int = 1
    end: float | None = None
    end_scale: float = 1.0
    upper_scale: float = 1.0
    lower_scale: float = 1.0


@dataclass(frozen=True)
class Frame:
    """One keyframe: where the pelvis is, how the trunk and head lie, and the four limbs."""

    pelvis: tuple
    trunk: float = 90  # pelvis to waist
    chest: float | None = None  # waist to neck; default: the same as the trunk
    head: float | None = None  # neck to head; default: the same as the chest
    legs: dict = field(default_factory=dict)  # "l"/"r" -> Bend or Reach
    arms: dict = field(default_factory=dict)
    width: float = 1.0  # shoulder width factor in front and top views (a turned trunk)
    hip_width: float = 1.0  # the same for the hips (a pelvis turned to one side)
    trunk_scale: float = 1.0  # < 1 foreshortens a trunk leaning towards the viewer
    # Raised views: the picture vector from the middle of the hips (and shoulders) to the
    # person's left, per unit of half-width; default: square to the trunk, times width.
    across: tuple | None = None
    chest_across: tuple | None = None  # the same for the shoulders, when the chest turns


@dataclass(frozen=True)
class Prop:
    """A simple shape. `kind` is one of the `_PROP_SHAPES`; `at` may name joints."""

    kind: str
    at: Any = None
    size: tuple = ()
    front: bool = False  # drawn over the figure rather than behind it


@dataclass(frozen=True)
class Drawing:
    key: str
    title: str  # short: what the picture is
    alt: str  # the position, for people who cannot see the picture
    view: str
    frames: tuple  # one or two `Frame`s; the first is the still picture
    props: tuple = ()
    floor: bool = True
    # A movement (cat-cow, a tilt, knee rolls) goes back and forth between its keyframes;
    # a held pose moves once from the first keyframe (the start) into the second and stays.
    movement: bool = False
    # A movement's arrow: (joint, (dx, dy)) draws a two-headed arrow from where that joint
    # is in the first keyframe to where it is in the second, moved (dx, dy) off the body.
    arrow: tuple = ()
    # In an angled view seen from the front and the person's right, the right limbs are
    # nearest (drawn dark), the left ones lighter.
    near: str = "l"


def _limb(base, spec, upper_len, lower_len, joints, is_leg):
    if isinstance(spec, Reach):
        target = spec.target(joints) if callable(spec.target) else spec.target
        a, b = upper_len * spec.upper_scale, lower_len * spec.lower_scale
        distance = math.dist(base, target)
        distance = min(max(distance, abs(a - b) + 0.01), a + b - 0.01)
        toward = angle_to(base, target)
        cos_alpha = (a * a + distance * distance - b * b) / (2 * a * distance)
        alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_alpha))))
        upper = toward + spec.bend * alpha
        middle = along(base, upper, a)
        lower = angle_to(middle, target)
        end_point = along(middle, lower, b)
    else:
        middle = along(base, spec.upper, upper_len * spec.upper_scale)
        lower = spec.lower
        end_point = along(middle, lower, lower_len * spec.lower_scale)
    points = [base, middle, end_point]
    if is_leg:
        foot_angle = spec.end if spec.end is not None else lower + 90
        points.append(along(end_point, foot_angle, BODY["foot"] * spec.end_scale))
    return points


def pose_joints(frame, view):
    """The named joint positions of `frame`, in scene coordinates."""
    chest = frame.trunk if frame.chest is None else frame.chest
    head = chest if frame.head is None else frame.head
    pelvis = frame.pelvis
    waist = along(pelvis, frame.trunk, BODY["lower_trunk"] * frame.trunk_scale)
    neck = along(waist, chest, BODY["upper_trunk"] * frame.trunk_scale)
    joints = {
        "pelvis": pelvis,
        "waist": waist,
        "neck": neck,
        "head": along(neck, head, BODY["neck"] * frame.trunk_scale),
    }
    wide = view != SIDE
    shoulder_base = along(neck, chest, -BODY["shoulder_drop"])
    for side, sign in (("l", 1), ("r", -1)):
        # The person's left lies clockwise of the trunk's direction.
        across_chest = (math.sin(math.radians(chest)), -math.cos(math.radians(chest)))
        across_hips = (math.sin(math.radians(frame.trunk)), -math.cos(math.radians(frame.trunk)))
        half_shoulders = BODY["shoulders"] * frame.width * sign if wide else 0
        half_hips = BODY["hips"] * frame.hip_width * sign if wide else 0
        if frame.across is not None:
            across_chest = across_hips = frame.across
            if frame.chest_across is not None:
                across_chest = frame.chest_across
            half_shoulders, half_hips = BODY["shoulders"] * sign, BODY["hips"] * sign
        joints[f"shoulder_{side}"] = (
            shoulder_base[0] + across_chest[0] * half_shoulders,
            shoulder_base[1] + across_chest[1] * half_shoulders,
        )
        joints[f"hip_{side}"] = (
            pelvis[0] + across_hips[0] * half_hips,
            pelvis[1] + across_hips[1] * half_hips,
        )
    for side, spec in frame.legs.items():  # in the order written: one may rest on the other
        _, knee, ankle, toe = _limb(
            joints[f"hip_{side}"], spec, BODY["thigh"], BODY["shin"], joints, True
        )
        joints.update({f"knee_{side}": knee, f"ankle_{side}": ankle, f"toe_{side}": toe})
    for side, spec in frame.arms.items():
        _, elbow, hand = _limb(
            joints[f"shoulder_{side}"], spec, BODY["upper_arm"], BODY["forearm"], joints, False
        )
        joints.update({f"elbow_{side}": elbow, f"hand_{side}": hand})
    return joints


# -- Turning scene points into path data ---------------------------------------------


class _Place:
    """Scene coordinates -> picture coordinates for one drawing (flip, offset).

    The picture's scale is applied by the SVG (a transform on the drawing's group), so
    path data and stroke widths stay in body units.
    """

    def __init__(self, view, dx, dy):
        self.flip = -1 if view == SIDE else 1
        self.view, self.dx, self.dy = view, dx, dy
        self.seen = []  # every placed point, to find the drawing's extent

    def __call__(self, point, margin=0.0):
        x, y = self.flip * point[0] + self.dx, self.dy - point[1]
        self.seen += [(x - margin, y - margin), (x + margin, y + margin)]
        return x, y

    def mark(self, point, margin):
        """Count a point's neighbourhood in the extent (a stroke's width around it)."""
        self(point, margin)


def _n(value):
    text = f"{value:.1f}"
    return "0" if text == "-0.0" else text.removesuffix(".0")


def _line(place, points, width=LIMB):
    coords = [place(p, width / 2) for p in points]
    return "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in coords)


def _area(polygon):
    """Twice the signed area of a polygon (its sign says which way it winds)."""
    closed = polygon[1:] + polygon[:1]
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(polygon, closed, strict=True))


def _disc(x, y, radius):
    """A circle at picture point (x, y), drawn anticlockwise like every `_taper` part."""
    r = _n(radius)
    return (
        f"M{_n(x - radius)} {_n(y)} a{r} {r} 0 1 0 {_n(2 * radius)} 0 "
        f"a{r} {r} 0 1 0 {_n(-2 * radius)} 0Z"
    )


def _taper(place, points, widths):
    """A filled shape through `points`, `widths[i]` wide at each: a quadrilateral per
    segment and a round joint at every point. Every part winds the same way, so where
    they overlap the fill stays whole."""
    placed = [place(p, w / 2) for p, w in zip(points, widths, strict=True)]
    parts = []
    for (a, wa), (b, wb) in itertools.pairwise(zip(placed, widths, strict=True)):
        length = math.dist(a, b)
        if length < 0.01:
            continue
        nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
        quad = [
            (a[0] + nx * wa / 2, a[1] + ny * wa / 2),
            (b[0] + nx * wb / 2, b[1] + ny * wb / 2),
            (b[0] - nx * wb / 2, b[1] - ny * wb / 2),
            (a[0] - nx * wa / 2, a[1] - ny * wa / 2),
        ]
        if _area(quad) > 0:  # the discs wind the other way: match them
            quad.reverse()
        parts.append("M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in quad) + "Z")
    parts += [_disc(x, y, w / 2) for (x, y), w in zip(placed, widths, strict=True)]
    return "".join(parts)


def _torso(place, start, middle, end, widths):
    """The trunk: a body that follows the curve from the pelvis through the waist to the
    top of the chest, narrower at the waist than at the hips and the chest."""
    control = (2 * middle[0] - (start[0] + end[0]) / 2, 2 * middle[1] - (start[1] + end[1]) / 2)
    steps = 10
    points, sizes = [], []
    for i in range(steps + 1):
        t = i / steps
        points.append(
            tuple(
                (1 - t) ** 2 * s0 + 2 * (1 - t) * t * c + t * t * e
                for s0, c, e in zip(start, control, end, strict=True)
            )
        )
        for (t0, w0), (t1, w1) in itertools.pairwise(widths):
            if t0 <= t <= t1:
                sizes.append(w0 + (w1 - w0) * (t - t0) / (t1 - t0))
                break
    return _outline(place, points, sizes)


def _outline(place, points, widths):
    """One smooth filled outline along `points` (the trunk), round at both ends."""
    placed = [place(p, w / 2) for p, w in zip(points, widths, strict=True)]
    left, right = [], []
    for i, ((x, y), w) in enumerate(zip(placed, widths, strict=True)):
        (ax, ay), (bx, by) = placed[max(i - 1, 0)], placed[min(i + 1, len(placed) - 1)]
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx, ny = -(by - ay) / length, (bx - ax) / length
        left.append((x + nx * w / 2, y + ny * w / 2))
        right.append((x - nx * w / 2, y - ny * w / 2))
    shape = left + right[::-1]
    if _area(shape) > 0:
        shape.reverse()
    body = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in shape) + "Z"
    ends = (placed[0], widths[0]), (placed[-1], widths[-1])
    return body + "".join(_disc(x, y, w / 2) for (x, y), w in ends)


def _curve(place, start, middle, end):
    """A smooth curve from `start` through `middle` to `end` (a quadratic Bézier)."""
    control = (2 * middle[0] - (start[0] + end[0]) / 2, 2 * middle[1] - (start[1] + end[1]) / 2)
    (x0, y0), (cx, cy), (x1, y1) = place(start, TRUNK), place(control), place(end, TRUNK)
    return f"M{_n(x0)} {_n(y0)} Q{_n(cx)} {_n(cy)} {_n(x1)} {_n(y1)}"


def _circle(place, centre, radius):
    """A circle as a path (two arcs), so it can move like every other part."""
    x, y = place(centre, radius)
    r = _n(radius)
    return (
        f"M{_n(x - radius)} {_n(y)} a{r} {r} 0 1 0 {_n(2 * radius)} 0 "
        f"a{r} {r} 0 1 0 {_n(-2 * radius)} 0Z"
    )


def _trunk_top(joints, width):
    """Where the trunk's line ends, so its round cap stops NECK_GAP short of the head."""
    head, waist = joints["head"], joints["waist"]
    top = along(head, angle_to(head, joints["neck"]), BODY["head"] + NECK_GAP + width / 2)
    # A head bent far from the chest would leave only a stub of chest: keep most of it.
    shortest = MIN_CHEST * math.dist(waist, joints["neck"])
    if math.dist(waist, top) < shortest:
        top = along(waist, angle_to(waist, top), shortest)
    return top


def _figure_parts(joints, view, place, near="l"):
    """(css class, path data) for each part of the figure, back to front."""
    far = {"l": "r", "r": "l"}[near] if view in (SIDE, RAISED, ANGLED) else None
    parts = []

    def limb(side, kind, css):
        if kind == "arm":
            names = ("shoulder", "elbow", "hand")
            hand = joints[f"hand_{side}"]
            return [
                (css, _taper(place, [joints[f"{name}_{side}"] for name in names], ARM_WIDTHS)),
                ("hand" if css == "limb" else "far-hand", _circle(place, hand, HAND)),
            ]
        ankle, toe = joints[f"ankle_{side}"], joints[f"toe_{side}"]
        heel = along(ankle, angle_to(ankle, toe), -HEEL)
        leg = [joints[f"{name}_{side}"] for name in ("hip", "knee", "ankle")]
        return [
            (css, _taper(place, leg, LEG_WIDTHS)),
            (css, _taper(place, [heel, toe], FOOT_WIDTHS)),
        ]

    for kind in ("leg", "arm"):
        for side in ("r", "l"):
            if side == far:
                parts += limb(side, kind, "far")
    wide = view in (FRONT, ABOVE, ANGLED)
    width = TRUNK_WIDE if wide else TRUNK
    top = _trunk_top(joints, width)
    widths = TRUNK_WIDE_WIDTHS if wide else TRUNK_WIDTHS
    trunk = _torso(place, joints["pelvis"], joints["waist"], top, widths)
    parts.append(("trunk-wide" if wide else "trunk", trunk))
    if view != SIDE:
        hips = [joints["hip_l"], joints["hip_r"]]
        shoulders = [joints["shoulder_l"], joints["shoulder_r"]]
        parts.append(("limb", _taper(place, hips, (HIPS_WIDTH, HIPS_WIDTH))))
        parts.append(("limb", _taper(place, shoulders, (SHOULDERS_WIDTH, SHOULDERS_WIDTH))))
    parts.append(("limb", _taper(place, [top, joints["head"]], (NECK_WIDTH, NECK_WIDTH))))
    parts.append(("head", _circle(place, joints["head"], BODY["head"])))
    for kind in ("leg", "arm"):
        for side in ("r", "l"):
            if side != far:
                parts += limb(side, kind, "limb")
    return parts


# -- Props -----------------------------------------------------------------------------


def _resolve(at, joints):
    return at(joints) if callable(at) else at


def _rect(place, corner, width, height, radius):
    """A rounded rectangle from its lower-left scene corner, as a path."""
    x0, y0 = place(corner)
    x1, y1 = place((corner[0] + width, corner[1] + height))
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = min(y0, y1), max(y0, y1)
    r = min(radius, (right - left) / 2, (bottom - top) / 2)
    return (
        f"M{_n(left + r)} {_n(top)} H{_n(right - r)} a{_n(r)} {_n(r)} 0 0 1 {_n(r)} {_n(r)} "
        f"V{_n(bottom - r)} a{_n(r)} {_n(r)} 0 0 1 {_n(-r)} {_n(r)} H{_n(left + r)} "
        f"a{_n(r)} {_n(r)} 0 0 1 {_n(-r)} {_n(-r)} V{_n(top + r)} "
        f"a{_n(r)} {_n(r)} 0 0 1 {_n(r)} {_n(-r)}Z"
    )


def _prop_parts(prop, joints, place):
    """(css class, path data) for one prop."""
    at = _resolve(prop.at, joints)
    kind = prop.kind
    if kind == "mat":  # a mat on the floor from x0 to x1 (side and front views)
        x0, x1 = at
        return [("prop-fill", _rect(place, (x0, -1.5), x1 - x0, 3.5, 1.5))]
    if kind == "mat-above":  # a mat seen from above, under the body: (x0, y0, x1, y1)
        x0, y0, x1, y1 = at
        return [("prop-soft", _rect(place, (x0, y0), x1 - x0, y1 - y0, 4))]
    if kind == "roller":  # a foam roller seen end-on: on the floor at x, or centred at (x, y)
        radius = prop.size[0] if prop.size else 10
        centre = at if isinstance(at, tuple) else (at, radius)
        return [("prop-solid", _circle(place, centre, radius))]
    # A flat shape through the given points (a mat seen at an angle); a block is a solid
    # seen at an angle (a cushion), the outline round its corners.
    if kind in ("patch", "block"):
        outline = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in map(place, at)) + "Z"
        return [("prop-soft" if kind == "patch" else "prop-solid", outline)]
    if kind == "cushion":  # a cushion: lower-left corner, (width, height)
        width, height = prop.size
        return [("prop-solid", _rect(place, at, width, height, min(height / 2, 6)))]
    if kind == "weight":  # a small dumbbell held in the hand at `at`
        x, y = at
        return [
            ("prop-solid", _rect(place, (x - 3, y - 10), 6, 20, 3)),
            ("prop-solid", _rect(place, (x - 6, y - 13), 12, 6, 2)),
            ("prop-solid", _rect(place, (x - 6, y + 7), 12, 6, 2)),
        ]
    if kind == "strap":  # from each hand to a loop around the sole of a foot
        hands, (ankle, toe) = at
        sole_angle = angle_to(ankle, toe) + 90 * prop.size[0]
        heel = along(lerp(ankle, toe, 0.15), sole_angle, 5)
        ball = along(lerp(ankle, toe, 0.9), sole_angle, 5)
        paths = [("strap", _line(place, [hand, ball, heel, hand])) for hand in hands[:1]]
        paths += [("strap", _line(place, [hand, heel])) for hand in hands[1:]]
        return paths
    if kind == "chair-side":  # a chair seen from the side: front edge x, facing +1/-1
        x, facing = at, prop.size[0]
        seat = prop.size[1] if len(prop.size) > 1 else 44
        back = x - 40 * facing
        return [
            ("prop", _line(place, [(x, 0), (x, seat), (back, seat), (back, 0)])),
            ("prop", _line(place, [(back, seat), (back - 3 * facing, seat + 44)])),
        ]
    if kind == "chair-front":  # a chair seen from the front, centred on x
        x = at
        return [
            ("prop", _line(place, [(x - 24, 86), (x - 24, 0)])),
            ("prop", _line(place, [(x + 24, 86), (x + 24, 0)])),
            ("prop", _line(place, [(x - 24, 86), (x + 24, 86)])),
            ("prop-solid", _rect(place, (x - 28, 40), 56, 6, 2)),
        ]
    if kind == "wall":  # a wall at x, behind a standing person; size: (height,)
        return [("wall", _line(place, [(at, 0), (at, prop.size[0] if prop.size else 150)]))]
    raise ValueError(f"Unknown prop: {kind}")


# -- The one renderer ------------------------------------------------------------------

ARROW_MIN = 12  # the shortest arrow drawn, in body units
ARROW_HEAD = 4.5


def _arrow_parts(drawing, frames, place):
    """(css class, path data) for a movement's two-headed arrow, or nothing."""
    if not drawing.arrow or len(frames) < 2:
        return []
    joint, (dx, dy) = drawing.arrow
    a = (frames[0][joint][0] + dx, frames[0][joint][1] + dy)
    b = (frames[1][joint][0] + dx, frames[1][joint][1] + dy)
    heading = angle_to(a, b)
    if math.dist(a, b) < ARROW_MIN:  # a small movement still gets a readable arrow
        middle = lerp(a, b, 0.5)
        a, b = along(middle, heading, -ARROW_MIN / 2), along(middle, heading, ARROW_MIN / 2)
    heads = []
    for tip, back in ((b, heading + 180), (a, heading)):
        heads.append(
            _line(
                place, [along(tip, back - 35, ARROW_HEAD), tip, along(tip, back + 35, ARROW_HEAD)]
            )
        )
    return [("arrow", _line(place, [a, b]))] + [("arrow", head) for head in heads]


def _style(animated, movement):
    light, dark = COLOURS["light"], COLOURS["dark"]

    def colours(c):
        return (
            f".limb,.trunk,.trunk-wide,.head,.hand{{fill:{c['figure']}}}"
            f".far,.far-hand{{fill:{c['far']}}}"
            f".floor{{stroke:{c['floor']}}}"
            f".prop,.prop-thick,.strap,.wall,.arrow{{stroke:{c['prop']}}}"
            f".prop-solid{{fill:{c['prop']};stroke:{c['prop']}}}"
            f".prop-fill{{fill:{c['prop']}}}"
            f".prop-soft{{stroke:{c['prop']};fill:{c['prop']}}}"
        )

    shapes = (
        "path{fill:none;stroke-linecap:round;stroke-linejoin:round}"
        ".floor{stroke-width:2}.prop{stroke-width:4}.prop-thick{stroke-width:6}"
        ".wall{stroke-width:6}.strap{stroke-width:2.5}.arrow{stroke-width:2.2}"
        ".prop-solid{fill-opacity:.35;stroke-width:2.5}.prop-fill{fill-opacity:.45}"
        ".prop-soft{fill-opacity:.13;stroke-opacity:.4;stroke-width:1.5}"
    )
    css = shapes + colours(light) + f"@media (prefers-color-scheme:dark){{{colours(dark)}}}"
    if animated:
        # The keyframes cross-fade (opacity, which every browser animates in an <img>,
        # Safari too): the second is hidden until motion is welcome.
        css += ".k1{opacity:0}"
        if movement:  # back and forth, resting a while in each position
            moves = (
                ".k0{animation:k0 7s ease-in-out infinite}"
                ".k1{animation:k1 7s ease-in-out infinite}"
                "@keyframes k0{0%,38%,100%{opacity:1}50%,88%{opacity:0}}"
                "@keyframes k1{0%,38%,100%{opacity:0}50%,88%{opacity:1}}"
            )
        else:  # into the held position once, and stay there: no bouncing
            moves = (
                ".k0{animation:k0 1.2s ease-in-out 1s both}"
                ".k1{animation:k1 1.2s ease-in-out 1s both}"
                "@keyframes k0{from{opacity:1}to{opacity:0}}"
                "@keyframes k1{from{opacity:0}to{opacity:1}}"
            )
        css += f"@media (prefers-reduced-motion:no-preference){{{moves}}}"
    return css


def _fit_mats(drawing, frames):
    """Mats given without an extent run under the whole figure (every keyframe)."""
    points = [p for joints in frames for p in joints.values()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    props = []
    for prop in drawing.props:
        if prop.kind == "mat" and prop.at is None:
            prop = Prop("mat", (min(xs) - 8, max(xs) + 8))
        elif prop.kind == "mat-above" and prop.at is None:
            prop = Prop("mat-above", (-25, min(ys) - 6, 25, max(ys) + 6))
        props.append(prop)
    return props


def render(drawing):
    """The SVG document for `drawing`, as text."""
    frames = [pose_joints(frame, drawing.view) for frame in drawing.frames]
    props = _fit_mats(drawing, frames)
    floor = drawing.floor and drawing.view in (SIDE, FRONT, ANGLED)
    place = _Place(drawing.view, 0, 0)

    def layers(joints):
        behind, over = [], []
        for prop in props:
            (over if prop.front else behind).extend(_prop_parts(prop, joints, place))
        return behind, _figure_parts(joints, drawing.view, place, drawing.near), over

    still = layers(frames[0])
    moved = layers(frames[1]) if len(frames) > 1 else still
    arrow = _arrow_parts(drawing, frames, place)
    # Fit everything drawn (all keyframes, props, the floor under them) into the frame.
    xs = [x for x, _ in place.seen]
    ys = [y for _, y in place.seen] + ([0.0] if floor else [])
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    scale = min(
        (WIDTH - 2 * MARGIN) / (right - left),
        (HEIGHT - 2 * MARGIN) / (bottom - top),
        MAX_SCALE,
    )
    tx = WIDTH / 2 - scale * (left + right) / 2
    # Standing on the floor: the floor sits at the bottom margin; otherwise centred.
    ty = HEIGHT - MARGIN - scale * bottom if floor else HEIGHT / 2 - scale * (top + bottom) / 2
    animated = False
    elements = []
    if floor:
        x0, x1 = (4 - tx) / scale, (WIDTH - 4 - tx) / scale
        elements.append(f'<path class="floor" d="M{_n(x0)} 1H{_n(x1)}"/>')
    # A part that moves is drawn in both keyframes, each in its keyframe's group (k0, k1),
    # in its own place in the drawing order, so what is in front stays in front.
    for layer_still, layer_moved in zip(still, moved, strict=True):
        for (css, d), (_, d_moved) in zip(layer_still, layer_moved, strict=True):
            if d_moved != d:
                animated = True
                elements.append(
                    f'<g class="k0"><path class="{css}" d="{d}"/></g>'
                    f'<g class="k1"><path class="{css}" d="{d_moved}"/></g>'
                )
            else:
                elements.append(f'<path class="{css}" d="{d}"/>')
    elements += [f'<path class="{css}" d="{d}"/>' for css, d in arrow]
    body = "".join(elements)
    title = _escape(drawing.alt)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img">'
        f"<title>{title}</title><style>{_style(animated, drawing.movement)}</style>"
        f'<g transform="matrix({_n3(scale)} 0 0 {_n3(scale)} {_n(tx)} {_n(ty)})">{body}</g></svg>\n'
    )


def _n3(value):
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
