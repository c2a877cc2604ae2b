"""Which drawings exist, and which picture shows an exercise or a variation.

Pictures are drawn by the project (`pictures.poses`, rendered by `pictures.figures`)
into static/img/poses/<key>.svg. Content stores a drawing's key on the exercise and on
the variation whose position differs (chosen in the admin from `drawing_choices`), so
renaming either keeps its picture. The drawings show the left side; a right-side move
shows the same file mirrored by CSS (class ``mirrored``). An uploaded picture on the
exercise replaces the drawn one, with its credit. Lookups read fields already loaded, so
no page makes a query for its pictures.
"""

from dataclasses import dataclass

from django.templatetags.static import static

from .figures import HEIGHT, WIDTH
from .poses import BY_KEY, DRAWINGS


def drawing_choices():
    """(key, title) of every drawing: the choices of a content row's drawing field."""
    return [(drawing.key, drawing.title) for drawing in DRAWINGS]


@dataclass(frozen=True)
class Picture:
    url: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT
    credit: object = None  # the row whose uploaded picture this is, for its credit


def drawn(key):
    """The drawing called `key`, or None when no drawing has that key."""
    drawing = BY_KEY.get(key)
    if drawing is None:
        return None
    return Picture(url=static(f"img/poses/{key}.svg"), alt=drawing.alt)


def drawing_for(exercise, variation=None):
    """The picture for `exercise` (done as `variation`), or None when there is none.

    An uploaded picture on the exercise wins; then the variation's own drawing, if its
    position differs; then the exercise's drawing. Both rows only need `drawing` (and the
    exercise `picture` and `picture_alt`).
    """
    if exercise.picture:
        return Picture(url=exercise.picture.url, alt=exercise.picture_alt, credit=exercise)
    own = variation_drawing(variation)
    return own or drawn(exercise.drawing)


def variation_drawing(variation):
    """The variation's own drawing, or None when it looks like the plain exercise."""
    return drawn(variation.drawing) if variation is not None and variation.drawing else None
