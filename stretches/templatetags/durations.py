"""The `durations` filters for templates: `stretches.durations`, registered."""

from django import template

from stretches import durations

register = template.Library()
register.filter("duration", durations.duration)
register.filter("clock", durations.clock)
register.filter("minutes", durations.minutes)
