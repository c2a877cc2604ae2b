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


class VariationListField(forms.CharField):
    """`use`: comma-separated variation ids, at most a few, as a list of ints (whether they
    are the routine's is `PlayerQueryForm.read`'s to check)."""

    widget = forms.HiddenInput
    MAX_ITEMS = 50
    default_error_messages = {
        "invalid_list": "“use” must be a comma-separated list of variation numbers.",
        "invalid_choice": "“use” names variations that are not part of this routine.",
        "duplicate": "“use” names two variations of one exercise; choose one.",
    }

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return []
        ids = [_parse_id(part) for part in text.split(",")[: self.MAX_ITEMS + 1]]
        if len(ids) > self.MAX_ITEMS or None in ids:
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return ids

    def variations_of(self, routine, ids):
        """The variations `ids` names, each of one of `routine`'s exercises and one per
        exercise (one query, none for no ids), or a ValidationError."""
        if not ids:
            return []
        exercise_ids = {step.exercise_id for step in routine.steps.all()}
        variations = list(Variation.objects.filter(exercise_id__in=exercise_ids, pk__in=ids))
        if {variation.pk for variation in variations} != set(ids):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        if len({variation.exercise_id for variation in variations}) != len(variations):
            raise forms.ValidationError(self.error_messages["duplicate"], code="duplicate")
        return variations


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
    the check first: `stretches.checkfirst`).

    Read with `PlayerQueryForm.read`, from its declared fields: no instance is made, and
    every request shares those field objects, so nothing may ever change them."""

    use = VariationListField(required=False)
    c = ConditionIdsField(required=False, widget=forms.HiddenInput)
    session = IdField(name="session", required=False)
    share = forms.RegexField(
        regex=SHARE_TOKEN,
        max_length=64,
        required=False,
        error_messages={"invalid": "“share” is not a shared link's token."},
    )

    @classmethod
    def read(cls, data, routine=None, *, lenient=False):
        """(cleaned data, "") or (None, every error in one line, for the 400 page).

        The class's own fields check the spelling without making a form (a form deep-copies
        its fields on every request, which was most of the cost of a warm cached step;
        their `clean` keeps no state). With `routine`, `use` becomes the routine's own
        variations (one query when there are any); without, it stays a list of ids, before
        a cache is read. `lenient` (after an editor changed the routine): a `use` that is no
        longer the routine's is dropped rather than refused."""
        cleaned, errors = {}, {}
        for name, field in cls.base_fields.items():
            try:
                cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            except forms.ValidationError as error:
                errors[name] = error.messages
        if routine is not None and "use" not in errors:
            try:
                cleaned["use"] = cls.base_fields["use"].variations_of(routine, cleaned["use"])
            except forms.ValidationError as error:
                errors["use"] = error.messages
        if lenient and set(errors) == {"use"}:
            errors, cleaned["use"] = {}, []
        if errors:
            in_order = [errors[name] for name in cls.base_fields if name in errors]
            return None, " ".join(message for messages in in_order for message in messages)
        return cleaned, ""
