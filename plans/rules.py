"""How a back answered a session, as a colour, and what the ladder suggests next.

Pure functions over plain values: no database, no clock (the caller passes `now`), so the
rule is written once, here, and tested as a table (tests/test_plan_rules.py).

The rule (pain-monitoring model, Silbernagel 2007; a change of 2 on the 0–10 scale is the
minimal important change):

- **red** if pain after is 6 or more, or rose by 2 or more, or “Stop — this hurts” ended
  the session, or the next morning's pain rose by 2 or more over the before rating;
- **amber** if pain after is 4 or 5, or rose by 1;
- **green** if pain after is 3 or less and not above before.

A session with no rating after (and nothing that makes it red) has no colour: it counts
for nothing either way.
"""

import datetime
import enum
from dataclasses import dataclass

GREENS_FOR_HARDER = 3
GREEN_WINDOW = datetime.timedelta(days=14)
RED_PAUSE = datetime.timedelta(days=7)
HIGH_BEFORE = 7  # a before rating this high or higher: never suggest harder
LOOK_BACK = GREEN_WINDOW  # the rule reads no session older than this


class Colour(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class Direction(enum.StrEnum):
    HARDER = "harder"
    EASIER = "easier"
    STAY = "stay"


def colour(pain_before=None, pain_after=None, stopped=False, morning=None):
    """The session's colour, or None when nothing says how the back answered."""
    if stopped:
        return Colour.RED
    if pain_after is not None and pain_after >= 6:
        return Colour.RED
    if pain_before is not None:
        if pain_after is not None and pain_after - pain_before >= 2:
            return Colour.RED
        if morning is not None and morning - pain_before >= 2:
            return Colour.RED
    if pain_after is None:
        return None
    if pain_after >= 4 or (pain_before is not None and pain_after - pain_before == 1):
        return Colour.AMBER
    return Colour.GREEN


@dataclass(frozen=True)
class Outcome:
    """One session as the rule sees it."""

    when: datetime.datetime
    pain_before: int | None = None
    pain_after: int | None = None
    stopped: bool = False
    morning: int | None = None
    session_id: int | None = None

    @property
    def colour(self):
        return colour(self.pain_before, self.pain_after, self.stopped, self.morning)

    def describe(self):
        """“2/10 → 1/10”, “stopped: this hurts”, “? → 3/10”…"""
        if self.stopped:
            text = "stopped early"
        else:
            before = "?" if self.pain_before is None else f"{self.pain_before}/10"
            after = "?" if self.pain_after is None else f"{self.pain_after}/10"
            text = f"{before} → {after}"
        if self.morning is not None:
            text += f", next morning {self.morning}/10"
        return text


@dataclass(frozen=True)
class Suggestion:
    direction: Direction
    reason: str
    evidence: tuple = ()

    @property
    def latest_session_id(self):
        return self.evidence[-1].session_id if self.evidence else None


def suggest(history, now, on_rung_since=None, can_go_harder=True, can_go_easier=True):
    """What to do with one exercise's rung, from its sessions (`history`, any order).

    `on_rung_since`: when the person moved to the rung they are on; sessions before it were
    on another rung and count only for the safety checks (a recent red, a high before).
    Sessions after `now` or older than LOOK_BACK are not read. Never applied by itself:
    the caller shows it, with its evidence, for the person to accept or decline.
    """
    recent = sorted(
        (o for o in history if datetime.timedelta(0) <= now - o.when <= LOOK_BACK),
        key=lambda o: o.when,
    )
    on_rung = [o for o in recent if on_rung_since is None or o.when >= on_rung_since]
    coloured = [o for o in on_rung if o.colour is not None]

    if coloured and coloured[-1].colour is Colour.RED and can_go_easier:
        return Suggestion(
            Direction.EASIER,
            "Your last session on this rung was red, so go one step easier.",
            (coloured[-1],),
        )
    if (
        len(coloured) >= 2
        and coloured[-1].colour is Colour.AMBER
        and coloured[-2].colour is Colour.AMBER
        and can_go_easier
    ):
        return Suggestion(
            Direction.EASIER,
            "Your last two sessions on this rung were amber, so go one step easier.",
            tuple(coloured[-2:]),
        )

    greens = [o for o in coloured if o.colour is Colour.GREEN]
    if len(greens) < GREENS_FOR_HARDER or not can_go_harder:
        return Suggestion(Direction.STAY, "Stay on this rung.")
    reds = [o for o in recent if o.colour is Colour.RED and now - o.when <= RED_PAUSE]
    if reds:
        return Suggestion(
            Direction.STAY,
            "Stay on this rung: you had a red session in the last 7 days.",
            (reds[-1],),
        )
    latest_before = next(
        (o.pain_before for o in reversed(recent) if o.pain_before is not None), None
    )
    if latest_before is not None and latest_before >= HIGH_BEFORE:
        return Suggestion(
            Direction.STAY,
            f"Stay on this rung: your back was at {latest_before}/10 before your last session.",
        )
    return Suggestion(
        Direction.HARDER,
        f"{len(greens)} green sessions on this rung in the last 14 days, so your back may "
        "be ready for the next harder rung.",
        tuple(greens),
    )
