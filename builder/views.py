"""The routine builder: a person's own routines, made, copied, adjusted, carried in and out.

Every view here works on the signed-in person's own routines only (`_get_own_routine`,
404 for anyone else's). Step actions answer htmx with the steps section alone, and
everything else with a redirect back to the whole page, so all of it works without
JavaScript. Each step action reads and writes the steps inside one transaction holding the
routine's row lock (`_lock_own_routine`), so two tabs editing one routine take turns and
each sees the other's change.
"""

import copy
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from stretches.models import Exercise, Routine, RoutineStep, Side
from stretches.timeline import validate_routine_steps

from .forms import ExerciseSearchForm, ImportForm, RoutineForm, StepForm
from .transfer import export_routine as routine_as_dict
from .transfer import import_routine as routine_from_file

COPY_SUFFIX = " (my copy)"
NEW_STEP_HOLD_SECONDS = 30


def _get_own_routine(request, slug):
    """The person's own routine with its steps, or 404 (also for anyone else's)."""
    return get_object_or_404(Routine.objects.with_steps(), slug=slug, owner=request.user)


def _lock_own_routine(request, slug):
    """`_get_own_routine`, holding the routine's row until the transaction ends.

    Call it inside `transaction.atomic()`: a second step action on the same routine waits
    here (PostgreSQL's row lock; SQLite's write lock, taken when the transaction begins),
    then reads the steps as the first left them.
    """
    routines = Routine.objects.select_for_update(of=("self",)).with_steps()
    return get_object_or_404(routines, slug=slug, owner=request.user)


def _get_own_step(routine, pk):
    for step in routine.steps.all():
        if step.pk == pk:
            return step
    raise Http404("No such step in this routine.")


def _step_form(step, data=None):
    return StepForm(data, instance=step, prefix=f"step-{step.pk}")


def _edit_context(request, routine, bound=None, details_form=None, problems=()):
    exercises = list(Exercise.objects.all())
    areas = sorted({area.casefold() for e in exercises for area in e.target_area_list()})
    search = ExerciseSearchForm(request.GET or None, areas=areas)
    step_forms = [
        (step, bound if bound is not None and bound.instance.pk == step.pk else _step_form(step))
        for step in routine.steps.all()
    ]
    return {
        "routine": routine,
        "details_form": details_form or RoutineForm(instance=routine),
        "step_forms": step_forms,
        "problems": problems,
        "search": search,
        "results": search.filter(exercises),
    }


def _steps_changed(request, routine, step_pk=None, problems=()):
    """After a step action: the steps section for htmx, else back to the whole page."""
    if request.htmx:
        routine = _get_own_routine(request, routine.slug)
        context = _edit_context(request, routine, problems=problems)
        response = render(request, "builder/edit.html#steps", context)
        if problems:
            # Refused: scroll to the reason, at the top of the steps (an Add is far below).
            response["HX-Reswap"] = "outerHTML show:top"
        return response
    for problem in problems:
        messages.error(request, problem)
    url = reverse("builder:edit", args=[routine.slug])
    return redirect(f"{url}#step-{step_pk}" if step_pk else url)


def _renumber(routine, steps):
    for number, step in enumerate(steps, start=1):
        step.order = number
    RoutineStep.objects.bulk_update(steps, ["order"])
    routine.save(update_fields=["updated"])  # moves the version on, as a step's save does


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def new_routine(request):
    form = RoutineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        routine = form.save(commit=False)
        routine.owner = request.user
        routine.is_published = False
        routine.save_under_free_slug()
        return redirect("builder:edit", routine.slug)
    return render(request, "builder/new.html", {"form": form})


@require_POST
@login_required
def copy_routine(request, slug):
    # A shared link's token lets anyone signed in copy it into their own.
    share = request.POST.get("share") or None
    routines = Routine.objects.visible_to(request.user, share_token=share).with_steps()
    original = get_object_or_404(routines, slug=slug)
    title = original.title[: Routine._meta.get_field("title").max_length - len(COPY_SUFFIX)]
    try:
        routine = original.copy(owner=request.user, title=title + COPY_SUFFIX)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(original.get_absolute_url())
    messages.success(
        request, f"This is your own copy of “{original.title}”: change it as you like."
    )
    return redirect("builder:edit", routine.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def edit_routine(request, slug):
    routine = _get_own_routine(request, slug)
    if request.method == "POST":
        form = RoutineForm(request.POST, instance=routine)
        if form.is_valid():
            form.save()
            messages.success(request, "Saved.")
            return redirect("builder:edit", routine.slug)
        routine.refresh_from_db(fields=["title", "description", "level"])
        return render(
            request, "builder/edit.html", _edit_context(request, routine, details_form=form)
        )
    context = _edit_context(request, routine)
    if request.htmx and request.htmx.target == "exercise-results":
        return render(request, "builder/edit.html#results", context)
    return render(request, "builder/edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def delete_routine(request, slug):
    """Ask first (GET), then delete (POST): the routine and its steps cannot come back."""
    routine = _get_own_routine(request, slug)
    if request.method == "GET":
        return render(request, "builder/delete.html", {"routine": routine})
    routine.delete()
    messages.success(request, f"Deleted “{routine.title}”.")
    return redirect("practice:my-routines")


@require_POST
@login_required
def share_routine(request, slug):
    """Make (share=on) or revoke (share=off) the routine's read-only link for anyone."""
    routine = _get_own_routine(request, slug)
    wanted = request.POST.get("share")
    if wanted not in ("on", "off"):
        return HttpResponse("“share” must be on or off.", status=400, content_type="text/plain")
    if wanted == "on":
        routine.share()
        messages.success(request, "Anyone with the link can now read and play this routine.")
    else:
        routine.unshare()
        messages.success(request, "The shared link is revoked: it no longer opens this routine.")
    return redirect("builder:edit", routine.slug)


@require_safe
@login_required
def export_routine(request, slug):
    routine = _get_own_routine(request, slug)
    text = json.dumps(routine_as_dict(routine), indent=2, ensure_ascii=False)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{routine.slug}.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_routine(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            routine = routine_from_file(form.cleaned_data["file"].read(), request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"Imported “{routine.title}”: it is yours to change.")
            return redirect("builder:edit", routine.slug)
    return render(request, "builder/import.html", {"form": form})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def step_add(request, slug):
    chosen = request.POST.get("exercise", "")[:120]
    with transaction.atomic():
        routine = _lock_own_routine(request, slug)
        # A slug, checked first: PostgreSQL refuses NUL in a query's text.
        exercise = Exercise.objects.filter(slug=chosen).first() if slug_re.match(chosen) else None
        if exercise is None:
            return HttpResponseBadRequest("Choose an exercise from the library.")
        step = RoutineStep(
            routine=routine,
            exercise=exercise,
            # After the last, whatever numbers the steps carry (a copy keeps the library's).
            order=max((s.order for s in routine.steps.all()), default=0) + 1,
            hold_seconds=NEW_STEP_HOLD_SECONDS,
            side=Side.NONE,
        )
        steps = [*routine.steps.all(), step]
        problems = [p.message for p in validate_routine_steps(steps, routine.is_published)]
        if not problems:
            step.save()
    if problems:
        return _steps_changed(request, routine, None, [f"Not added: {p}" for p in problems])
    if not request.htmx:
        messages.success(request, f"Added {exercise.name}.")
    return _steps_changed(request, routine, step.pk)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def step_save(request, slug, pk):
    with transaction.atomic():
        routine = _lock_own_routine(request, slug)
        step = _get_own_step(routine, pk)
        # A copy: the routine's own steps keep their saved values for the summary if this fails.
        form = _step_form(copy.copy(step), request.POST)
        if form.is_valid():
            steps = [form.instance if s.pk == pk else s for s in routine.steps.all()]
            position = next(n for n, s in enumerate(steps, start=1) if s.pk == pk)
            for where, message, field in validate_routine_steps(steps, routine.is_published):
                form.add_error(field if where == position else None, message)
        if form.is_valid():
            form.save()
    if form.is_valid():
        return _steps_changed(request, routine, pk)
    context = _edit_context(request, routine, bound=form)
    if request.htmx:
        return render(request, "builder/edit.html#steps", context)
    return render(request, "builder/edit.html", context, status=400)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def step_move(request, slug, pk):
    direction = request.POST.get("direction")
    with transaction.atomic():
        routine = _lock_own_routine(request, slug)
        step = _get_own_step(routine, pk)
        if direction not in ("up", "down"):
            return HttpResponseBadRequest("Move a step up or down.")
        steps = list(routine.steps.all())
        here = steps.index(step)
        there = here - 1 if direction == "up" else here + 1
        if not 0 <= there < len(steps):
            return _steps_changed(request, routine, pk)  # already first (or last): nothing to do
        steps[here], steps[there] = steps[there], steps[here]
        problems = [p.message for p in validate_routine_steps(steps, routine.is_published)]
        if not problems:
            _renumber(routine, steps)
    return _steps_changed(request, routine, pk, [f"Not moved: {p}" for p in problems])


@require_POST
@login_required
@vary_on_headers("HX-Request")
def step_delete(request, slug, pk):
    with transaction.atomic():
        routine = _lock_own_routine(request, slug)
        step = _get_own_step(routine, pk)
        steps = [s for s in routine.steps.all() if s.pk != pk]
        problems = [p.message for p in validate_routine_steps(steps, routine.is_published)]
        if not problems:
            step.delete()
            _renumber(routine, steps)
    if problems:
        return _steps_changed(request, routine, pk, [f"Not removed: {p}" for p in problems])
    return _steps_changed(request, routine)
