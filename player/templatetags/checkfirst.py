"""The account page's health answers (the check first), for the person signed in."""

from django import template

from stretches import checkfirst

register = template.Library()


@register.inclusion_tag("player/includes/health_profile.html", takes_context=True)
def health_profile(context):
    request = context["request"]
    answers = checkfirst.profile(request)
    return {
        "answers": answers,
        "answered": any(applies is not None for _, applies in answers),
        "csrf_token": context.get("csrf_token"),
    }
