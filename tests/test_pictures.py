"""The pose pictures: the figure model's SVG, the committed files, and the mapping."""

import dataclasses
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pictures import drawings, figures, poses
from pictures.management.commands.draw_poses import POSES_DIR
from stretches import starter_library

SVG = "{http://www.w3.org/2000/svg}"
ADDED_BY_THE_SAFETY_ISSUE = [
    "knee-rolls",
    "pelvic-tilt",
    "cat-cow",
    "bottom-to-heels",
    "lying-hamstring-stretch",
]


@pytest.mark.parametrize("drawing", poses.DRAWINGS, ids=lambda d: d.key)
def test_every_drawing_is_valid_svg_with_a_title(drawing):
    root = ET.fromstring(figures.render(drawing))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {figures.WIDTH} {figures.HEIGHT}"
    assert root.find(f"{SVG}title").text == drawing.alt
    assert len(drawing.alt) > 60  # it describes the position, not just the name
    assert len(root.findall(f".//{SVG}path")) >= 8  # head, trunk, four limbs, two hands


def test_the_committed_files_are_what_the_generator_draws():
    committed = {path.stem: path.read_text(encoding="utf-8") for path in POSES_DIR.glob("*.svg")}
    drawn = {drawing.key: figures.render(drawing) for drawing in poses.DRAWINGS}
    assert committed.keys() == drawn.keys(), "run `make pictures` and commit the result"
    for key, svg in drawn.items():
        assert committed[key] == svg, f"{key}.svg is stale: run `make pictures`"


def test_keyframes_cross_fade_only_without_reduced_motion():
    svg = figures.render(poses.KNEES_TO_CHEST)
    assert "@media (prefers-reduced-motion:no-preference){" in svg
    before_motion = svg.split("@media (prefers-reduced-motion")[0]
    assert "animation" not in before_motion
    # Still, the second keyframe is hidden: what shows is the first, the start.
    assert ".k1{opacity:0}" in before_motion
    # Opacity, which Safari animates in an <img>; never the paths' shapes.
    assert "d:path" not in svg
    assert "@keyframes k0{" in svg
    assert "@keyframes k1{" in svg
    still = figures.render(
        dataclasses.replace(poses.KNEES_TO_CHEST, frames=poses.KNEES_TO_CHEST.frames[:1])
    )
    assert "animation" not in still
    assert "k1" not in still
    assert ET.fromstring(still).findall(f".//{SVG}path")[-1].get("d") in svg


@pytest.mark.parametrize(
    "drawing", [d for d in poses.DRAWINGS if len(d.frames) == 2], ids=lambda d: d.key
)
def test_every_two_keyframe_picture_draws_both_keyframes(drawing):
    root = ET.fromstring(figures.render(drawing))
    first = root.findall(f".//{SVG}g[@class='k0']/{SVG}path")
    second = root.findall(f".//{SVG}g[@class='k1']/{SVG}path")
    assert first, "nothing moves between the keyframes"
    assert len(first) == len(second)
    assert [p.get("d") for p in first] != [p.get("d") for p in second]


def test_a_movement_goes_back_and_forth_and_a_hold_moves_into_place_once():
    movement = figures.render(poses.CAT_COW)
    assert "infinite" in movement
    hold = figures.render(poses.KNEES_TO_CHEST)
    assert "infinite" not in hold
    assert "1.2s ease-in-out 1s both" in hold  # then it stays in the held position


def test_colours_follow_the_theme():
    svg = figures.render(poses.LUNGE)
    assert figures.COLOURS["light"]["figure"] in svg
    assert "@media (prefers-color-scheme:dark){" in svg
    assert figures.COLOURS["dark"]["figure"] in svg.split("prefers-color-scheme:dark")[1]


def test_side_views_face_left_so_the_near_limbs_are_the_left_ones():
    # Written facing +x; drawn flipped: the toes end up left of the heels.
    frame = poses.LUNGE.frames[0]
    joints = figures.pose_joints(frame, figures.SIDE)
    place = figures._Place(figures.SIDE, 0, 0)
    assert place(joints["toe_r"])[0] < place(joints["ankle_r"])[0]
    front = figures._Place(figures.FRONT, 0, 0)
    assert front(joints["toe_r"])[0] > front(joints["ankle_r"])[0]


def test_front_views_put_the_persons_left_on_the_pictures_right():
    joints = figures.pose_joints(poses.SIDE_BEND.frames[0], figures.FRONT)
    assert joints["hip_l"][0] > joints["hip_r"][0]
    assert joints["shoulder_l"][0] > joints["shoulder_r"][0]


def test_every_limb_keeps_the_same_proportions():
    for drawing in poses.DRAWINGS:
        for frame in drawing.frames:
            joints = figures.pose_joints(frame, drawing.view)
            for side in "lr":
                thigh = abs(complex(*joints[f"knee_{side}"]) - complex(*joints[f"hip_{side}"]))
                arm = abs(complex(*joints[f"elbow_{side}"]) - complex(*joints[f"shoulder_{side}"]))
                # Foreshortened segments may be shorter, never longer.
                assert thigh <= figures.BODY["thigh"] + 0.01, drawing.key
                assert arm <= figures.BODY["upper_arm"] + 0.01, drawing.key


def test_every_starter_exercise_and_variation_that_differs_has_a_drawing():
    slugs = {exercise["slug"]: exercise for exercise in starter_library.EXERCISES}
    for slug in [*slugs, *ADDED_BY_THE_SAFETY_ISSUE]:
        assert slugs[slug]["drawing"] in poses.BY_KEY, slug
    for exercise in starter_library.EXERCISES:
        for variation in exercise["variations"]:
            assert variation["drawing"] in poses.BY_KEY, variation["name"]


SAFETY_VARIATIONS = [
    ("knee-rolls", "Knees lifted"),
    ("pelvic-tilt", "Sitting on a chair"),
    ("pelvic-tilt", "Into a small bridge"),
    ("cat-cow", "Seated cat–cow"),
    ("bottom-to-heels", "Cushion on your heels"),
    ("bottom-to-heels", "Hands walked to one side"),
    ("lying-hamstring-stretch", "Knee a little bent"),
    ("lying-hamstring-stretch", "Other leg straight"),
]


def _starter(slug, name=None):
    exercise = next(e for e in starter_library.EXERCISES if e["slug"] == slug)
    if name is None:
        return exercise["drawing"]
    return next(v for v in exercise["variations"] if v["name"] == name)["drawing"]


@pytest.mark.parametrize(("slug", "name"), SAFETY_VARIATIONS)
def test_the_safety_reviews_variations_have_their_own_drawings(slug, name):
    key, plain = _starter(slug, name), _starter(slug)
    assert key != plain
    assert poses.BY_KEY[key].alt != poses.BY_KEY[plain].alt


def test_a_head_bent_far_down_keeps_most_of_the_chest():
    joints = figures.pose_joints(poses.FORWARD_BEND.frames[0], figures.SIDE)
    top = figures._trunk_top(joints, figures.TRUNK)
    chest = abs(complex(*joints["neck"]) - complex(*joints["waist"]))
    drawn = abs(complex(*top) - complex(*joints["waist"]))
    assert drawn >= figures.MIN_CHEST * chest - 0.01


def test_raised_views_draw_the_far_limbs_lighter_and_nearer_things_lower():
    svg = figures.render(poses.KNEE_ROLLS)
    assert 'class="far"' in svg
    frame = poses.KNEE_ROLLS.frames[0]
    joints = figures.pose_joints(frame, figures.RAISED)
    assert joints["hip_l"][1] < joints["hip_r"][1]  # the near hip sits lower
    place = figures._Place(figures.RAISED, 0, 0)
    assert place(joints["head"])[0] > place(joints["pelvis"])[0]  # written as seen


def test_every_drawing_is_used():
    used = {exercise["drawing"] for exercise in starter_library.EXERCISES} | {
        variation["drawing"]
        for exercise in starter_library.EXERCISES
        for variation in exercise["variations"]
    }
    assert used == set(poses.BY_KEY)


@dataclasses.dataclass
class _Exercise:  # just the fields drawing_for reads; no database needed
    drawing: str
    picture: str = ""
    picture_alt: str = ""


@dataclasses.dataclass
class _Variation:
    drawing: str = ""


def test_drawing_for_prefers_the_variations_own_drawing():
    twist = _Exercise("supine-spinal-twist")
    assert drawings.drawing_for(twist).url.endswith("/img/poses/supine-spinal-twist.svg")
    pillow = drawings.drawing_for(twist, _Variation("supine-spinal-twist-pillow"))
    assert pillow.url.endswith("/img/poses/supine-spinal-twist-pillow.svg")
    assert "pillow" in pillow.alt
    same = drawings.drawing_for(twist, _Variation(""))
    assert same.url.endswith("/img/poses/supine-spinal-twist.svg")


def test_an_exercise_without_a_drawing_has_no_picture():
    assert drawings.drawing_for(_Exercise("")) is None
    assert drawings.drawing_for(_Exercise("no-such-drawing")) is None


def test_the_choices_are_every_drawing_by_its_title():
    choices = dict(drawings.drawing_choices())
    assert choices.keys() == poses.BY_KEY.keys()
    assert choices["pigeon-pose"] == "Pigeon pose"


def test_the_static_files_exist_where_the_urls_point():
    for key in poses.BY_KEY:
        assert (Path(POSES_DIR) / f"{key}.svg").is_file()


@pytest.mark.parametrize("drawing", poses.DRAWINGS, ids=lambda d: d.key)
def test_a_movement_shows_its_direction_with_an_arrow_and_a_hold_has_none(drawing):
    arrows = ET.fromstring(figures.render(drawing)).findall(f".//{SVG}path[@class='arrow']")
    if drawing.movement:
        assert len(arrows) == 3  # the shaft and a head at each end: back and forth
    else:
        assert arrows == []


def test_the_movements_are_the_ones_that_go_back_and_forth():
    moving = {drawing.key for drawing in poses.DRAWINGS if drawing.movement}
    assert {"cat-cow", "pelvic-tilt", "knee-rolls", "supine-spinal-twist"} <= moving
    assert "standing-forward-bend" not in moving


@pytest.mark.parametrize("drawing", [poses.LUNGE, poses.LUNGE_CUSHION, poses.LUNGE_FOOT])
def test_a_lunges_front_knee_stays_over_the_ankle_in_every_keyframe(drawing):
    for frame in drawing.frames:
        joints = figures.pose_joints(frame, drawing.view)
        knee, ankle = joints["knee_r"][0], joints["ankle_r"][0]
        assert knee <= ankle + 0.01, "the front knee passes the toes' side of the ankle"
        assert ankle - knee < 10, "the front shin leans far back"


@pytest.mark.parametrize("drawing", [poses.SIDE_BEND, poses.SIDE_BEND_WEIGHT])
def test_the_standing_side_bends_legs_are_straight(drawing):
    for frame in drawing.frames:
        joints = figures.pose_joints(frame, drawing.view)
        for side in "lr":
            leg = math.dist(joints[f"hip_{side}"], joints[f"ankle_{side}"])
            assert leg == pytest.approx(figures.BODY["thigh"] + figures.BODY["shin"], abs=0.05)


@pytest.mark.parametrize("drawing", [poses.CHILDS_POSE, poses.CHILDS_POSE_CUSHION])
def test_bottom_to_heels_rests_the_forehead_down(drawing):
    joints = figures.pose_joints(drawing.frames[0], drawing.view)
    assert joints["head"][1] - figures.BODY["head"] < 3  # the head touches the mat


def test_the_side_bends_harder_versions_are_seen_at_an_angle_the_plain_one_is_not():
    assert poses.SIDE_BEND.view == figures.FRONT
    for drawing in (poses.SIDE_BEND_TWIST, poses.SIDE_BEND_FORWARD):
        assert drawing.view == figures.ANGLED
        still, held = (figures.pose_joints(f, drawing.view) for f in drawing.frames)
        assert still != held
    # The twist turns the shoulders against the hips; the forward bend does not.
    twist = poses.SIDE_BEND_TWIST.frames[1]
    forward = poses.SIDE_BEND_FORWARD.frames[1]
    assert twist.chest_across != pytest.approx(twist.across, abs=0.05)
    assert forward.chest_across == pytest.approx(forward.across, abs=0.01)


def test_the_pigeon_is_seen_from_the_front_at_an_angle_with_a_cushion_under_the_hip():
    assert poses.PIGEON.view == figures.ANGLED
    assert any(prop.kind == "block" for prop in poses.PIGEON.props)
    joints = figures.pose_joints(poses.PIGEON.frames[0], figures.ANGLED)
    # Hands down by the front knee, lower than the hips.
    assert joints["hand_l"][1] < joints["pelvis"][1]


def test_the_reclined_figure_four_draws_the_crossed_leg_nearest():
    legs = poses.FIGURE_FOUR.frames[0].legs
    assert isinstance(legs["r"].target, tuple)  # the far leg stands its foot on the floor
    assert callable(legs["l"].target)  # the near leg's ankle rests across the far knee
