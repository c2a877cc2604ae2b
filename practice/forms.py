from django import forms

from .models import PAIN_MESSAGE, PAIN_VALIDATORS, time_zone_names


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


class TimeZoneForm(forms.Form):
    """The time zone a person's days, streaks and CSV dates are counted in."""

    time_zone = forms.ChoiceField(
        label="Your time zone",
        help_text="Your practice days and streak start at midnight here.",
        error_messages={
            "invalid_choice": "Choose a time zone from the list, such as Europe/London."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name) for name in time_zone_names()]
