"""Seconds in words and as a clock, for the pages (the `durations` filters) and the admin."""


def duration(seconds):
    """Seconds in words for reading: 45 → “45 s”, 150 → “2 min 30 s”, 120 → “2 min”."""
    minutes, seconds = divmod(int(seconds), 60)
    if not minutes:
        return f"{seconds} s"
    return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"


def clock(seconds):
    """Seconds as a countdown clock: 75 → “1:15”."""
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"


def minutes(seconds):
    """Seconds to the nearest minute, for a glance: 425 → “7 min” (never “0 min”)."""
    return f"{max(1, (int(seconds) + 30) // 60)} min"
