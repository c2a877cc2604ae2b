"""Who to call about the urgent signs, for every page (the footer names them too)."""

from django.conf import settings


def urgent_help(request):
    return {
        "emergency_number": settings.EMERGENCY_NUMBER or "your local emergency number",
        "urgent_advice": settings.URGENT_ADVICE or "your local non-emergency medical line",
    }
