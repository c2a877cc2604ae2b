from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from .models import Exercise, Routine, RoutineStep, Variation
from .templatetags.durations import duration
from .timeline import validate_cycles


class VariationInline(admin.StackedInline):
    model = Variation
    extra = 0
    fields = [
        ("name", "ladder"),
        "changes",
        ("equipment", "show_in_person_first"),
        "safety_note",
    ]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "difficulty",
        "equipment",
        "beyond_article",
        "variation_count",
    ]
    list_filter = ["kind", "difficulty", "equipment", "beyond_article"]
    search_fields = ["name", "summary", "target_areas"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VariationInline]
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
        ("How to do it", {"fields": ["summary", "instructions", "why_it_helps"]}),
        ("Safety", {"fields": ["safety_notes", "avoid_if"]}),
        (
            "Picture and video (each credited)",
            {
                "classes": ["collapse"],
                "fields": [
                    "picture",
                    "picture_alt",
                    ("picture_author", "picture_licence"),
                    "picture_source_url",
                    "video_url",
                    "video_title",
                    ("video_author", "video_licence"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("variations")

    @admin.display(description="variations")
    def variation_count(self, exercise):
        return len(exercise.variations.all())


class RoutineStepFormSet(CustomInlineFormSet):
    """Checks that the steps' cycles fit together, in the order the editor left them."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            (index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda pair: self._saved_position(self.forms[pair[0]], pair[0]))
        steps = [form.instance for form in (self.forms[index] for index, _ in kept)]
        problems = [message for _, message in validate_cycles(steps)]
        if not steps and self.instance.is_published:
            problems.append(
                "A published routine needs at least one step; add one or untick “published”."
            )
        if problems:
            raise ValidationError(problems)

    @staticmethod
    def _saved_position(form, index):
        # As sortable2's save_new does: a new row without a positive order goes to the end.
        order = form.cleaned_data.get("order")
        if form.instance.pk is None and (order is None or order <= 0):
            return (1, 0, index)
        return (0, order or 0, index)


class RoutineStepInline(SortableTabularInline):
    model = RoutineStep
    formset = RoutineStepFormSet
    extra = 0
    fields = [
        "exercise",
        "variation",
        "hold_seconds",
        "side",
        "rounds",
        "cycle_steps",
        "rest_seconds",
        "cue",
    ]
    autocomplete_fields = ["exercise"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise", "variation")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "variation":
            kwargs["queryset"] = Variation.objects.select_related("exercise")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Routine)
class RoutineAdmin(SortableAdminBase, admin.ModelAdmin):
    list_display = ["title", "level", "is_published", "total_duration", "step_count", "public_page"]
    list_filter = ["is_published", "level"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RoutineStepInline]
    readonly_fields = ["total_duration", "public_page"]
    fields = [
        "title",
        "slug",
        "level",
        "is_published",
        "description",
        "total_duration",
        "public_page",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_steps()

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
