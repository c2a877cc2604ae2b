"""The player's panel cache: a step's htmx panel as everyone gets it, rendered from content
alone and kept in the published-routine cache (`stretches.caching`) under keys that name
one state of the content (`Entry.key`), so a save never has to find them.

``panel:<pk>:<version>:<generation>:<number>:<use>:<c>[:session]``: with ``:session``, the
HTML is split where a signed-in player's session id goes, and the id is put in after the
cache, into those slots. Nothing here reads the request's user or session.
"""

import secrets

from django.http import Http404
from django.template.loader import render_to_string

from stretches import caching, checkfirst, timeline

from .carried import Swaps, finish_url, get_move, read_player_query, step_url, stop_url

# A shared panel answers only a query made of these: anything else renders its own, so
# state added to the links later is never answered from a shared panel.
SHARED_QUERY = {"use", "session", "c", "v", "at"}


def etag(found, number, request):
    """The anonymous panel's strong validator: one per state of the content and query."""
    use, c = request.GET.get("use", ""), request.GET.get("c", "")
    return found[0].etag("panel", number, use, c)


def step_context(routine, moves, move, carried, session_id):
    """The player's context for `move`, from the routine and the carried state alone
    (`carried`: PlayerQueryForm's cleaned data for this routine): no request, no user.
    The links carry `session_id` (None, the person's own, or a shared panel's slot)."""
    number = move.number
    following = moves[number] if number < len(moves) else None
    adjustment, _ = routine.adjusted(carried["c"])
    swaps = Swaps(carried["use"], adjustment)
    share = carried.get("share") or ""
    use = swaps.use()
    c = checkfirst.encode(adjustment.applying) if carried["c"] is not None else ""
    outcome = swaps.outcome(move)
    variation = outcome.variation
    total = timeline.total_seconds(moves)
    return {
        "routine": routine,
        "move": move,
        "variation": variation,
        "outcome": outcome,
        "safety_notes": move.step.safety_notes(variation),
        "cue": move.step.cue_for(variation),
        "count": len(moves),
        "following": following,
        "following_variation": swaps.variation_for(following) if following else None,
        "lead_in": move.lead_in_seconds,
        "remaining_seconds": total - move.starts_at,
        "total_seconds": total,
        "previous_url": (
            step_url(routine, moves[number - 2], use, session_id, share, c) if number > 1 else None
        ),
        "next_url": (
            step_url(routine, following, use, session_id, share, c) if following else None
        ),
        # The version played goes to the finish page (and the session): it describes that.
        "finish_url": finish_url(routine, use, session_id, routine.version, share, c),
        "use": use,
        "c": c,
        "session_id": session_id,
        "share": share,
        "version": routine.version,
        "stop_url": stop_url(routine, move, use, session_id, share, c),
    }


def anonymous(request, found, slug, number):
    """(the panel's HTML every anonymous visitor gets, None), or (None, a 400 response)
    when `use` is not the routine's. Warm, it costs no query and no rendering."""
    panel, bad_query = _cached(request, found, slug, number, with_session=False)
    if bad_query:
        return None, bad_query
    return _filled(panel, None), None


def for_session(request, found, slug, number, session_id):
    """The panel's HTML when it is an anonymous visitor's but for the practice session its
    links carry (`session_id`, spelled right, opaque here): every step but the last (Finish
    is a form with the CSRF token). Reads neither the session nor the user, so a warm step
    costs no query. None when it cannot be shared, or `use` is not the routine's (the
    caller's own render then says why, with a 400)."""
    if set(request.GET) - SHARED_QUERY:
        return None
    panel, bad_query = _cached(request, found, slug, number, with_session=bool(session_id))
    if bad_query or panel["last"]:
        return None  # the last step is the person's own: rendered for them alone
    return _filled(panel, session_id)


def _cached(request, found, slug, number, *, with_session):
    """(the shared panel for step `number`, None) from the cache, rendered and cached when
    cold; or (None, a 400 response) when `use` is not the routine's."""
    entry, _ = found
    use = request.GET.get("use", "")
    c = request.GET.get("c", "")
    key = entry.key("panel", number, use, c, *(["session"] if with_session else []))
    panel = caching.get_content(key)
    if panel is None:
        routine = _published_routine(found, slug)
        carried, bad_query = read_player_query(request, routine)
        if bad_query:
            return None, bad_query
        panel = _render(routine, number, carried, with_session=with_session)
        # A session's last step is never served from here: no need to keep it.
        if panel["use"] == use and not (with_session and panel["last"]):
            caching.set_content(key, panel)
    return panel, None


def _render(routine, number, carried, *, with_session):
    """`routine`'s panel for step `number` as everyone gets it, rendered from content alone:
    no request and no user in its context, so nothing personal can reach it.

    {"parts": the panel's HTML, split where a signed-in player's session id goes (one part
    when `with_session` is false), "last": whether it is the last step, "use": the swaps as
    the player's links spell them}. The slots are marked with a random token made for this
    render, which no content can contain.

    Callers cache a panel only under that spelling of `use`: `?use=012` or another order
    is valid, but renders afresh each time instead of adding keys to the shared cache."""
    slot = new_slot() if with_session else None
    moves, move = get_move(routine, number)
    context = step_context(routine, moves, move, carried | {"share": ""}, session_id=slot)
    html = render_to_string("player/player.html#panel", context)
    parts = html.split(slot) if slot else [html]
    return {"parts": parts, "last": context["following"] is None, "use": context["use"]}


def new_slot():
    """A mark for where a signed-in player's session id goes in what is made once for
    everyone (a panel, the timeline's links): random, made for each render, so no content
    can contain it. `fill` puts the id in."""
    return f"slot{secrets.token_hex(16)}"


def fill(text, slot, session_id):
    """`text` made with `slot` (from `new_slot`), with `session_id` in each of its slots."""
    return text.replace(slot, str(session_id))


def _filled(panel, session_id):
    """A shared panel's HTML with `session_id` in each of its slots."""
    return str(session_id).join(panel["parts"]) if session_id else "".join(panel["parts"])


def _published_routine(found, slug):
    """The published routine `caching.lookup` found (loaded, from the cache), or 404."""
    entry, routine = found
    routine = routine or caching.routine_for(entry, slug)
    if routine is None:
        raise Http404("No such routine.")
    return routine
