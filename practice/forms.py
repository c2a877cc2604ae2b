from django import forms

from .models import PAIN_MESSAGE, PAIN_VALIDATORS


class PainForm(forms.Form):
    """One tap: a rating from 0 (no pain) to 10 (worst), or nothing when skipped."""

    pain = forms.IntegerField(
        required=False, validators=PAIN_VALIDATORS, error_messages={"invalid": PAIN_MESSAGE}
    )


class FavouriteForm(forms.Form):
    favourite = forms.ChoiceField(
        choices=[("on", "Bookmark"), ("off", "Remove bookmark")],
        error_messages={"required": "Say whether to bookmark the routine or not."},
    )
