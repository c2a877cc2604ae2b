"""The builder's parts of pages other apps own: "Make my own copy" and "Edit your routine"
on a routine's page, so the content's templates never name the builder's URLs."""

from django import template

register = template.Library()


@register.inclusion_tag("builder/includes/copy_and_edit.html", takes_context=True)
def copy_and_edit(context, routine, share="", moves=None):
    """For someone signed in: copy `routine` (a shared one by its `share` token), and edit
    it when it is their own (`moves`: what it plays, to say when it has nothing yet)."""
    return {
        "routine": routine,
        "share": share,
        "moves": moves,
        "user": context["user"],
        "csrf_token": context.get("csrf_token"),
    }
