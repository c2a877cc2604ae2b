"""The player's links on pages other apps own (a routine's Start, for instance), so their
templates never name the player's URLs themselves."""

from django import template

from player import carried

register = template.Library()


@register.simple_tag
def start_url(routine, share="", use=""):
    """Step 1 of `routine` for a visitor (a shared link's token carried on; `use`: the
    variations to play instead, such as a plan's rungs)."""
    return carried.start_url(routine, share, use)
