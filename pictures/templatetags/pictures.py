"""`{% pose_picture %}`: the <img> of an exercise's (or variation's) picture."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from pictures.drawings import drawing_for, variation_drawing

register = template.Library()

# Displayed width of each size; the height keeps the picture's shape.
WIDTHS = {"large": 240, "medium": 180, "small": 84}


@register.simple_tag
def pose_picture(exercise, variation=None, side="none", size="large", own=False, alt=None):
    """The picture as an <img> with its size set, mirrored for a right-side move.

    With `own`, only a variation's own drawing (nothing when it looks like the exercise).
    `alt=""` marks a picture that only decorates words saying the same (a routine card).
    """
    picture = variation_drawing(variation) if own else drawing_for(exercise, variation)
    if picture is None:
        return ""
    width = WIDTHS[size]
    height = round(picture.height * width / picture.width)
    mirrored = " mirrored" if side == "right" else ""
    return format_html(
        '<img class="pose-picture {}{}" src="{}" alt="{}" width="{}" height="{}"{}>',
        size,
        mirrored,
        picture.url,
        picture.alt if alt is None else alt,
        width,
        height,
        mark_safe(' loading="lazy"') if size == "small" else "",
    )
