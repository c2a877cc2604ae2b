"""The builder's piece of other apps' pages: a person's own routines, for My routines."""

from django import template

from stretches.models import Routine

register = template.Library()


@register.simple_tag(takes_context=True)
def own_routines(context):
    """The signed-in person's own routines, newest change first, with their steps."""
    user = context["request"].user
    if not user.is_authenticated:
        return []
    return list(Routine.objects.filter(owner=user).with_steps().order_by("-updated"))
