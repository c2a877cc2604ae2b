"""The editors' admin: exercises with their variations, routines with their ordered steps.

History (django-reversion, with django-reversion-compare's diff view) keeps every saved
version of an exercise (with its variations) and of a routine (with its steps): who, when,
what changed, and a way back.
"""

import reversion
from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.forms import Script
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from reversion_compare.admin import CompareVersionAdmin

from .models import (
    MAX_HOLD_SECONDS,
    MIN_HOLD_SECONDS,
    CautionRule,
    Condition,
    Exercise,
    Routine,
    RoutineStep,
    SafetyUpdate,
    Variation,
)
from .templatetags.durations import duration
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

    def compare_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # reversion-compare filters by the raw id: "abc" would be a 500, not a 404.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such object.")
        return super().compare_view(request, object_id, extra_context)


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


# --- Exercises ------------------------------------------------------------------------------


class PictureInput(forms.ClearableFileInput):
    """The file input, with a thumbnail of the current picture above it."""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not (value and getattr(value, "name", None)):
            return html
        return format_html(
            '<img class="picture-preview" src="{}" alt="The current picture">{}', value.url, html
        )


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
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equipment"].choices = [
            ("", "Same as exercise"),
            *[choice for choice in self.fields["equipment"].choices if choice[0]],
        ]


class VariationInline(admin.StackedInline):
    model = Variation
    form = VariationForm
    extra = 0
    fields = [
        ("name", "ladder"),
        "changes",
        "instructions",
        ("equipment", "show_in_person_first"),
        "safety_note",
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

PICTURE_NOT_KEPT = (
    "Choose the picture again: a browser does not keep a chosen file when the form comes "
    "back with errors, and it was not saved."
)


@admin.register(Exercise)
class ExerciseAdmin(HistoryAdmin):
    formfield_overrides = {models.ImageField: {"widget": PictureInput}}
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
        routines = {step.routine.pk: step.routine for step in exercise.steps.all()}
        if not routines:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:stretches_routine_change", args=[r.pk]), r.title)
                for r in sorted(routines.values(), key=lambda r: r.title)
            ),
        )

    def get_deleted_objects(self, objs, request):
        """A refused delete names the routines that use the exercise, each linked."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            routines = Routine.objects.filter(steps__exercise__in=objs).distinct().order_by("title")
            protected = [
                format_html(
                    'Routine: <a href="{}">{}</a>',
                    reverse("admin:stretches_routine_change", args=[routine.pk]),
                    routine.title,
                )
                for routine in routines
            ]
        return deleted, counts, perms_needed, protected

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if form.is_bound and request.FILES.get("picture"):
            has_errors = form.errors or any(
                inline.formset.total_error_count() for inline in context["inline_admin_formsets"]
            )
            if has_errors and "picture" not in form.errors:
                form.add_error("picture", PICTURE_NOT_KEPT)
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
        fields = [
            "exercise",
            "variation",
            "hold_seconds",
            "side",
            "rounds",
            "cycle_steps",
            "rest_seconds",
            "cue",
            "order",
        ]
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
        """Number the rows 1, 2, 3… as they will play, and name each cycle's span."""
        rows = [
            form
            for form in self.in_editors_order()
            if not (self.is_bound and form["DELETE"].value())
            and (form.instance.pk or not self.is_bound or form.has_changed())
        ]
        for form in self.forms:
            form.instance.row_label = ""
        cycle_end, cycle_rounds, pose = 0, 1, 0
        for number, form in enumerate(rows, start=1):
            span, rounds = self._whole(form, "cycle_steps"), self._whole(form, "rounds")
            poses = ""
            if number <= cycle_end:
                label = f"in × {cycle_rounds}"
            else:
                # The poses this row (or the cycle it starts) becomes, as the player counts.
                group = rows[number - 1 : number - 1 + span] if span > 1 else [form]
                count = rounds * sum(self._sides(row) for row in group)
                poses = f"pose {pose + 1}" if count == 1 else f"poses {pose + 1}–{pose + count}"
                pose += count
                if span > 1:
                    cycle_end, cycle_rounds = number + span - 1, rounds
                    label = f"× {rounds}: steps {number}–{cycle_end}"
                else:
                    label = f"× {rounds}" if rounds > 1 else ""
            form.instance.row_label = format_html(
                '<span class="step-row-number">{}</span> <span class="cycle-label">{}</span>'
                '<span class="pose-range">{}</span>',
                number,
                label,
                poses,
            )

    def _sides(self, form):
        side = form["side"].value() if self.is_bound else form.instance.side
        return 2 if side == "both" else 1

    def _whole(self, form, field):
        value = form[field].value() if self.is_bound else getattr(form.instance, field)
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            return 1


class RoutineStepInline(SortableTabularInline):
    model = RoutineStep
    form = RoutineStepForm
    formset = RoutineStepFormSet
    extra = 0
    fields = [
        "position",
        "exercise",
        "variation",
        "hold_seconds",
        "side",
        "rounds",
        "cycle_steps",
        "rest_seconds",
        "cue",
    ]
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
            groups.setdefault(variation.exercise.name, []).append((variation.pk, variation.name))
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
        return super().get_queryset(request).select_related("owner").with_steps()

    actions = ["copy_into_library"]

    @admin.action(description="Copy into the library as a draft", permissions=["add"])
    def copy_into_library(self, request, queryset):
        """Promote a person's shared routine: a library draft that editors then own.

        Only shared ones: a private routine was not offered to anyone.
        """
        shared = [r for r in queryset if r.owner_id is not None and r.share_token]
        for routine in list(shared):
            try:
                with reversion.create_revision():
                    copy = routine.copy(owner=None, title=routine.title)
                    reversion.set_user(request.user)
                    reversion.set_comment("Copied from a person's shared routine.")
            except ValidationError as error:
                shared.remove(routine)
                message = f"Not copied: “{routine.title}”: {' '.join(error.messages)}"
                self.message_user(request, message, level="error")
                continue
            self.log_addition(request, copy, [{"added": {}}])
        skipped = len([r for r in queryset if not (r.owner_id is not None and r.share_token)])
        if shared:
            names = ", ".join(f"“{r.title}”" for r in shared)
            self.message_user(request, f"Copied into the library as drafts: {names}.")
        if skipped:
            self.message_user(
                request,
                f"Skipped {skipped}: only routines people have shared can be copied.",
                level="warning",
            )

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None, **kwargs):
        for formset in formsets:
            if isinstance(formset, RoutineStepFormSet):
                if formset.is_bound and not formset.is_valid():
                    formset.put_rows_in_editors_order()
                formset.label_rows()
        return super().get_inline_formsets(request, formsets, inline_instances, obj, **kwargs)

    @admin.display(description="total time")
    def total_duration(self, routine):
        if routine.pk is None:
            return "—"
        return duration(routine.total_seconds)

    @admin.display(description="steps")
    def step_count(self, routine):
        return len(routine.steps.all())

    def view_on_site(self, routine):
        """No "View on site" for someone's own routine: it is private, to staff too."""
        return None if routine.owner_id else routine.get_absolute_url()

    @admin.display(description="public page")
    def public_page(self, routine):
        if routine.pk is None:
            return "—"
        if routine.owner_id:
            return f"Private: {routine.owner}'s own routine"
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
