"""The player's helpers beside the timeline: which move a link asks for, the state its links
carry (`use`, `session`, `share`, the version `v` and place `at`) and the links themselves.

Used by the player's views and by practice's session views (which act on the same
links); nothing here knows about practice: `session` is an opaque, bounded id that practice
checks where it acts on it.
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from backlog.http import NotFound
from stretches import cautions, timeline

from .forms import PlayerQueryForm


def get_move(routine, number, applying=()):
    """The routine's moves (as the person with the conditions `applying` plays it) and its
    move `number` (1-based), or 404."""
    moves = routine.adjusted(applying)[1]
    if not 1 <= number <= len(moves):
        raise NotFound(f"“{routine.title}” has {len(moves)} steps; there is no step {number}.")
    return moves, moves[number - 1]


def seen_version(request):
    """The routine version the visitor's link was made for (`v`), or "" for a fresh start."""
    return request.GET.get("v", "")[:32]


def stale(request, routine):
    """True when the link was made for an older version of `routine` (`v`): an editor
    changed it since, so its numbers may have moved."""
    seen = seen_version(request)
    return bool(seen) and seen != routine.version


def get_place(request, routine, number, applying=()):
    """The routine's moves, the move a visitor asked for, and whether the routine changed.

    The player's links carry the routine's version (`v`) and where the move is (`at`,
    see `Move.key`). When `v` is the current version (or missing: a fresh start), move
    `number` is what it always was, or a 404. When an editor changed the routine since,
    numbers may have moved: the move is the best match for `at` (timeline.match), or
    None when the visitor is past the new end; never a 404.
    """
    seen = seen_version(request)
    if not seen or seen == routine.version:
        return (*get_move(routine, number, applying), False)
    moves = routine.adjusted(applying)[1]
    return moves, timeline.match(moves, request.GET.get("at", "")[:64], number), True


class Swaps:
    """Easier variations chosen on the "this hurts" page, carried in the query string.

    `?use=12,15` means: wherever the routine reaches the exercise of variation 12 (or 15),
    do that variation instead. Only variations of the routine's own exercises count;
    PlayerQueryForm checks that they belong to the routine. The person's conditions
    (`adjustment`, from the check first) come first: a swap to a variation they should avoid
    gives way to what the rules say.
    """

    def __init__(self, variations=(), adjustment=cautions.NOTHING):
        self.by_exercise = {variation.exercise_id: variation for variation in variations}
        self.adjustment = adjustment

    def outcome(self, move):
        """The `cautions.Outcome` for `move`: which variation, and what to ask first."""
        chosen = self.by_exercise.get(move.step.exercise_id)
        if chosen is not None:
            outcome = self.adjustment.outcome(move.step.exercise_id, chosen)
            if not outcome.skipped:
                return outcome
        return self.adjustment.for_step(move.step)

    def variation_for(self, move):
        return self.outcome(move).variation

    def use(self, adding=None):
        """The `use` value for these swaps (and `adding`, replacing its exercise's)."""
        chosen = dict(self.by_exercise)
        if adding:
            chosen[adding.exercise_id] = adding
        return ",".join(str(variation.pk) for variation in chosen.values())


def read_player_query(request, routine, data=None, *, lenient=False):
    """The player's carried state (`use`, `session`, `share`) from the query string, or
    from `data`.

    Returns (cleaned_data, None), or (None, a 400 response that says what was wrong).
    `lenient` (after an editor changed the routine): a swap whose exercise left the
    routine is dropped rather than refused."""
    data = request.GET if data is None else data
    cleaned, message = PlayerQueryForm.read(data, routine, lenient=lenient)
    if cleaned is not None:
        return cleaned, None
    return None, render(request, "player/bad_query.html", {"message": message}, status=400)


def query(routine, use="", at="", session=None, share="", c=""):
    """The player's query string: the swaps, the signed-in person's open session, the share
    token, the conditions the check first found (`c`), the routine's version and where a
    move is (so an edit made meanwhile is noticed)."""
    params = {
        "use": use,
        "session": session,
        "share": share,
        "c": c,
        "v": routine.version,
        "at": at,
    }
    return "?" + urlencode({key: value for key, value in params.items() if value}, safe=",")


def step_url(routine, move, use="", session=None, share="", c=""):
    """A link to `move` that still finds it (or says so) if the routine is edited meanwhile."""
    url = reverse("player:play-step", args=[routine.slug, move.number])
    return url + query(routine, use, move.key, session, share, c)


def stop_url(routine, move, use="", session=None, share="", c=""):
    url = reverse("player:this-hurts", args=[routine.slug, move.number])
    return url + query(routine, use, move.key, session, share, c)


def finish_url(routine, use="", session=None, version=None, share="", c=""):
    params = {"use": use, "session": session, "share": share, "c": c, "v": version}
    encoded = urlencode({key: value for key, value in params.items() if value}, safe=",")
    return reverse("player:well-done", args=[routine.slug]) + (f"?{encoded}" if encoded else "")


def start_url(routine, share="", use=""):
    """Step 1 of a routine, for a visitor (a shared link's token carried on), with the
    variations to play instead (`use`, such as the person's plan's rungs)."""
    url = reverse("player:play-step", args=[routine.slug, 1])
    params = {"use": use, "share": share}
    encoded = urlencode({key: value for key, value in params.items() if value}, safe=",")
    return url + (f"?{encoded}" if encoded else "") + "#start"
