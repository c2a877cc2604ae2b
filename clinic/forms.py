import datetime

from django import forms
from django.utils import timezone

from backlog.forms import PlainLabels
from plans.forms import PlanRoutineForm
from plans.models import no_control_characters

from .models import Share, normalise_code

MAX_SHARE_DAYS = 3 * 365


class LinkForm(PlainLabels, forms.Form):
    """The patient's side of an invitation: the code, what to share, and for how long."""

    code = forms.CharField(
        label="Invitation code",
        max_length=20,
        help_text="The ten letters and digits your physiotherapist gave you, such as ABCDE-23456.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    plan_and_sessions = forms.BooleanField(
        label="My plan and sessions",
        required=False,
        initial=True,
        help_text="Pain before and after, next-morning ratings, “this hurts” with the step, rungs.",
    )
    goals = forms.BooleanField(label="My goals", required=False, initial=True)
    starts_on = forms.DateField(
        label="Share sessions from",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Nothing before this day is shown.",
    )
    ends_on = forms.DateField(
        label="Until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leave it empty to share until you revoke it.",
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("That is not an invitation code: check the letters.")
        return code

    def clean(self):
        data = super().clean()
        if not (data.get("plan_and_sessions") or data.get("goals")):
            raise forms.ValidationError("Choose at least one thing to share.")
        starts, ends = data.get("starts_on"), data.get("ends_on")
        today = timezone.localdate()
        if starts and abs((starts - today).days) > MAX_SHARE_DAYS:
            self.add_error("starts_on", "Choose a day within three years of today.")
        if ends and ends < today:
            self.add_error("ends_on", "Choose today or a later day.")
        elif ends and starts and ends < starts:
            self.add_error("ends_on", "Choose a day after the start.")
        elif ends and (ends - today).days > MAX_SHARE_DAYS:
            self.add_error("ends_on", "Choose a day within three years of today.")
        return data

    @staticmethod
    def initial_values(code=""):
        return {"code": code, "starts_on": timezone.localdate() - datetime.timedelta(weeks=4)}


class RevokeForm(PlainLabels, forms.Form):
    share = forms.ModelChoiceField(queryset=Share.objects.none())


class AnswerForm(PlainLabels, forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])


class PrescribeForm(PlanRoutineForm):  # PlanRoutineForm brings PlainLabels
    """The routine and its rhythm (the plan's own form), a note, and a rung per exercise."""

    note = forms.CharField(
        label="Note for your patient",
        max_length=300,
        required=False,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Such as “keep the twist small this week”.",
    )

    def __init__(self, *args, routines, exercises=(), **kwargs):
        super().__init__(*args, routines=routines, **kwargs)
        self.fields["routine"].required = True
        self.fields["routine"].widget = forms.HiddenInput()
        self.exercises = list(exercises)
        for exercise in self.exercises:
            choices = [("", f"{exercise.name} (plain, rung 0)")] + [
                (str(v.pk), f"{v.name} (rung {v.ladder})") for v in exercise.variations.all()
            ]
            self.fields[f"rung_{exercise.pk}"] = forms.ChoiceField(
                label=f"Rung for {exercise.name}", choices=choices, required=False
            )
            self.fields[f"locked_{exercise.pk}"] = forms.BooleanField(
                label=f"Keep {exercise.name} on this rung", required=False
            )

    def rung_rows(self):
        """(exercise, rung field, locked field) for the template."""
        return [(e, self[f"rung_{e.pk}"], self[f"locked_{e.pk}"]) for e in self.exercises]

    def rungs(self):
        """[(exercise, variation or None, locked)] from the cleaned data."""
        result = []
        for exercise in self.exercises:
            chosen = self.cleaned_data.get(f"rung_{exercise.pk}")
            variation = next((v for v in exercise.variations.all() if str(v.pk) == chosen), None)
            result.append(
                (exercise, variation, bool(self.cleaned_data.get(f"locked_{exercise.pk}")))
            )
        return result
