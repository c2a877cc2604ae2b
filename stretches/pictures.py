"""Which picture shows which exercise or variation: the one place that maps them.

Pictures are drawn by the project (`stretches.poses`, rendered by `stretches.figures`)
into static/img/poses/<key>.svg. They show the left side; a right-side move shows the
same file mirrored by CSS (class ``mirrored``). An uploaded `Exercise.picture` replaces
the drawn one, with its credit. Lookups are pure Python on slugs and names already
loaded, so no page makes a query for its pictures.
"""

from dataclasses import dataclass

from django.templatetags.static import static

from .figures import HEIGHT, WIDTH
from .poses import BY_KEY

# Exercise slug -> drawing key.
EXERCISE_DRAWINGS = {
    "knees-to-chest-hug": "knees-to-chest-hug",
    "supine-spinal-twist": "supine-spinal-twist",
    "pigeon-pose": "pigeon-pose",
    "standing-side-bend": "standing-side-bend",
    "standing-forward-bend": "standing-forward-bend",
    "seated-hamstring-stretch": "seated-hamstring-stretch",
    "kneeling-lunge": "kneeling-lunge",
    "foam-rolling-back": "foam-rolling-back",
    "knee-rolls": "knee-rolls",
    "pelvic-tilt": "pelvic-tilt",
    "cat-cow": "cat-cow",
    "bottom-to-heels": "bottom-to-heels",
    "lying-hamstring-stretch": "lying-hamstring-stretch",
}

# (exercise slug, variation name) -> drawing key, for variations whose position differs.
VARIATION_DRAWINGS = {
    ("knees-to-chest-hug", "One knee at a time"): "knees-to-chest-one-knee",
    ("supine-spinal-twist", "Knees on a pillow"): "supine-spinal-twist-pillow",
    ("pigeon-pose", "Reclined figure-four"): "reclined-figure-four",
    ("standing-side-bend", "Seated side bend"): "seated-side-bend",
    ("standing-side-bend", "Holding a light weight"): "standing-side-bend-weight",
    ("standing-side-bend", "With a mild twist"): "standing-side-bend-twist",
    ("standing-side-bend", "With a forward bend"): "standing-side-bend-forward",
    ("standing-forward-bend", "Soft knees, hands on thighs"): "standing-forward-bend-soft",
    ("seated-hamstring-stretch", "With a towel or strap"): "seated-hamstring-stretch-strap",
    ("seated-hamstring-stretch", "Knees bent"): "seated-hamstring-stretch-knees-bent",
    ("kneeling-lunge", "Cushion under the back knee"): "kneeling-lunge-cushion",
    ("kneeling-lunge", "Reach back for the back foot"): "kneeling-lunge-foot",
    ("foam-rolling-back", "Against a wall"): "foam-rolling-back-wall",
    ("knee-rolls", "Knees lifted"): "knee-rolls-lifted",
    ("pelvic-tilt", "Sitting on a chair"): "pelvic-tilt-chair",
    ("pelvic-tilt", "Into a small bridge"): "pelvic-tilt-bridge",
    ("cat-cow", "Seated cat–cow"): "cat-cow-seated",
    ("bottom-to-heels", "Cushion on your heels"): "bottom-to-heels-cushion",
    ("bottom-to-heels", "Hands walked to one side"): "bottom-to-heels-to-one-side",
    ("lying-hamstring-stretch", "Knee a little bent"): "lying-hamstring-stretch-knee-bent",
    ("lying-hamstring-stretch", "Other leg straight"): "lying-hamstring-stretch-other-leg-straight",
}


@dataclass(frozen=True)
class Picture:
    url: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT
    credit: object = None  # the Exercise whose uploaded picture this is, for its credit


def drawn(key):
    drawing = BY_KEY[key]
    return Picture(url=static(f"img/poses/{key}.svg"), alt=drawing.alt)


def drawing_for(exercise, variation=None):
    """The picture for `exercise` (done as `variation`), or None when there is none.

    An uploaded picture on the exercise wins; then the variation's own drawing, if its
    position differs; then the exercise's drawing.
    """
    if exercise.picture:
        return Picture(url=exercise.picture.url, alt=exercise.picture_alt, credit=exercise)
    if variation is not None:
        key = VARIATION_DRAWINGS.get((exercise.slug, variation.name))
        if key:
            return drawn(key)
    key = EXERCISE_DRAWINGS.get(exercise.slug)
    return drawn(key) if key else None


def variation_drawing(variation):
    """The variation's own drawing, or None when it looks like the plain exercise."""
    key = VARIATION_DRAWINGS.get((variation.exercise.slug, variation.name))
    return drawn(key) if key else None
