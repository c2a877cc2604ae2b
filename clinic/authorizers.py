"""Who may see what: the one place the clinic's access rules live.

Every clinician view loads its share through `get_share_for_clinician`, which 404s unless
the signed-in person is a clinician with an active share from that patient covering what
the view shows. A patient's own views load their rows through `get_own_*`.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import AccessLog, Prescription, Share, is_clinician

PLAN = "plan_and_sessions"
GOALS = "goals"


def require_clinician(request):
    if not is_clinician(request.user):
        raise Http404("No such page.")


def get_share_for_clinician(request, patient_id, scope=None, what=None):
    """The active share `patient_id` gave the signed-in clinician (covering `scope` when
    given), or 404. With `what`, the look is logged (one entry)."""
    require_clinician(request)
    share = (
        Share.objects.active()
        .filter(clinician=request.user, patient_id=patient_id)
        .select_related("patient")
        .first()
    )
    if share is None or (scope and not getattr(share, scope)):
        raise Http404("No such patient.")
    if what:
        AccessLog.objects.create(patient_id=patient_id, clinician=request.user, what=what)
    return share


def get_own_share(request, pk):
    return get_object_or_404(Share, pk=pk, patient=request.user, revoked_at=None)


def get_own_prescription(request, pk):
    return get_object_or_404(
        Prescription, pk=pk, patient=request.user, status=Prescription.Status.PENDING
    )
