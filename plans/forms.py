from django import forms

from backlog.forms import PlainLabels
from practice.models import PAIN_MESSAGE, PAIN_VALIDATORS
from stretches.models import Routine

from .models import MAX_ROUTINES, SCORE_MESSAGE, WEEKDAY_NAMES, GoalRating, no_control_characters

WEEKDAY_CHOICES = [(str(n), name) for n, name in enumerate(WEEKDAY_NAMES)]


class PlanRoutineForm(PlainLabels, forms.Form):
    """One routine of the plan and its rhythm. Left empty, the row is not part of the plan."""

    routine = forms.ModelChoiceField(
        queryset=Routine.objects.none(),
        required=False,
        empty_label="(none)",
        error_messages={"invalid_choice": "Choose a routine from the list."},
    )
    weekdays = forms.MultipleChoiceField(
        label="On",
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose days of the week."},
    )
    times_per_day = forms.TypedChoiceField(
        label="How often",
        choices=[(1, "Once a day"), (2, "Twice a day"), (3, "Three times a day")],
        coerce=int,
        initial=1,
    )
    weeks = forms.IntegerField(
        label="For how many weeks",
        min_value=1,
        max_value=52,
        required=False,
        help_text="Leave it empty to keep going with no end.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, routines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["routine"].queryset = routines

    def clean(self):
        data = super().clean()
        if data.get("routine") and not data.get("weekdays"):
            self.add_error("weekdays", "Choose at least one day for this routine.")
        return data


class BasePlanFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        chosen = [f.cleaned_data["routine"] for f in self.forms if f.cleaned_data.get("routine")]
        if not chosen:
            raise forms.ValidationError("Choose at least one routine.")
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Choose each routine once.")


PlanFormSet = forms.formset_factory(
    PlanRoutineForm,
    formset=BasePlanFormSet,
    extra=0,
    min_num=MAX_ROUTINES,
    max_num=MAX_ROUTINES,
    validate_max=True,
    absolute_max=MAX_ROUTINES,
)


class MorningForm(PlainLabels, forms.Form):
    pain = forms.IntegerField(
        required=False, validators=PAIN_VALIDATORS, error_messages={"invalid": PAIN_MESSAGE}
    )


class LadderAnswerForm(PlainLabels, forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    direction = forms.ChoiceField(choices=[("harder", "Harder"), ("easier", "Easier")])


class FeedForm(PlainLabels, forms.Form):
    action = forms.ChoiceField(choices=[("renew", "Renew"), ("revoke", "Revoke")])
    time = forms.TimeField(
        label="Time of day in your calendar",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )


class GoalForm(PlainLabels, forms.Form):
    activity = forms.CharField(
        label="Something your back makes hard",
        max_length=80,
        validators=[no_control_characters],
        help_text="In your own words, such as “putting on socks” or “sitting through a film”.",
    )
    score = forms.IntegerField(
        label="How well can you do it now?",
        min_value=0,
        max_value=10,
        help_text="0 means you cannot do it, 10 as well as before your back hurt.",
        error_messages={
            "invalid": SCORE_MESSAGE,
            "min_value": SCORE_MESSAGE,
            "max_value": SCORE_MESSAGE,
        },
    )


class GoalRatingForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = GoalRating
        fields = ["score"]
        error_messages = {"score": {"invalid": SCORE_MESSAGE, "required": SCORE_MESSAGE}}
