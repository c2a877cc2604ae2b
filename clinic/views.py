"""The clinician's pages (My patients, a patient, prescribe, the appointment summary) and
the patient's actions (link by code, revoke, answer a prescription, print a summary).

Every clinician view reaches patient data only through `authorizers.get_share_for_clinician`
(404 otherwise) and logs the look once; every patient view reads their own rows only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plans import charts as goal_charts
from plans import progress
from plans.models import MAX_ROUTINES, Plan, PlanRoutine, Rung, weekday_bits, zone_for
from practice import charts as pain_charts
from stretches.models import Routine

from . import overview
from .authorizers import (
    GOALS,
    PLAN,
    get_own_prescription,
    get_own_share,
    get_share_for_clinician,
    require_clinician,
)
from .forms import AnswerForm, LinkForm, PrescribeForm
from .models import (
    MAX_OPEN_INVITATIONS,
    MAX_PATIENTS_SHOWN,
    AccessLog,
    Invitation,
    PrescribedRung,
    Prescription,
    Share,
)

What = AccessLog.What


# --- The clinician's side ---


@require_safe
@login_required
def my_patients(request):
    require_clinician(request)
    shares = list(
        Share.objects.active()
        .filter(clinician=request.user)
        .select_related("patient")
        .order_by("patient__username")[:MAX_PATIENTS_SHOWN]
    )
    rows = overview.overviews(shares)
    AccessLog.objects.bulk_create(
        AccessLog(patient_id=s.patient_id, clinician=request.user, what=What.LIST) for s in shares
    )
    now = timezone.now()
    invitations = [
        i
        for i in Invitation.objects.filter(clinician=request.user, used_at=None)[
            :MAX_OPEN_INVITATIONS
        ]
        if i.is_open(now)
    ]
    return render(
        request,
        "clinic/my_patients.html",
        {"rows": rows, "invitations": invitations},
    )


@require_POST
@login_required
def invite(request):
    require_clinician(request)
    now = timezone.now()
    if (
        Invitation.objects.filter(clinician=request.user, used_at=None, expires_at__gt=now).count()
        >= MAX_OPEN_INVITATIONS
    ):
        messages.error(
            request, f"You have {MAX_OPEN_INVITATIONS} unused codes: give those out first."
        )
        return redirect("clinic:my-patients")
    invitation = Invitation.objects.create(clinician=request.user, created=now)
    messages.success(
        request,
        f"New invitation code: {invitation.spaced_code}. It works once, "
        f"until {timezone.localtime(invitation.expires_at):%-d %b %Y}.",
    )
    return redirect(reverse("clinic:my-patients") + "#invitations")


def _patient_context(share, now=None):
    """What a patient's page and the appointment summary show, as the share allows."""
    context = {"share": share, "patient": share.patient}
    row = overview.overviews([share], now)[0]
    context["row"] = row
    if share.plan_and_sessions:
        plan = progress.load_plan(share.patient)
        sessions = overview.sessions(share, now)
        context.update(
            plan=plan,
            ladders=progress.ladders(share.patient, plan),
            sessions=sessions,
            hurts=[s for s in sessions if s.status == "stopped"],
            pain_chart=pain_charts.pain_chart(sessions),
        )
    if share.goals:
        context["goals_chart"] = goal_charts.goals_chart(
            row.goals, context.get("sessions", []), timezone.get_default_timezone()
        )
    return context


@require_safe
@login_required
def patient(request, patient_id):
    share = get_share_for_clinician(request, patient_id, what=What.PATIENT)
    context = _patient_context(share)
    context["prescriptions"] = Prescription.objects.filter(
        clinician=request.user, patient_id=patient_id
    ).select_related("routine")[:10]
    return render(request, "clinic/patient.html", context)


@require_safe
@login_required
def patient_goals(request, patient_id):
    share = get_share_for_clinician(request, patient_id, scope=GOALS, what=What.GOALS)
    row = overview.overviews([share])[0]
    chart = goal_charts.goals_chart(row.goals, [], timezone.get_default_timezone())
    return render(
        request,
        "clinic/patient_goals.html",
        {"share": share, "patient": share.patient, "row": row, "goals_chart": chart},
    )


@require_safe
@login_required
def summary(request, patient_id):
    share = get_share_for_clinician(request, patient_id, what=What.SUMMARY)
    return render(request, "clinic/summary.html", _patient_context(share) | {"for_patient": False})


def _prescribable(user):
    """Library routines and the clinician's own (built with the builder), playable."""
    return Routine.objects.visible_to(user).playable().order_by("owner_id", "title")


@require_http_methods(["GET", "POST"])
@login_required
def prescribe(request, patient_id):
    share = get_share_for_clinician(
        request, patient_id, scope=PLAN, what=What.PRESCRIBE if request.method == "GET" else None
    )
    routines = _prescribable(request.user)
    chosen_id = request.POST.get("routine") or request.GET.get("routine")
    routine = None
    # Ascii digits, short enough for a database id (bad input is a 404, never a 500).
    if chosen_id and chosen_id.isascii() and chosen_id.isdigit() and len(chosen_id) < 19:
        routine = routines.with_steps().filter(pk=int(chosen_id)).first()
    if routine is None:
        if request.method == "POST" or chosen_id:
            raise Http404("No such routine.")
        return render(
            request,
            "clinic/prescribe_choose.html",
            {"share": share, "patient": share.patient, "routines": routines},
        )
    exercises = [e for e in routine.exercises() if e.variations.all()]
    form = PrescribeForm(
        request.POST if request.method == "POST" else None,
        routines=routines,
        exercises=exercises,
        initial={"routine": routine.pk, "weekdays": [str(d) for d in range(5)], "weeks": 6},
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                prescription = Prescription(
                    clinician=request.user,
                    patient_id=patient_id,
                    routine=routine,
                    weekdays=weekday_bits(data["weekdays"]),
                    times_per_day=data["times_per_day"],
                    weeks=data["weeks"],
                    note=data["note"],
                )
                prescription.full_clean()
                prescription.save()
                PrescribedRung.objects.bulk_create(
                    PrescribedRung(
                        prescription=prescription,
                        exercise=exercise,
                        variation=variation,
                        locked=locked,
                    )
                    for exercise, variation, locked in form.rungs()
                )
            messages.success(
                request,
                f"Sent to {share.patient.get_username()}: “{routine.title}”. "
                "They choose whether to accept it into their plan.",
            )
            return redirect("clinic:patient", patient_id)
        status = 400
    else:
        status = 200
    return render(
        request,
        "clinic/prescribe.html",
        {"share": share, "patient": share.patient, "routine": routine, "form": form},
        status=status,
    )


# --- The patient's side ---


@require_http_methods(["GET", "POST"])
@login_required
def link(request):
    """Link a physiotherapist by the code they gave (or the link with ?code=), choosing what
    to share and for how long."""
    if request.method == "POST":
        form = LinkForm(request.POST)
        if form.is_valid():
            shared = _link(request, form)
            if shared:
                messages.success(request, shared)
                return redirect(reverse("account") + "#physiotherapists")
        return render(request, "clinic/link.html", {"form": form}, status=400)
    form = LinkForm(initial=LinkForm.initial_values(str(request.GET.get("code", ""))[:20]))
    return render(request, "clinic/link.html", {"form": form})


def _link(request, form):
    """Use the code and make the share; a message on success, or None with the form's error."""
    data = form.cleaned_data
    now = timezone.now()
    invitation = Invitation.objects.filter(code=data["code"]).select_related("clinician").first()
    if invitation is None or not invitation.is_open(now):
        form.add_error("code", "That code does not work: it is used, expired or mistyped.")
        return None
    if invitation.clinician_id == request.user.pk:
        form.add_error("code", "That is your own code: give it to your patient.")
        return None
    try:
        with transaction.atomic():
            if not invitation.use(now):
                form.add_error("code", "That code does not work: it is used, expired or mistyped.")
                return None
            # A new share replaces one still open with the same physiotherapist.
            Share.objects.filter(
                patient=request.user, clinician=invitation.clinician, revoked_at=None
            ).update(revoked_at=now)
            share = Share(
                patient=request.user,
                clinician=invitation.clinician,
                plan_and_sessions=data["plan_and_sessions"],
                goals=data["goals"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                created=now,
            )
            share.full_clean()
            share.save()
    except (IntegrityError, ValidationError):
        form.add_error(None, "That did not work: try again.")
        return None
    return (
        f"{invitation.clinician.get_username()} can now see your "
        f"{' and '.join(share.scopes())}, {share.period()}."
    )


@require_POST
@login_required
def revoke(request, pk):
    share = get_own_share(request, pk)
    Share.objects.filter(pk=share.pk, revoked_at=None).update(revoked_at=timezone.now())
    messages.success(
        request, f"{share.clinician.get_username()} can no longer see anything of yours."
    )
    return redirect(reverse("account") + "#physiotherapists")


@require_POST
@login_required
def answer(request, pk):
    """Accept a prescription into the plan (its routine, rhythm and rungs), or decline it."""
    prescription = get_own_prescription(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say whether to accept or decline.")
        return redirect("plans:plan")
    now = timezone.now()
    if form.cleaned_data["answer"] == "decline":
        Prescription.objects.filter(pk=pk, status=Prescription.Status.PENDING).update(
            status=Prescription.Status.DECLINED, answered_at=now
        )
        messages.success(
            request, f"Declined “{prescription.routine.title}”. Your plan is as it was."
        )
        return redirect("plans:plan")
    try:
        title = _accept(request.user, prescription, now)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:plan")
    messages.success(request, f"“{title}” is in your plan, as your physiotherapist set it.")
    return redirect("plans:plan")


def _accept(user, prescription, now):
    routine = Routine.objects.with_steps().get(pk=prescription.routine_id)
    today = timezone.localdate(now, progress.zone_for(user))
    with transaction.atomic():
        claimed = Prescription.objects.filter(
            pk=prescription.pk, status=Prescription.Status.PENDING
        ).update(status=Prescription.Status.ACCEPTED, answered_at=now)
        if not claimed:
            raise ValidationError("That was answered already.")
        the_plan, _ = Plan.objects.get_or_create(user=user)
        items = list(the_plan.items.all())
        in_plan = routine.owner_id is None and any(i.routine_id == routine.pk for i in items)
        if not in_plan and len(items) >= MAX_ROUTINES:
            raise ValidationError(
                f"Your plan has {MAX_ROUTINES} routines already: remove one, then accept."
            )
        if routine.owner_id is not None:
            # A routine the physiotherapist built: the patient gets their own copy to play.
            routine = routine.copy(owner=user, title=routine.title)
        PlanRoutine.objects.update_or_create(
            plan=the_plan,
            routine=routine,
            defaults={
                "weekdays": prescription.weekdays,
                "times_per_day": prescription.times_per_day,
                "weeks": prescription.weeks,
                "starts_on": today,
            },
            create_defaults={
                "weekdays": prescription.weekdays,
                "times_per_day": prescription.times_per_day,
                "weeks": prescription.weeks,
                "starts_on": today,
                "order": len(items),
            },
        )
        for rung in prescription.rungs.all():
            Rung.objects.update_or_create(
                user=user,
                exercise_id=rung.exercise_id,
                defaults={"variation_id": rung.variation_id, "since": now, "locked": rung.locked},
            )
    return routine.title


@require_safe
@login_required
def my_summary(request):
    """The patient's own appointment summary: everything, from four weeks ago."""
    _today, first = overview.window()
    share = Share(
        patient=request.user,
        clinician=request.user,
        starts_on=first,
        plan_and_sessions=True,
        goals=True,
    )
    return render(request, "clinic/summary.html", _patient_context(share) | {"for_patient": True})


def _rungs(prescription):
    return [
        {
            "exercise": rung.exercise.name,
            "variation": rung.variation.name if rung.variation else None,
            "rung": rung.variation.ladder if rung.variation else 0,
            "keep": rung.locked,
        }
        for rung in prescription.rungs.all()
    ]


@require_safe
@login_required
def download(request):
    """The person's own clinic data, as JSON (their history download's part from this app):
    who they share with (every share, revoked and ended ones too), every look logged, and
    what was prescribed for them; for a clinician, also the codes they made and what they
    prescribed. At most nine queries however long the log."""
    user, zone = request.user, zone_for(request.user)
    today = timezone.localdate(timezone.now(), zone)

    def moment(value):
        return timezone.localtime(value, zone).isoformat() if value else None

    shares = Share.objects.filter(patient=user).select_related("clinician")
    looks = AccessLog.objects.filter(patient=user).select_related("clinician")
    prescriptions = Prescription.objects.filter(patient=user).select_related("clinician", "routine")
    rungs = Prefetch(
        "rungs", queryset=PrescribedRung.objects.select_related("exercise", "variation")
    )
    prescriptions = prescriptions.prefetch_related(rungs)
    # A clinician's own part: the codes they made and what they sent (not the answers,
    # which are the patients'). Empty for everyone else.
    invitations = Invitation.objects.filter(clinician=user)
    sent = (
        Prescription.objects.filter(clinician=user)
        .select_related("patient", "routine")
        .prefetch_related(rungs)
    )
    data = {
        "time_zone": str(zone),
        "shares": [
            {
                "clinician": share.clinician.get_username(),
                "sharing": share.scopes(),
                "starts_on": share.starts_on.isoformat(),
                "ends_on": share.ends_on.isoformat() if share.ends_on else None,
                "linked_at": moment(share.created),
                "revoked_at": moment(share.revoked_at),
                "in_force": share.is_active(today),
            }
            for share in shares
        ],
        "access_log": [
            {
                "at": moment(look.at),
                "clinician": look.clinician.get_username(),
                "what": look.get_what_display(),
            }
            for look in looks.iterator(chunk_size=500)
        ],
        "prescriptions": [
            {
                "from": p.clinician.get_username(),
                "routine": p.routine.title,
                "rhythm": p.rhythm(),
                "note": p.note,
                "status": p.status,
                "sent_at": moment(p.created),
                "answered_at": moment(p.answered_at),
                "rungs": _rungs(p),
            }
            for p in prescriptions
        ],
        "as_clinician": {
            "invitations": [
                {
                    "code": invitation.spaced_code,
                    "made_at": moment(invitation.created),
                    "expires_at": moment(invitation.expires_at),
                    "used_at": moment(invitation.used_at),
                }
                for invitation in invitations
            ],
            "prescriptions_sent": [
                {
                    "to": p.patient.get_username(),
                    "routine": p.routine.title,
                    "rhythm": p.rhythm(),
                    "note": p.note,
                    "sent_at": moment(p.created),
                    "rungs": _rungs(p),
                }
                for p in sent
            ],
        },
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="backlog-physio.json"'
    return response
