"""The clinic's parts of pages other apps own: "From your physiotherapist" on the plan
page, and who sees what (with the access log) on the account page."""

from django import template

from clinic.models import (
    AccessLog,
    Prescription,
    Share,
    is_clinician,
)

register = template.Library()

LOG_SHOWN = 50


@register.inclusion_tag("clinic/includes/prescriptions.html", takes_context=True)
def from_your_physiotherapist(context):
    """Prescriptions waiting for the person's answer, with their rungs (two queries)."""
    user = context["user"]
    pending = list(
        Prescription.objects.filter(patient=user, status=Prescription.Status.PENDING)
        .select_related("routine", "clinician")
        .prefetch_related("rungs__exercise", "rungs__variation")[:5]
    )
    return {"pending": pending, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("clinic/includes/account.html", takes_context=True)
def clinic_account(context):
    """Who can see what (with Revoke), the access log, and My patients for a clinician."""
    user = context["user"]
    shares = list(Share.objects.filter(patient=user, revoked_at=None).select_related("clinician"))
    log = list(AccessLog.objects.filter(patient=user).select_related("clinician")[:LOG_SHOWN])
    return {
        "shares": shares,
        "log": log,
        "log_shown": LOG_SHOWN,
        "is_clinician": is_clinician(user),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("clinic/includes/downloads.html")
def clinic_downloads():
    """The clinic's part of the history page's downloads (no query)."""
    return {}
