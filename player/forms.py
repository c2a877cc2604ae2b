"""The player's forms: the state its links carry (`PlayerQueryForm`) and the check first
(`CheckFirstForm`)."""

from django import forms

from stretches.models import SHARE_TOKEN, Variation

MAX_ID_DIGITS = 19  # 2**63 - 1, the largest id a BigAutoField holds, has 19 digits
ID_MESSAGE = "must be a whole number from 1 to 9223372036854775807"


def _parse_id(text):
    """`text` as a primary key, or None: ASCII digits only (no “١٢”, no sign, no spaces),
    checked for length before int(), which refuses more than 4,300 digits with an error."""
    if len(text) <= MAX_ID_DIGITS and text.isascii() and text.isdigit() and 0 < int(text) < 2**63:
        return int(text)
    return None


class IdField(forms.CharField):
    """A primary key from a query string or a hidden input, bounded to what the DB holds."""

    default_error_messages = {"invalid": f"“%(name)s” {ID_MESSAGE}."}

    def __init__(self, *, name, **kwargs):
        self.name = name
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        pk = _parse_id(text)
        if pk is None:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"name": self.name}
            )
        return pk


class VariationListField(forms.ModelMultipleChoiceField):
    """`use`: comma-separated variation ids, each one of the queryset's, at most a few."""

    widget = forms.HiddenInput
    MAX_ITEMS = 50
    default_error_messages = {
        "invalid_list": "“use” must be a comma-separated list of variation numbers.",
        "invalid_choice": "“use” names variations that are not part of this routine.",
        "invalid_pk_value": "“use” must be a comma-separated list of variation numbers.",
    }

    def clean(self, value):
        if value in self.empty_values:
            return [] if self.queryset is None else super().clean([])
        parts = value.split(",")
        ids = [_parse_id(part) for part in parts[: self.MAX_ITEMS + 1]]
        if len(ids) > self.MAX_ITEMS or None in ids:
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        if self.queryset is None:
            return ids  # the spelling alone: no routine to check the ids against
        return super().clean([str(pk) for pk in ids])


class CheckFirstForm(forms.Form):
    """Before you start (and the account page's health answers): which of `conditions`
    apply to the person. Before a routine, ticking nothing is not an answer: they tick what
    applies or press “None of these apply to me”, so nobody skips the question by accident."""

    applies = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="What applies to you"
    )
    none = forms.BooleanField(required=False)

    def __init__(self, data=None, *, conditions, profile=False):
        super().__init__(data)
        self.conditions = list(conditions)
        self.profile = profile
        self.fields["applies"].choices = [(c.pk, c) for c in self.conditions]

    def clean(self):
        cleaned = super().clean()
        if self.profile or self.errors:
            return cleaned
        if cleaned.get("none") and cleaned.get("applies"):
            raise forms.ValidationError(
                "You ticked a condition and “None of these apply to me”: untick one of them."
            )
        if not cleaned.get("none") and not cleaned.get("applies"):
            raise forms.ValidationError(
                "Tick what applies to you, or choose “None of these apply to me”."
            )
        return cleaned

    def applying(self):
        """The ids of the conditions the person said apply."""
        if self.cleaned_data.get("none"):
            return set()
        return set(self.cleaned_data.get("applies") or ())

    def error_text(self):
        return " ".join(error for errors in self.errors.values() for error in errors)


class ConditionIdsField(forms.CharField):
    """`c`: the ids of the conditions that apply to the person in this routine, as the check
    first found them ("0" when none does); None when it is missing (not checked yet)."""

    MAX_ITEMS = 50
    default_error_messages = {
        "invalid": "“c” must be 0 or a comma-separated list of condition numbers."
    }

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if text == "0":
            return frozenset()
        parts = text.split(",")
        ids = [_parse_id(part) for part in parts[: self.MAX_ITEMS + 1]]
        if len(ids) > self.MAX_ITEMS or None in ids:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return frozenset(ids)


class PlayerQueryForm(forms.Form):
    """What the player carries from step to step, in its links' query strings or in hidden
    inputs: the easier variations chosen (`use`), the signed-in person's open practice
    session (`session`, an opaque id here: practice checks it is theirs where it acts) and
    a shared link's token (`share`) and the conditions that apply to the person (`c`, from
    the check first: `stretches.checkfirst`)."""

    use = VariationListField(queryset=None, required=False)  # the routine's, once known
    c = ConditionIdsField(required=False, widget=forms.HiddenInput)
    session = IdField(name="session", required=False)
    share = forms.RegexField(
        regex=SHARE_TOKEN,
        max_length=64,
        required=False,
        error_messages={"invalid": "“share” is not a shared link's token."},
    )

    def __init__(self, data, *, routine):
        """`routine=None` checks every field's spelling without a query, before a cache is
        read (`use` is then a list of ids, not yet known to be the routine's)."""
        super().__init__(data)
        if routine is None:
            return
        exercise_ids = {step.exercise_id for step in routine.steps.all()}
        self.fields["use"].queryset = Variation.objects.filter(exercise_id__in=exercise_ids)

    def clean_use(self):
        if self.fields["use"].queryset is None:
            return self.cleaned_data["use"]
        variations = list(self.cleaned_data["use"])
        by_exercise = {variation.exercise_id: variation for variation in variations}
        if len(by_exercise) != len(variations):
            raise forms.ValidationError(
                "“use” names two variations of one exercise; choose one.", code="duplicate"
            )
        return variations

    def error_text(self):
        """Every error in one line, for the 400 page."""
        return " ".join(error for errors in self.errors.values() for error in errors)

    @classmethod
    def spell(cls, data):
        """(cleaned data, "") or (None, every error in one line): what a form made with
        `routine=None` says, without making one (a form deep-copies its fields, which is
        most of the cost of a warm cached step). The class's own fields check the spelling:
        their `clean` keeps no state, and `use` has no queryset there."""
        cleaned, errors = {}, []
        for name, field in cls.base_fields.items():
            try:
                cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        return (None, " ".join(errors)) if errors else (cleaned, "")
