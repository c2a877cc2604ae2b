"""Favourites, practice sessions and history: each visible and changeable by its owner only."""

import csv
import itertools
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from backlog.http import NotFound
from backlog.redirects import redirect_target
from player.carried import Swaps, get_move, read_player_query
from stretches import checkfirst
from stretches.models import HealthAnswer, Routine, RoutineVersion, load_steps

from .charts import MAX_SESSIONS, pain_chart
from .forms import FavouriteForm, PainForm, ReceiptKeyForm, TimeZoneForm
from .models import Favourite, PracticeSession, Profile, Receipt
from .signals import PENDING_FAVOURITE


def _get_session_for_user(request, pk):
    """The user's own practice session, or 404 (also for someone else's)."""
    return get_object_or_404(PracticeSession, pk=pk, user=request.user)


def _get_unshared_routine_for_user(request, slug):
    """A routine this person may see without a shared link (`Routine.objects.visible_to`
    with no token: the library, drafts for staff, their own), fresh from the database;
    404 otherwise. Unlike `stretches.shortcuts.get_routine_for_user`, a link's `share`
    token opens nothing here: bookmarking and sessions are for routines one may see."""
    return get_object_or_404(Routine.objects.visible_to(request.user), slug=slug)


def _get_unshared_playable_routine_for_user(request, slug):
    """Like `_get_unshared_routine_for_user`, for starting, finishing or stopping it: a routine
    with no steps has nothing to play, so it 404s too."""
    routines = Routine.objects.with_step_timings().visible_to(request.user).playable()
    return get_object_or_404(routines, slug=slug)


def signed_in_or_back_to_routine(view):
    """Like login_required, for POSTs: a POST cannot be replayed after signing in, so the
    person comes back to the routine's page instead of to a POST-only URL (a keyed press:
    see keyed_presses_wait_for_sign_in)."""

    @wraps(view)
    @keyed_presses_wait_for_sign_in
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("stretches:routine-detail", args=[slug]))
        return view(request, slug, *args, **kwargs)

    return wrapper


def keyed_presses_wait_for_sign_in(view):
    """A press kept on a device and sent later (it carries a `key`), after the person's
    session ended, gets a 401, which keeps it in the device's queue until they sign in
    again: a redirect to the sign-in page would answer 200, and it would count as sent."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and request.POST.get("key"):
            message = "Sign in again to save this press: it is kept on your device."
            return HttpResponse(message, status=401, content_type="text/plain")
        return view(request, *args, **kwargs)

    return wrapper


def in_users_time_zone(view):
    """Run the view in the signed-in person's time zone, so days are their days."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.time_zone = Profile.time_zone_for(request.user)
        with timezone.override(request.time_zone):
            return view(request, *args, **kwargs)

    return wrapper


def _press(request):
    """(what the press carries: `key`, `pressed` and `start`, each None when absent; None),
    or (None, a 400)."""
    form = ReceiptKeyForm(request.POST)
    if form.is_valid():
        return form.cleaned_data, None
    message = "This press carries a key or a time that is not one a device could have made."
    return None, HttpResponse(message, status=400, content_type="text/plain")


def _once(request, key, action, act):
    """`Receipt.once` for this person: a key that is someone else's is a 404."""
    try:
        return Receipt.once(request.user, key, action, act)
    except LookupError:
        raise Http404("No such press.") from None


def _bad_pain_rating(request, form, session=None):
    context = {"form": form, "session": session}
    return render(request, "practice/bad_rating.html", context, status=400)


@require_POST
def favourite(request, slug):
    routine = _get_unshared_routine_for_user(request, slug)
    next_url = redirect_target(request, routine.get_absolute_url())
    form = FavouriteForm(request.POST)
    if not form.is_valid():
        return HttpResponse(form.errors["favourite"][0], status=400, content_type="text/plain")
    wanted = form.cleaned_data["favourite"] == "on"

    if not request.user.is_authenticated:
        # Remember the bookmark; the login receiver saves it once they are signed in.
        if wanted:
            request.session[PENDING_FAVOURITE] = routine.pk
        login_url = f"{reverse('login')}?{urlencode({'next': next_url})}"
        if request.htmx:
            return HttpResponseClientRedirect(login_url)
        return redirect(login_url)

    # Setting a state (not flipping it) makes double taps and two tabs harmless.
    if wanted:
        Favourite.objects.get_or_create(user=request.user, routine=routine)
    else:
        Favourite.objects.filter(user=request.user, routine=routine).delete()

    if request.htmx:
        favourite_ids = {routine.pk} if wanted else set()
        context = {"routine": routine, "favourite_ids": favourite_ids, "next_url": next_url}
        return render(request, "practice/favourite.html#button", context)
    if wanted:
        messages.success(request, f"Bookmarked “{routine.title}”.")
    else:
        messages.success(request, f"Removed the bookmark from “{routine.title}”.")
    return redirect(next_url)


@require_safe
@login_required
def my_routines(request):
    own = list(request.user.own_routines.order_by("title"))
    # What they may play today: an empty routine (theirs still being built) is left out.
    routines = Routine.objects.visible_to(request.user).playable()
    favourites = list(
        routines.filter(favourites__user=request.user).order_by("-favourites__created")
    )
    practised = list(
        routines.filter(practice_sessions__user=request.user)
        .exclude(pk__in=[r.pk for r in favourites])
        .annotate(last_practised=Max("practice_sessions__created"))
        .order_by("-last_practised")
    )
    # The steps of all three lists in one go: the page's queries do not grow with them.
    load_steps([*own, *favourites, *practised])
    return render(
        request,
        "practice/my_routines.html",
        {
            "own": own,
            "favourites": favourites,
            "practised": practised,
            "favourite_ids": {r.pk for r in favourites},
        },
    )


@require_POST
@signed_in_or_back_to_routine
def session_start(request, slug):
    routine = _get_unshared_playable_routine_for_user(request, slug)
    form = PainForm(request.POST)
    if not form.is_valid():
        return _bad_pain_rating(request, form)
    # Variations to play instead (`use`, such as a plan's rungs), checked before saving.
    carried, bad_query = read_player_query(request, routine, data=request.POST)
    if bad_query:
        return bad_query
    press, bad_press = _press(request)
    if bad_press:
        return bad_press
    session, first = _once(
        request,
        press["key"],
        Receipt.Action.START,
        lambda: PracticeSession.start(
            request.user, routine, form.cleaned_data["pain"], at=press["pressed"]
        ),
    )
    if not first:  # sent again, or arriving after the Finish that named it
        session.arrived_late(form.cleaned_data["pain"], press["pressed"])
    # The player carries the session's id in its links, so Finish and Stop close exactly
    # this one, whatever other tabs do meanwhile.
    use = Swaps(carried["use"]).use()  # variation ids and commas only
    query = urlencode({"session": session.pk}) + (f"&use={use}" if use else "")
    return redirect(reverse("player:play-step", args=[slug, 1]) + f"?{query}#start")


def _answered(url, press):
    """`url` with the press's key in its fragment (`#answered=<key>`), for a keyed press: the
    page it leads to is this press's answer, and the device forgets the earlier presses this
    one named only once it sees that answer (offline.js), so a press whose answer was lost
    names them again. A fragment never reaches a server or its logs."""
    if press["key"] is None or "#" in url:
        return url
    return f"{url}#answered={press['key']}"


def _finish_page(routine, session, use="", c="", version=""):
    query = {"session": session.pk} | ({"use": use} if use else {}) | ({"c": c} if c else {})
    if version and version != routine.version:
        query["v"] = version  # the finish page then describes the version played
    return reverse("player:well-done", args=[routine.slug]) + "?" + urlencode(query)


def _close(request, routine, session_id, press, status, reached_step, routine_version=""):
    """Close the session the player carried, or the one a Start kept on the device opened
    (`press["start"]`), once however often this is asked; or record one without a start.
    Returns (session, closed_now); 404 for anyone else's session."""
    at = press["pressed"]
    if session_id is None:
        session = Receipt.session_of(request.user, press["start"], Receipt.Action.START, routine)
        if session is None:
            recorded = PracticeSession.record_without_start(
                request.user, routine, status, reached_step, routine_version, at=at
            )
            # A Start named but not arrived yet will find this session, not open another.
            Receipt.expect(request.user, press["start"], Receipt.Action.START, recorded[0])
            return recorded
    else:
        session = get_object_or_404(
            PracticeSession, pk=session_id, user=request.user, routine=routine
        )
    return session, session.close(status, reached_step, routine_version, at=at)


@require_POST
@signed_in_or_back_to_routine
def session_finish(request, slug):
    routine = _get_unshared_playable_routine_for_user(request, slug)
    # A bad list or session number is a 400 before anything is saved.
    carried, bad_query = read_player_query(request, routine, data=request.POST)
    if bad_query:
        return bad_query
    press, bad_press = _press(request)
    if bad_press:
        return bad_press
    # The version the person played (the last step's form says): an editor may have
    # changed the routine meanwhile, and the session records what they did.
    version = request.POST.get("v", "")[:32]
    played = RoutineVersion.find(routine, version) if version != routine.version else None
    session, _ = _once(
        request,
        press["key"],
        Receipt.Action.FINISH,
        lambda: _close(
            request,
            routine,
            carried["session"],
            press,
            PracticeSession.Status.COMPLETED,
            reached_step=(len(played.moves) if played else len(routine.adjusted(carried["c"])[1])),
            routine_version=version if played else routine.version,
        )[0],
    )
    # Already closed (a double tap, or the timer's Finish racing the person's): the same page.
    c = checkfirst.encode(carried["c"]) if carried["c"] is not None else ""
    use = Swaps(carried["use"]).use()
    return redirect(
        _answered(_finish_page(routine, session, use, c, version if played else ""), press)
    )


@require_POST
@signed_in_or_back_to_routine
def session_stop(request, slug, number):
    routine = _get_unshared_playable_routine_for_user(request, slug)
    carried, bad_query = read_player_query(request, routine, data=request.POST)
    if bad_query:
        return bad_query
    press, bad_press = _press(request)
    if bad_press:
        return bad_press
    moves, _ = get_move(routine, number, carried["c"])
    closed = []

    def stop():
        session, closed_now = _close(
            request, routine, carried["session"], press, PracticeSession.Status.STOPPED, number
        )
        closed.append(closed_now)
        return session

    session, _ = _once(request, press["key"], Receipt.Action.STOP, stop)
    closed_now = bool(closed and closed[0])
    if session.status == PracticeSession.Status.COMPLETED:
        # It was finished before this Stop.
        return redirect(_answered(_finish_page(routine, session), press))
    if closed_now:
        messages.success(
            request,
            f"Saved to your history: you stopped at step {number} of {len(moves)}. Rest well.",
        )
    else:
        messages.info(request, "That session was already saved in your history.")
    return redirect(_answered(reverse("practice:history"), press))


@require_safe
@login_required
@in_users_time_zone
def session_detail(request, pk):
    session = _get_session_for_user(request, pk)
    return render(request, "practice/session_detail.html", {"session": session, "form": PainForm()})


@require_POST
@keyed_presses_wait_for_sign_in
@login_required
def session_pain(request, pk):
    session = _get_session_for_user(request, pk)
    form = PainForm(request.POST)
    if not form.is_valid():
        return _bad_pain_rating(request, form, session)
    press, bad_press = _press(request)
    if bad_press:
        return bad_press
    return _rate_after(request, session, form, press)


@require_POST
@signed_in_or_back_to_routine
def finished_pain(request, slug):
    """How the back feels after a run whose session's id the finish page did not know (one
    started offline): the rating names the Finish's key, and rates the session it closed."""
    routine = _get_unshared_routine_for_user(request, slug)
    form = PainForm(request.POST)
    if not form.is_valid():
        return _bad_pain_rating(request, form)
    press, bad_press = _press(request)
    if bad_press:
        return bad_press
    session = Receipt.session_of(request.user, press["finish"], Receipt.Action.FINISH, routine)
    if session is None:
        raise NotFound(
            "This rating could not be saved: the finished routine it belongs to has not "
            "reached us yet. Once that routine shows in your history, open it there to say "
            "how your back feels."
        )
    return _rate_after(request, session, form, press)


def _rate_after(request, session, form, press):
    if form.cleaned_data["pain"] is not None:

        def rate():
            session.pain_after = form.cleaned_data["pain"]
            session.save(update_fields=["pain_after"])
            return session

        # A rating sent again (a queue sent twice) never overwrites a later one.
        _, first = _once(request, press["key"], Receipt.Action.PAIN, rate)
        if first:
            messages.success(request, "Thank you. Your rating is saved in your history.")
        else:
            messages.info(request, "That rating was already saved in your history.")
    return redirect(_answered(redirect_target(request, reverse("practice:history")), press))


HISTORY_PAGE_SIZE = 50


@require_safe
@login_required
@in_users_time_zone
def history(request):
    sessions = request.user.practice_sessions.all()
    page = Paginator(sessions, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    days = [
        (day, list(group))
        for day, group in itertools.groupby(page.object_list, key=lambda session: session.day)
    ]
    rated = list(sessions.rated()[:MAX_SESSIONS])
    return render(
        request,
        "practice/history.html",
        {
            "page": page,
            "days": days,
            "streak": sessions.streak(timezone.localdate(), timezone.get_current_timezone()),
            "completed": sessions.filter(status=PracticeSession.Status.COMPLETED).count(),
            "chart": pain_chart(reversed(rated)),
            "time_zone_set": request.time_zone is not None,
        },
    )


CSV_COLUMNS = [
    "date",
    "routine",
    "status",
    "started_at",
    "finished_at",
    "reached_step",
    "step_count",
    "pain_before",
    "pain_after",
]


def _cell(value):
    # A leading =, +, -, @, tab or carriage return can start a formula in a spreadsheet.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


class _Echo:
    """A file-like object for csv.writer that hands each row back instead of keeping it."""

    def write(self, value):
        return value


@require_safe
@login_required
@in_users_time_zone
def history_csv(request):
    # Streamed: rows are read from the database in chunks while they are sent.
    zone = timezone.get_current_timezone()  # the generator runs after the view returns
    sessions = request.user.practice_sessions.order_by("created").iterator(chunk_size=500)
    writer = csv.writer(_Echo())

    def moment(value):
        return timezone.localtime(value, zone).isoformat() if value else ""

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for session in sessions:
            yield writer.writerow(
                [
                    session.day_in(zone).isoformat(),
                    _cell(session.routine_title),
                    session.status,
                    moment(session.started_at),
                    moment(session.finished_at),
                    _cell(session.reached_step),
                    session.step_count,
                    _cell(session.pain_before),
                    _cell(session.pain_after),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backlog-history.csv"'
    return response


@require_safe
@login_required
@in_users_time_zone
def history_json(request):
    """Everything the person has here, as JSON: their sessions and their health answers."""
    zone = timezone.get_current_timezone()

    def moment(value):
        return timezone.localtime(value, zone).isoformat() if value else None

    sessions = request.user.practice_sessions.order_by("created").iterator(chunk_size=500)
    answers = HealthAnswer.objects.filter(user=request.user).select_related("condition")
    data = {
        "time_zone": str(zone),
        "sessions": [
            {
                "date": session.day_in(zone).isoformat(),
                "routine": session.routine_title,
                "status": session.status,
                "started_at": moment(session.started_at),
                "finished_at": moment(session.finished_at),
                "reached_step": session.reached_step,
                "step_count": session.step_count,
                "pain_before": session.pain_before,
                "pain_after": session.pain_after,
            }
            for session in sessions
        ],
        "health_answers": [
            {
                "condition": answer.condition.name,
                "applies": answer.applies,
                "answered_at": moment(answer.answered),
            }
            for answer in answers
        ],
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="backlog-history.json"'
    return response


@require_POST
@login_required
def time_zone(request):
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        return render(request, "practice/time_zone.html", {"form": form}, status=400)
    Profile.objects.update_or_create(
        user=request.user, defaults={"time_zone": form.cleaned_data["time_zone"]}
    )
    messages.success(
        request, f"Saved: your days are counted in {form.cleaned_data['time_zone']} time."
    )
    return redirect(reverse("account") + "#time-zone")
