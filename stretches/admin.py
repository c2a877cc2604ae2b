"""The editors' admin: exercises with their variations, routines with their ordered steps.

History (django-reversion, with django-reversion-compare's diff view) keeps every saved
version of an exercise (with its variations) and of a routine (with its steps): who, when,
what changed, and a way back.
"""

from functools import partial
from types import SimpleNamespace

import reversion
from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Prefetch
from django.forms import Script
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.timezone import localtime
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.mixins import CompareResult

from . import history, timeline, uploads
from .durations import duration
from .models import (
    MAX_HOLD_SECONDS,
    MIN_HOLD_SECONDS,
    STEP_SETTINGS,
    CautionRule,
    Condition,
    Exercise,
    OfferedRoutine,
    Routine,
    RoutineStep,
    SafetyUpdate,
    Side,
    Variation,
)
from .timeline import total_with_lead_ins, validate_routine_steps

# A routine's version includes its steps; an exercise's, its variations.
reversion.register(RoutineStep)
reversion.register(Routine, follow=["steps"])
reversion.register(Variation)
reversion.register(Exercise, follow=["variations"])

ADMIN_JS = Script("js/admin-editing.js", type="module")


class HistoryAdmin(CompareVersionAdmin):
    """History with a diff view; the diff is shown only to those who may see the object."""

    history_latest_first = True

    def compare(self, obj, version1, version2):
        """Each changed field old beside new, words marked; steps and variations in words."""
        return CompareResult(
            diff=history.changes(obj, version1, version2), has_unfollowed_fields=False
        )

    def render_change_form(self, request, context, *args, **kwargs):
        summary = error_summary(context)
        if summary:
            # Our summary replaces the admin's "Please correct the errors below."
            context["error_summary"] = summary
            context["errors"] = None
        return super().render_change_form(request, context, *args, **kwargs)

    def compare_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # reversion-compare filters by the raw id: "abc" would be a 500, not a 404.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such object.")
        return super().compare_view(request, object_id, extra_context)


def error_summary(context):
    """Every error on a refused form, each with the id of the field it is about, for the
    summary at the top of the page: [(where, message, anchor)]."""
    adminform = context.get("adminform")
    if adminform is None or not adminform.form.is_bound:
        return []
    form = adminform.form
    items = []
    order = {name: n for n, name in enumerate(form.fields)}
    for name, errors in sorted(form.errors.items(), key=lambda item: order.get(item[0], -1)):
        if name == NON_FIELD_ERRORS or name not in form.fields:
            items += [("", error, f"{form._meta.model._meta.model_name}_form") for error in errors]
        else:
            items += [(form[name].label, error, form[name].auto_id) for error in errors]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        listed = set()
        for index, row in enumerate(formset.forms):
            if not row.errors:
                continue
            number = getattr(row, "row_number", None)
            if number:
                where = f"Step {number}"
            else:
                name = row.instance.pk and getattr(row.instance, "name", "")
                noun = capfirst(formset.model._meta.verbose_name)
                where = f"{noun} “{name}”" if name else f"{noun} {index + 1}"
            for name, errors in row.errors.items():
                anchor = row[name].auto_id if name in row.fields else f"{formset.prefix}-{index}"
                label = f"{where}, {row[name].label}" if name in row.fields else where
                for error in errors:
                    items.append((label, error, anchor))
                    listed.add(str(error))
        for error in formset.non_form_errors():
            if str(error) not in listed:  # a step's problem already listed on its row
                items.append(
                    (
                        capfirst(formset.model._meta.verbose_name_plural),
                        error,
                        f"{formset.prefix}-group",
                    )
                )
    return items


def open_sections_with_errors(context):
    """Collapsed fieldsets that hold an error open, so the editor sees what to fix."""
    adminform = context.get("adminform")
    if adminform is None or not adminform.form.is_bound:
        return
    errors = adminform.form.errors
    fieldsets = []
    for name, options in adminform.fieldsets:
        names = {
            field
            for line in options.get("fields", [])
            for field in (line if isinstance(line, (list, tuple)) else [line])
        }
        if names & set(errors) and "collapse" in options.get("classes", []):
            options = options | {"classes": [c for c in options["classes"] if c != "collapse"]}
        fieldsets.append((name, options))
    adminform.fieldsets = fieldsets


def own_routines_phrase(count):
    """People's own routines are counted, never named: they are private, to editors too."""
    return f"{count} person's own routine" if count == 1 else f"{count} people's own routines"


def routines_in_use(routines):
    """The library routines among `routines` (sorted by title), and how many are people's own."""
    library = {r.pk: r for r in routines if r.owner_id is None}
    own = {r.pk for r in routines if r.owner_id is not None}
    return sorted(library.values(), key=lambda r: r.title), len(own)


def describe_routines_in_use(routines, link=True):
    """Library routines by name (linked to their change pages), then a count of own ones."""
    library, own = routines_in_use(routines)
    parts = [
        format_html(
            '<a href="{}">{}</a>', reverse("admin:stretches_routine_change", args=[r.pk]), r.title
        )
        if link
        else r.title
        for r in library
    ]
    if own:
        parts.append(own_routines_phrase(own))
    return parts


def is_library_version(version):
    """True when a saved version of a routine is of a library routine (no owner)."""
    try:
        return version.field_dict.get("owner_id") is None
    except Exception:  # a version that no longer deserialises is shown to nobody
        return False


def _whole_number(text):
    return int(text) if str(text).isdigit() and len(str(text)) < 19 else None


# --- Exercises ------------------------------------------------------------------------------


class PictureInput(forms.ClearableFileInput):
    """The file input, with a thumbnail of the current picture above it, or of the picture
    chosen on the last try when the form came back with errors (kept, not lost)."""

    kept = None  # (token, url) of a picture kept across a refused save

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is not None:
            token, url = self.kept
            return format_html(
                '<div class="picture-widget">'
                '<img class="picture-preview" src="{}" alt="The picture you chose">'
                '<p class="picture-kept">This picture is kept from your last try and is saved '
                "with the form. Choose another file only to replace it.</p>"
                '<input type="hidden" name="{}_kept" value="{}">{}</div>',
                url,
                name,
                token,
                html,
            )
        if not (value and getattr(value, "name", None)):
            return html
        return format_html(
            '<div class="picture-widget">'
            '<img class="picture-preview" src="{}" alt="The current picture">{}</div>',
            value.url,
            html,
        )


class PictureField(forms.ImageField):
    """An image field that refuses a file over 10 MB before reading it."""

    def to_python(self, data):
        uploads.check_upload_size(data)
        return super().to_python(data)


class ExerciseForm(forms.ModelForm):
    """Prepares an uploaded picture (size, EXIF) and keeps it across a refused save."""

    kept_token = None

    def clean_picture(self):
        picture = self.cleaned_data.get("picture")
        widget = self.fields["picture"].widget
        if isinstance(picture, UploadedFile):
            prepared = uploads.prepare_picture(picture)
            self.kept_token = uploads.keep(prepared)
            widget.kept = (self.kept_token, uploads.kept(self.kept_token)[1])
            return prepared
        if picture is False:  # "Clear" ticked
            return picture
        token = self.data.get(f"{self.add_prefix('picture')}_kept")
        found = uploads.kept(token)
        if found is None:
            return picture
        self.kept_token = token
        widget.kept = (token, found[1])
        return found[0]


class VariationForm(forms.ModelForm):
    class Meta:
        model = Variation
        fields = [
            "name",
            "ladder",
            "changes",
            "instructions",
            "equipment",
            "show_in_person_first",
            "safety_note",
            "drawing",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equipment"].choices = [
            ("", "Same as exercise"),
            *[choice for choice in self.fields["equipment"].choices if choice[0]],
        ]


class VariationFormSet(forms.BaseInlineFormSet):
    """Variation names differ whatever their case; a variation a step uses is not deleted."""

    def clean(self):
        super().clean()
        seen = {}
        problems = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                if form.instance.pk is not None:
                    problems.extend(self._still_used(form.instance))
                continue
            name = data.get("name")
            if not name:
                continue
            if name.casefold() in seen:
                form.add_error(
                    "name",
                    f"“{seen[name.casefold()]}” is already a variation of this exercise "
                    "(names ignore case).",
                )
            else:
                seen[name.casefold()] = name
        if problems:
            raise ValidationError(problems)

    def _still_used(self, variation):
        routines = Routine.objects.filter(steps__variation=variation).distinct()
        parts = describe_routines_in_use(routines, link=False)
        if not parts:
            return []
        return [
            f"“{variation.name}” cannot be deleted: it is used in {', '.join(parts)}. "
            "Change those steps first."
        ]


def _noop(*args):
    pass


class VariationInline(admin.StackedInline):
    model = Variation
    form = VariationForm
    formset = VariationFormSet
    extra = 0

    readonly_fields = ["which_way"]

    @admin.display(description="which way")
    def which_way(self, variation):
        if variation.pk is None or variation.ladder is None:
            return "Saved with its rung: below 0 is easier, above 0 harder."
        steps = abs(variation.ladder)
        return f"{capfirst(variation.direction)} ({steps} rung{'s' if steps > 1 else ''})"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The admin's own refusal lists each step by its routine's title, people's own
        # routines included; VariationFormSet refuses instead, counting those.
        formset.form = type(formset.form.__name__, (formset.form,), {"hand_clean_DELETE": _noop})
        return formset

    fields = [
        ("name", "ladder", "which_way"),
        "changes",
        "instructions",
        ("equipment", "show_in_person_first"),
        "safety_note",
        "drawing",
    ]


class CautionRuleInline(admin.TabularInline):
    """Per condition, what the player does with this exercise or one of its variations."""

    model = CautionRule
    fk_name = "exercise"
    extra = 0
    fields = ["condition", "variation", "action", "instead"]
    verbose_name = "rule the player acts on"
    verbose_name_plural = "Rules the player acts on (check first)"

    def get_formset(self, request, obj=None, **kwargs):
        self._exercise = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("variation", "instead"):
            # Only this exercise's variations; a rule naming another's is refused by the model.
            exercise = getattr(self, "_exercise", None)
            kwargs["queryset"] = (
                Variation.objects.filter(exercise=exercise)
                if exercise is not None
                else Variation.objects.none()
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget
        return field


CREDITS = {
    "picture": ["picture_alt", "picture_author", "picture_licence"],
    "video_url": ["video_author", "video_licence"],
}
CREDIT_MISSING = "Its credit is not complete: see the fields below."


@admin.register(Exercise)
class ExerciseAdmin(HistoryAdmin):
    form = ExerciseForm
    formfield_overrides = {models.ImageField: {"widget": PictureInput, "form_class": PictureField}}
    list_display = [
        "name",
        "kind",
        "difficulty",
        "equipment",
        "beyond_article",
        "variation_count",
        "used_in",
    ]
    list_filter = ["kind", "difficulty", "equipment", "beyond_article"]
    search_fields = ["name", "summary", "target_areas"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VariationInline, CautionRuleInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "kind",
                    "difficulty",
                    "equipment",
                    "target_areas",
                    "beyond_article",
                    "drawing",
                ]
            },
        ),
        ("How to do it", {"fields": ["summary", "instructions", "why_it_helps", "side_words"]}),
        ("Safety", {"fields": ["safety_notes", "avoid_if"]}),
        (
            "Picture and video (each credited)",
            {
                "classes": ["collapse"],
                # One field a line, so an error sits beside the field it is about.
                "fields": [
                    "picture",
                    "picture_alt",
                    "picture_author",
                    "picture_licence",
                    "picture_source_url",
                    "video_url",
                    "video_title",
                    "video_author",
                    "video_licence",
                ],
            },
        ),
    ]

    class Media:
        js = [ADMIN_JS]
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "variations",
                Prefetch(
                    "steps", queryset=RoutineStep.objects.select_related("routine").order_by()
                ),
            )
        )

    @admin.display(description="variations")
    def variation_count(self, exercise):
        return len(exercise.variations.all())

    @admin.display(description="used in")
    def used_in(self, exercise):
        parts = describe_routines_in_use([step.routine for step in exercise.steps.all()])
        if not parts:
            return "—"
        return format_html_join(", ", "{}", ((part,) for part in parts))

    def get_deleted_objects(self, objs, request):
        """A refused delete links the library routines that use the exercise, and only
        counts people's own routines."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            routines = Routine.objects.filter(steps__exercise__in=objs).distinct()
            library, own = routines_in_use(routines)
            protected = [
                format_html(
                    'Routine: <a href="{}">{}</a>',
                    reverse("admin:stretches_routine_change", args=[routine.pk]),
                    routine.title,
                )
                for routine in library
            ]
            if own:
                protected.append(f"Used in {own_routines_phrase(own)} (not listed: private)")
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.kept_token:
            # Saved where it belongs now; the kept copy goes once the save commits.
            transaction.on_commit(partial(uploads.forget, form.kept_token))

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if form.is_bound:
            # Flag the picture or the link itself, not only the credit fields under it.
            for asset, credit in CREDITS.items():
                if asset not in form.errors and any(name in form.errors for name in credit):
                    form.add_error(asset, CREDIT_MISSING)
        open_sections_with_errors(context)
        return super().render_change_form(request, context, *args, **kwargs)


# --- Routines and their steps ---------------------------------------------------------------


class VariationSelect(forms.Select):
    """Variations grouped by exercise; each option says its exercise, for the page's script."""

    def __init__(self, *args, exercise_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise_of = exercise_of or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        exercise = self.exercise_of.get(str(value))
        if exercise is not None:
            option["attrs"]["data-exercise"] = exercise
        return option


class RoutineStepForm(forms.ModelForm):
    class Meta:
        model = RoutineStep
        fields = ["exercise", "variation", *STEP_SETTINGS, "order"]
        labels = {
            "hold_seconds": "Hold (s)",
            "rest_seconds": "Rest after (s)",
            "cycle_steps": "Cycle of",
        }
        help_texts = {
            "hold_seconds": f"{MIN_HOLD_SECONDS}–{MAX_HOLD_SECONDS} s.",
            "rest_seconds": f"0–{MAX_HOLD_SECONDS} s.",
        }
        widgets = {
            "hold_seconds": forms.NumberInput(
                attrs={"min": MIN_HOLD_SECONDS, "max": MAX_HOLD_SECONDS, "class": "step-number"}
            ),
            "rest_seconds": forms.NumberInput(
                attrs={"min": 0, "max": MAX_HOLD_SECONDS, "class": "step-number"}
            ),
            "rounds": forms.NumberInput(attrs={"min": 1, "class": "step-number"}),
            "cycle_steps": forms.NumberInput(attrs={"min": 1, "class": "step-number"}),
            "cue": forms.Textarea(attrs={"rows": 3, "cols": 24, "maxlength": 200}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Positive integer fields say min 0 to the browser; ours start at 1.
        for name in ("hold_seconds", "rounds", "cycle_steps"):
            self.fields[name].widget.attrs["min"] = 1
        self.fields["side"].choices = [
            ("none", "No side"),
            ("left", "Left"),
            ("right", "Right"),
            ("both", "Both"),  # left, then right: the help above the table says so
        ]


class RoutineStepFormSet(CustomInlineFormSet):
    """Checks that the steps' cycles fit together, in the order the editor left them."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form for form in self.in_editors_order() if not form.cleaned_data.get("DELETE", False)
        ]
        kept = [form for form in kept if form.cleaned_data]
        problems = []
        steps = [form.instance for form in kept]
        for position, message, field in validate_routine_steps(steps, self.instance.is_published):
            if position is not None:
                # On the row's own field too, not only above the table.
                kept[position - 1].add_error(field, message)
            problems.append(message)
        if problems:
            raise ValidationError(problems)

    def in_editors_order(self):
        """The rows as the editor left them: by their order, new rows without one last."""
        indexed = list(enumerate(self.forms))
        indexed.sort(key=lambda pair: self._position(pair[1], pair[0]))
        return [form for _, form in indexed]

    def _position(self, form, index):
        # As sortable2's save_new does: a new row without a positive order goes to the end.
        raw = form["order"].value() if self.is_bound else form.instance.order
        try:
            order = int(raw)
        except (TypeError, ValueError):
            order = None
        if form.instance.pk is None and (order is None or order <= 0):
            return (1, 0, index)
        return (0, order or 0, index)

    def put_rows_in_editors_order(self):
        """After a failed save, show the rows in the editor's order, not the saved one.

        The admin shows existing rows, then new ones; each group is sorted (the page's
        script interleaves them by their order).
        """
        initial = self.initial_form_count()
        order = {id(form): n for n, form in enumerate(self.in_editors_order())}
        self.forms[:initial] = sorted(self.forms[:initial], key=lambda f: order[id(f)])
        self.forms[initial:] = sorted(self.forms[initial:], key=lambda f: order[id(f)])
        # The admin pairs each saved row with its object in this order (its title strip).
        self._queryset = [form.instance for form in self.forms[:initial]]

    def label_rows(self):
        """Number the rows 1, 2, 3… as they will play, and name each cycle's span; the poses
        each row (or the cycle it starts) becomes come from the timeline, as the player
        counts them."""
        rows = [
            form
            for form in self.in_editors_order()
            if not (self.is_bound and form["DELETE"].value())
            and (form.instance.pk or not self.is_bound or form.has_changed())
        ]
        for form in self.forms:
            form.instance.row_label = ""
        steps = {id(form): self._as_step(form) for form in rows}
        forms_by_step = {id(step): form for form, step in zip(rows, steps.values(), strict=True)}
        number = 0
        for group in timeline.groups(list(steps.values())):
            played = sorted(n for these in group.numbers for n in these)
            first = played[0] if played else 0
            poses = f"pose {first}" if len(played) == 1 else f"poses {first}–{played[-1]}"
            start = number + 1
            for place, step in enumerate(group.steps):
                number += 1
                if place:
                    label, shown = f"in × {group.rounds}", ""
                elif group.is_cycle:
                    label = f"× {group.rounds}: steps {start}–{start + len(group.steps) - 1}"
                    shown = poses
                else:
                    label, shown = (f"× {group.rounds}" if group.rounds > 1 else ""), poses
                form = forms_by_step[id(step)]
                form.row_number = number
                form.instance.row_label = format_html(
                    '<span class="step-row-number">{}</span> <span class="cycle-label">{}</span>'
                    '<span class="pose-range">{}</span>',
                    number,
                    label,
                    shown,
                )

    def _as_step(self, form):
        """The row as the timeline reads a step, from what the editor typed (a typo counts
        as 1, and rounds and cycles past the limits as the limit: the row's own error says
        what is wrong, and the labels stay bounded work)."""
        side = form["side"].value() if self.is_bound else form.instance.side
        return SimpleNamespace(
            pk=None,
            side=side if side in Side.values else Side.NONE,
            rounds=min(self._whole(form, "rounds"), timeline.MAX_ROUNDS),
            cycle_steps=min(self._whole(form, "cycle_steps"), timeline.MAX_STEPS),
            hold_seconds=self._whole(form, "hold_seconds"),
            rest_seconds=0,
            exercise_id=form["exercise"].value() if self.is_bound else form.instance.exercise_id,
        )

    def describe_row_errors(self):
        """Each row's field errors as sentences ("Step 3, Hold (s): …"), written once across
        the row, with each field described by its own (aria-describedby)."""
        for index, form in enumerate(self.forms):
            form.row_errors = []
            if not self.is_bound or not form.errors:
                continue
            number = getattr(form, "row_number", None)
            where = f"Step {number}" if number else "New step"
            for name, errors in form.errors.items():
                if name not in form.fields:
                    continue
                ids = []
                for n, error in enumerate(errors):
                    error_id = f"{self.prefix}-{index}-{name}-error-{n}"
                    ids.append(error_id)
                    form.row_errors.append(
                        {"id": error_id, "text": f"{where}, {form.fields[name].label}: {error}"}
                    )
                form.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": " ".join(ids)}
                )

    def _whole(self, form, field):
        value = form[field].value() if self.is_bound else getattr(form.instance, field)
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            return 1


class RoutineStepInline(SortableTabularInline):
    model = RoutineStep
    template = "admin/stretches/routine/steps_tabular.html"
    form = RoutineStepForm
    formset = RoutineStepFormSet
    extra = 0
    fields = ["position", "exercise", "variation", *STEP_SETTINGS]
    readonly_fields = ["position"]
    autocomplete_fields = ["exercise"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise", "variation")

    @admin.display(description="Step")
    def position(self, step):
        return getattr(step, "row_label", "")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # The ✕ beside a step's exercise deleted the exercise from the library.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "variation":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        variations = list(Variation.objects.select_related("exercise").order_by("exercise__name"))
        kwargs["queryset"] = Variation.objects.all()
        kwargs["widget"] = VariationSelect(
            exercise_of={str(v.pk): v.exercise_id for v in variations}
        )
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        groups = {}
        for variation in variations:
            groups.setdefault(variation.exercise.name, []).append(
                (variation.pk, f"{variation.name} ({variation.direction})")
            )
        formfield.choices = [("", "Plain exercise"), *groups.items()]
        return formfield


@admin.register(Routine)
class RoutineAdmin(SortableAdminBase, HistoryAdmin):
    change_form_template = "admin/stretches/routine/change_form.html"
    list_display = ["title", "level", "is_published", "total_duration", "step_count", "public_page"]
    list_filter = ["is_published", "level"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RoutineStepInline]
    readonly_fields = ["total_duration", "public_page", "timeline_preview"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "level",
                    "is_published",
                    "description",
                    "total_duration",
                    "public_page",
                ]
            },
        ),
        ("Timeline as saved", {"fields": ["timeline_preview"]}),
    ]

    class Media:
        js = [ADMIN_JS]
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        # Library routines only: a person's own routine is private, to editors and
        # superusers alike. Every admin page of a routine reads this queryset.
        return super().get_queryset(request).library().with_steps()

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Someone's own routine is "no such routine", not a redirect that hints otherwise.
        raise Http404("No such routine.")

    def _library_routine_or_404(self, request, object_id):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such routine.")

    def history_view(self, request, object_id, extra_context=None):
        self._library_routine_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._library_routine_or_404(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = Version.objects.get_for_model(Routine).filter(pk=_whole_number(version_id))
        if not any(is_library_version(v) for v in version):
            raise Http404("No such routine.")
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        deleted = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(Routine).select_related("revision")
        )
        extra_context = {
            **(extra_context or {}),
            "deleted": [v for v in deleted if is_library_version(v)],
        }
        return super().recoverlist_view(request, extra_context)

    def get_deleted_objects(self, objs, request):
        """What goes with a routine, without people's practice data: their bookmarks are
        counted, never listed, and need no permission of the editor."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        content = {m._meta.verbose_name for m in apps.get_app_config("stretches").get_models()}
        perms_needed = {name for name in perms_needed if name in content}
        deleted = [
            [
                format_html(
                    '{}: <a href="{}">{}</a>',
                    capfirst(Routine._meta.verbose_name),
                    reverse("admin:stretches_routine_change", args=[routine.pk]),
                    routine.title,
                ),
                [f"Step {n}: {s.exercise.name}" for n, s in enumerate(routine.steps.all(), 1)],
            ]
            for routine in objs
        ]
        return deleted, counts, perms_needed, protected

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None, **kwargs):
        for formset in formsets:
            if isinstance(formset, RoutineStepFormSet):
                if formset.is_bound and not formset.is_valid():
                    formset.put_rows_in_editors_order()
                formset.label_rows()
                formset.describe_row_errors()
        return super().get_inline_formsets(request, formsets, inline_instances, obj, **kwargs)

    @admin.display(description="total time")
    def total_duration(self, routine):
        if routine.pk is None:
            return "—"
        return duration(routine.total_seconds)

    @admin.display(description="steps")
    def step_count(self, routine):
        return len(routine.steps.all())

    @admin.display(description="public page")
    def public_page(self, routine):
        if routine.pk is None:
            return "—"
        label = "View on site" if routine.is_published else "Preview (draft: not public)"
        return format_html('<a href="{}">{}</a>', routine.get_absolute_url(), label)

    @admin.display(description="poses")
    def timeline_preview(self, routine):
        """What the player will do, read-only: each pose, its hold and rest, and the length."""
        if routine.pk is None:
            return "Save the routine to see its timeline."
        moves = routine.timeline()
        if not moves:
            return "No steps yet."
        summary = format_html(
            '<p class="timeline-summary">{} pose{} · {} · about {} with get-ready</p>',
            len(moves),
            "" if len(moves) == 1 else "s",
            duration(routine.total_seconds),
            duration(total_with_lead_ins(moves)),
        )
        items = format_html_join(
            "",
            "<li>{}{}{} — hold {}{}</li>",
            (
                (
                    move.name,
                    f" ({move.side})" if move.side != "none" else "",
                    f", round {move.round} of {move.rounds}" if move.rounds > 1 else "",
                    duration(move.hold_seconds),
                    f", rest {duration(move.rest_seconds)}" if move.rest_seconds else "",
                )
                for move in moves
            ),
        )
        return format_html('{}<ol class="timeline-preview">{}</ol>', summary, items)


# --- Check first: conditions, and safety texts a migration left for review --------------------


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "rule_count"]
    list_editable = ["order"]
    search_fields = ["name", "explanation"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rules_count=models.Count("rules"))

    @admin.display(description="rules", ordering="rules_count")
    def rule_count(self, condition):
        return condition.rules_count


@admin.register(SafetyUpdate)
class SafetyUpdateAdmin(admin.ModelAdmin):
    """Safety updates to review: texts a migration did not apply because an editor had
    changed the field. Read-only; one action takes the new text."""

    list_display = ["__str__", "migration", "created", "resolved"]
    list_filter = ["resolved"]
    actions = ["take_new_text"]
    fields = [
        "exercise_slug",
        "variation_name",
        "field",
        "shipped_before",
        "shipped_now",
        "current",
        "migration",
        "created",
        "resolved",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="the site's text now")
    def current(self, update):
        text = update.current_text()
        return "— (its exercise or variation is gone)" if text is None else text

    @admin.action(description="Take the new text for the selected updates")
    def take_new_text(self, request, queryset):
        taken = [update for update in queryset.filter(resolved=None) if update.apply()]
        self.message_user(request, f"Took the new text for {len(taken)} field(s).")

    def get_actions(self, request):
        # Taking the new text changes exercises: for those who may change them.
        actions = super().get_actions(request)
        if not request.user.has_perm("stretches.change_exercise"):
            actions.pop("take_new_text", None)
        return actions


# --- Routines offered to the library --------------------------------------------------------


def display_name(user):
    """How a person is named to editors: their full name, else their username."""
    return user.get_full_name() or user.get_username()


def step_description(step):
    """One step in words: "Cat–cow (Slow) — hold 30 s, both sides, × 2, rest 10 s"."""
    name = step.exercise.name + (f" ({step.variation.name})" if step.variation_id else "")
    details = [f"hold {duration(step.hold_seconds)}"]
    if step.side != "none":
        details.append("both sides" if step.side == "both" else f"{step.side} side")
    if step.rounds > 1:
        details.append(f"× {step.rounds}")
    if step.cycle_steps > 1:
        details.append(f"cycle of {step.cycle_steps} steps")
    if step.rest_seconds:
        details.append(f"rest {duration(step.rest_seconds)}")
    return f"{name} — {', '.join(details)}"


@admin.register(OfferedRoutine)
class OfferedRoutineAdmin(admin.ModelAdmin):
    """People's shared routines, offered to the library: read-only, with one action.

    Promote copies one into the library as a draft (`Routine.promote`); nothing here
    changes or deletes the person's own routine. Permissions are the routine's: whoever
    may view routines sees this list, whoever may add them promotes.
    """

    change_form_template = "admin/stretches/offeredroutine/change_form.html"
    list_display = ["title", "offered_by", "shared_at", "step_count", "promotion"]
    search_fields = ["title"]
    fields = ["title", "offered_by", "shared_at", "level", "steps_list", "promotion"]
    readonly_fields = fields
    actions = ["promote"]
    ordering = ["-shared_at", "pk"]
    view_on_site = False

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(owner__isnull=False, share_token__isnull=False)
            .select_related("owner", "promoted_copy")
            .with_steps()
        )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("stretches.view_routine")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_promote_permission(self, request):
        return request.user.has_perm("stretches.add_routine")

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404("No such routine offered to the library.")

    @admin.display(description="offered by")
    def offered_by(self, routine):
        return display_name(routine.owner)

    @admin.display(description="steps")
    def step_count(self, routine):
        return len(routine.steps.all())

    @admin.display(description="steps")
    def steps_list(self, routine):
        return format_html(
            '<ol class="offered-steps">{}</ol>',
            format_html_join(
                "", "<li>{}</li>", ((step_description(s),) for s in routine.steps.all())
            ),
        )

    @admin.display(description="in the library")
    def promotion(self, routine):
        draft = getattr(routine, "promoted_copy", None)
        if draft is None:
            return "Not yet promoted"
        return format_html(
            'Promoted: <a href="{}">{}</a>',
            reverse("admin:stretches_routine_change", args=[draft.pk]),
            draft.title,
        )

    @admin.action(description="Promote to the library as a draft", permissions=["promote"])
    def promote(self, request, queryset):
        for routine in queryset:
            self.promote_one(request, routine)

    def promote_one(self, request, routine):
        """Promote `routine` and say what happened; a second promotion changes nothing."""
        try:
            with reversion.create_revision():
                draft, created = self._promote(request, routine)
        except ValidationError as error:  # over the limits (`Routine.copy` checks them)
            self.message_user(
                request,
                f"Not promoted: “{routine.title}”: {' '.join(error.messages)}",
                messages.ERROR,
            )
            return None
        return self._said_promoted(request, routine, draft, created)

    def _promote(self, request, routine):
        draft, created = routine.promote()
        if created:
            shared = (
                f", shared on {date_format(localtime(routine.shared_at), 'j F Y')}"
                if routine.shared_at
                else ""
            )
            reversion.set_user(request.user)
            reversion.set_comment(
                f"Promoted on {date_format(localtime(), 'j F Y, H:i')} from routine "
                f"#{routine.pk} offered to the library{shared}."
            )
        return draft, created

    def _said_promoted(self, request, routine, draft, created):
        link = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:stretches_routine_change", args=[draft.pk]),
            draft.title,
        )
        if created:
            self.log_addition(request, draft, [{"added": {}}])
            self.message_user(
                request,
                format_html(
                    "Promoted “{}” into the library as a draft: {}. Give it a title and a "
                    "description, then publish it.",
                    routine.title,
                    link,
                ),
                level=messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                format_html("“{}” was already promoted: {}.", routine.title, link),
                level=messages.WARNING,
            )
        return draft

    def get_urls(self):
        promote = self.admin_site.admin_view(self.promote_view)
        return [
            path("<path:object_id>/promote/", promote, name="stretches_offeredroutine_promote"),
            *super().get_urls(),
        ]

    def promote_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_promote_permission(request):
            raise PermissionDenied
        routine = self.get_object(request, unquote(object_id))
        if routine is None:
            raise Http404("No such routine offered to the library.")
        draft = self.promote_one(request, routine)
        if draft is None:
            return redirect("admin:stretches_offeredroutine_change", routine.pk)
        return redirect("admin:stretches_routine_change", draft.pk)
