"""Goals beside pain over time, laid out on the server as numbers for an SVG template.

Both are 0–10 scales, but they point opposite ways: a goal's 10 is “as well as before”,
pain's 10 the worst. The chart says so in its key and its description."""

from dataclasses import dataclass

from django.utils import timezone

from practice.charts import date_labels

from .models import RERATE_AFTER

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 32, 12, 12, 36
MAX_POINTS = 30  # pain ratings shown; goal ratings are few (re-rated every two weeks)
DAY = 24 * 60 * 60  # seconds
SHAPES = ["circle", "diamond", "ring"]  # pain after is drawn with squares


@dataclass
class Point:
    x: float
    y: float
    value: int

    @property
    def diamond(self):
        x, y = self.x, self.y
        return f"{x},{y - 5} {x + 5},{y} {x},{y + 5} {x - 5},{y}"

    @property
    def corner_x(self):
        return round(self.x - 4, 1)

    @property
    def corner_y(self):
        return round(self.y - 4, 1)


def rerate_due(goal, now):
    """A goal is due for re-rating two weeks after its latest rating (ratings prefetched)."""
    ratings = list(goal.ratings.all())
    return not ratings or now - ratings[-1].rated_at >= RERATE_AFTER


def goals_chart(goals, sessions, zone):
    """Chart data for `goals` (ratings prefetched) and the rated `sessions` (oldest first),
    or None when there is nothing to draw."""
    sessions = [s for s in sessions if s.pain_after is not None][-MAX_POINTS:]
    goal_ratings = [(g, list(g.ratings.all())) for g in goals]
    moments = [r.rated_at for _, ratings in goal_ratings for r in ratings]
    moments += [s.finished_at or s.created for s in sessions]
    if not any(ratings for _, ratings in goal_ratings):
        return None
    first, last = min(moments), max(moments)
    span = (last - first).total_seconds()
    middle = first + (last - first) / 2
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment):
        if span < DAY:  # a day at most spans the whole width: minutes apart stay close
            offset = (moment - middle).total_seconds() / DAY
            return round(LEFT + plot_width / 2 + offset * plot_width, 1)
        return round(LEFT + (moment - first).total_seconds() / span * plot_width, 1)

    def y(value):
        return round(TOP + (10 - value) / 10 * plot_height, 1)

    series = []
    for n, (goal, ratings) in enumerate(goal_ratings):
        points = [Point(x(r.rated_at), y(r.score), r.score) for r in ratings]
        series.append(
            {
                "goal": goal,
                "shape": SHAPES[n % len(SHAPES)],
                "number": n + 1,
                "points": points,
                "line": " ".join(f"{p.x},{p.y}" for p in points),
            }
        )
    pain = [Point(x(s.finished_at or s.created), y(s.pain_after), s.pain_after) for s in sessions]
    first_day, last_day = timezone.localdate(first, zone), timezone.localdate(last, zone)
    summary = (
        f"{len(goals)} goals and {len(pain)} pain ratings after sessions, "
        f"from {first_day:%-d %b %Y} to {last_day:%-d %b %Y}. "
        + " ".join(
            f"“{s['goal'].activity}”: {s['points'][0].value} then "
            f"{s['points'][-1].value} out of 10."
            for s in series
            if s["points"]
        )
    )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "series": series,
        "pain": pain,
        "pain_line": " ".join(f"{p.x},{p.y}" for p in pain),
        "ticks": [{"value": v, "y": y(v)} for v in (0, 5, 10)],
        "date_labels": date_labels(first_day, last_day, x(first), x(last)),
        "label_y": HEIGHT - BOTTOM + 22,
        "summary": summary,
    }
