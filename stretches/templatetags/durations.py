from django import template

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds in words for reading: 45 → “45 s”, 150 → “2 min 30 s”, 120 → “2 min”."""
    minutes, seconds = divmod(int(seconds), 60)
    if not minutes:
        return f"{seconds} s"
    return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"


@register.filter
def clock(seconds):
    """Seconds as a countdown clock: 75 → “1:15”."""
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"
