from django import forms

from .models import Difficulty, Equipment


class RoutineFilterForm(forms.Form):
    """Filters on the routine list: level, and the equipment the person has to hand."""

    level = forms.TypedChoiceField(
        choices=[("", "Any level"), *Difficulty.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    have = forms.MultipleChoiceField(
        label="Equipment I have",
        choices=[(e.value, e.label) for e in Equipment if e != Equipment.NONE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked to see every routine.",
    )

    def filter(self, routines):
        """Keep the routines at the chosen level that need nothing the person lacks."""
        level = self.cleaned_data["level"]
        have = set(self.cleaned_data["have"])
        if level:
            routines = [r for r in routines if r.level == level]
        if have:
            routines = [r for r in routines if set(r.equipment_needed()) <= have]
        return routines
