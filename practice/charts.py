"""The pain-over-time chart, laid out on the server as numbers for an SVG template."""

from dataclasses import dataclass

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 32, 12, 12, 36
MAX_SESSIONS = 30


@dataclass
class Point:
    x: float
    y: float
    value: int

    @property
    def corner_x(self):  # a square marker's top-left corner, for the "after" series
        return round(self.x - 4, 1)

    @property
    def corner_y(self):
        return round(self.y - 4, 1)


def _average(values):
    return round(sum(values) / len(values), 1) if values else None


def date_labels(first_day, last_day, first_x, last_x):
    """The dates under a chart's x axis: a single day once, in the middle of its points
    (two labels there would run into each other); a span its first day at the left
    edge and its last at the right, where they never meet."""
    if first_day == last_day:
        middle = round((first_x + last_x) / 2, 1)
        return [{"x": middle, "text": f"{first_day:%-d %b}", "anchor": "middle"}]
    return [
        {"x": first_x, "text": f"{first_day:%-d %b}", "anchor": "start"},
        {"x": last_x, "text": f"{last_day:%-d %b}", "anchor": "end"},
    ]


def pain_chart(sessions):
    """Chart data for the rated sessions among `sessions` (oldest first), or None."""
    rated = [s for s in sessions if s.pain_before is not None or s.pain_after is not None]
    rated = rated[-MAX_SESSIONS:]
    if not rated:
        return None
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(rated) - 1, 1)

    def x(index):
        return round(LEFT + (index * step if len(rated) > 1 else plot_width / 2), 1)

    def y(value):
        return round(TOP + (10 - value) / 10 * plot_height, 1)

    def series(attribute):
        return [
            Point(x(i), y(getattr(s, attribute)), getattr(s, attribute))
            for i, s in enumerate(rated)
            if getattr(s, attribute) is not None
        ]

    before, after = series("pain_before"), series("pain_after")
    first, last = rated[0].day, rated[-1].day
    average_before = _average([p.value for p in before])
    average_after = _average([p.value for p in after])
    summary = f"{len(rated)} rated sessions from {first:%-d %b %Y} to {last:%-d %b %Y}."
    if average_before is not None:
        summary += f" Average pain before: {average_before} out of 10."
    if average_after is not None:
        summary += f" Average pain after: {average_after} out of 10."
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "before": before,
        "after": after,
        "before_line": " ".join(f"{p.x},{p.y}" for p in before),
        "after_line": " ".join(f"{p.x},{p.y}" for p in after),
        "ticks": [{"value": v, "y": y(v)} for v in (0, 5, 10)],
        "date_labels": date_labels(first, last, x(0), x(len(rated) - 1)),
        "label_y": HEIGHT - BOTTOM + 22,
        "summary": summary,
        "rows": rated,
    }
