"""Forms of the routine builder: a routine's details, one step, the exercise search, import."""

from django import forms

from backlog.forms import PlainLabels
from stretches.models import STEP_SETTINGS, Equipment, Routine, RoutineStep

MAX_IMPORT_BYTES = 64 * 1024


class RoutineForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = Routine
        fields = ["title", "description", "level"]
        help_texts = {"description": "Optional: what it is for, when to do it."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class StepForm(PlainLabels, forms.ModelForm):
    """One step. The variation is chosen among its exercise's own variations only, read from
    the prefetched exercise, so a page of many steps does not query once per step."""

    variation = forms.TypedChoiceField(
        label="Version", required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = RoutineStep
        fields = ["variation", *STEP_SETTINGS]
        labels = {"hold_seconds": "Hold (s)", "rest_seconds": "Rest after (s)"}
        help_texts = {"rounds": "", "cycle_steps": "", "cue": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._variations = {v.pk: v for v in self.instance.exercise.variations.all()}
        self.fields["variation"].choices = [
            ("", "Plain exercise"),
            *((pk, v.name) for pk, v in self._variations.items()),
        ]
        self.initial["variation"] = self.instance.variation_id
        for name in ("hold_seconds", "rounds", "cycle_steps", "rest_seconds"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_variation(self):
        pk = self.cleaned_data["variation"]
        return self._variations[pk] if pk else None

    def _post_clean(self):
        variation = self.cleaned_data.get("variation")
        super()._post_clean()
        self.instance.variation = variation


class ExerciseSearchForm(PlainLabels, forms.Form):
    """Search the library for an exercise to add: by name, target area and equipment."""

    q = forms.CharField(label="Search exercises", required=False, max_length=100)
    area = forms.ChoiceField(label="Target area", required=False)
    equipment = forms.ChoiceField(
        label="Equipment", required=False, choices=[("", "Any equipment"), *Equipment.choices]
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Any area"), *((a, a.capitalize()) for a in areas)]

    def filter(self, exercises):
        """The exercises matching the search (all of them when the form is not valid)."""
        if not self.is_valid():
            return exercises
        query = self.cleaned_data["q"].strip().casefold()
        area = self.cleaned_data["area"]
        equipment = self.cleaned_data["equipment"]
        return [
            e
            for e in exercises
            if (not query or query in e.name.casefold() or query in e.summary.casefold())
            and (not area or area in e.target_area_list())
            and (not equipment or e.equipment == equipment)
        ]


class ImportForm(PlainLabels, forms.Form):
    file = forms.FileField(
        label="Routine file (.json)",
        help_text="A file downloaded with “Download as a file”, from this or another backlog.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is too large ({file.size // 1024} KB); a routine file is at most "
                f"{MAX_IMPORT_BYTES // 1024} KB."
            )
        return file
