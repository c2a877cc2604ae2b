import datetime

from django import forms
from django.utils import timezone

from backlog.forms import PlainLabels

from .models import PAIN_MESSAGE, PAIN_VALIDATORS, time_zone_names


class PainForm(PlainLabels, forms.Form):
    """One tap: a rating from 0 (no pain) to 10 (worst), or nothing when skipped."""

    pain = forms.IntegerField(
        required=False, validators=PAIN_VALIDATORS, error_messages={"invalid": PAIN_MESSAGE}
    )


# A press kept on the device keeps its moment when sent this long after; an older one (or a
# device clock far off) is recorded when it arrives.
PRESSED_KEPT = datetime.timedelta(days=14)
CLOCK_SKEW = datetime.timedelta(minutes=5)


class ReceiptKeyForm(PlainLabels, forms.Form):
    """What a press made on the device carries, if anything: its idempotency key, when it
    was pressed (milliseconds since 1970, the device's clock), and where the session's id
    was not known then, the key of the press that recorded it: for Finish or Stop after a
    Start kept on the device, that Start's (`start`); for a rating after, the Finish's."""

    key = forms.UUIDField(required=False)
    pressed = forms.IntegerField(required=False)
    start = forms.UUIDField(required=False)
    finish = forms.UUIDField(required=False)

    def clean_pressed(self):
        """The moment pressed, or None (now): never in the future, nor long ago."""
        pressed = self.cleaned_data["pressed"]
        if pressed is None:
            return None
        try:
            moment = datetime.datetime.fromtimestamp(pressed / 1000, tz=datetime.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        now = timezone.now()
        if not now - PRESSED_KEPT <= moment <= now + CLOCK_SKEW:
            return None
        return min(moment, now)


class FavouriteForm(PlainLabels, forms.Form):
    favourite = forms.ChoiceField(
        choices=[("on", "Bookmark"), ("off", "Remove bookmark")],
        error_messages={"required": "Say whether to bookmark the routine or not."},
    )


class TimeZoneForm(PlainLabels, forms.Form):
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
