"""Readable differences between two saved versions of an exercise or a routine.

The admin's History → Compare shows what `changes(obj, older, newer)` returns: each
changed field with its old and new text side by side and the changed words marked, then a
routine's steps described as steps ("Step 3, Knee hug: hold 30 s → 45 s", "Removed step
5: Cat–cow", "Moved Bottom-to-heels from 6 to 1") or an exercise's variations. Nothing
else that points at the object (a step pointing at an exercise, say) is compared.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Equipment, Exercise, Routine, RoutineStep, Side, Variation

# Fields people edit, in the order the form shows them; bookkeeping is left out.
FIELDS = {
    Routine: ["title", "slug", "level", "is_published", "description"],
    Exercise: [
        "name",
        "slug",
        "kind",
        "difficulty",
        "equipment",
        "target_areas",
        "beyond_article",
        "summary",
        "instructions",
        "why_it_helps",
        "safety_notes",
        "avoid_if",
        "drawing",
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
}
VARIATION_FIELDS = [
    "name",
    "ladder",
    "changes",
    "equipment",
    "show_in_person_first",
    "safety_note",
    "drawing",
]
WORDS = re.compile(r"(\s+)")


@dataclass
class Change:
    label: str
    html: str


def changes(obj, older, newer):
    """What changed from the version `older` to `newer` of `obj` (an Exercise or Routine)."""
    model = type(obj)
    before, after = older.field_dict, newer.field_dict
    found = []
    for name in FIELDS[model]:
        field = model._meta.get_field(name)
        old, new = _text(field, before.get(field.attname)), _text(field, after.get(field.attname))
        if old != new:
            found.append(Change(str(field.verbose_name).capitalize(), side_by_side(old, new)))
    if model is Routine:
        lines = step_changes(
            _related(older, RoutineStep, "routine_id", obj.pk),
            _related(newer, RoutineStep, "routine_id", obj.pk),
        )
        if lines:
            found.append(Change("Steps", _list(lines)))
    else:
        lines = variation_changes(
            _related(older, Variation, "exercise_id", obj.pk),
            _related(newer, Variation, "exercise_id", obj.pk),
        )
        if lines:
            found.append(Change("Variations", _list(lines)))
    return found


def side_by_side(old, new):
    """The old and new text in two columns, the words that differ marked in each."""
    old_words, new_words = WORDS.split(old), WORDS.split(new)
    marked_old, marked_new = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            marked_old.append(format_html("{}", removed))
            marked_new.append(format_html("{}", added))
            continue
        if removed:
            marked_old.append(format_html("<del>{}</del>", removed))
        if added:
            marked_new.append(format_html("<ins>{}</ins>", added))
    return format_html(
        '<div class="diff-pair"><div class="diff-old"><span class="diff-when">Before</span>'
        '<p>{}</p></div><div class="diff-new"><span class="diff-when">After</span>'
        "<p>{}</p></div></div>",
        mark_safe("".join(marked_old)) if old else mark_safe("<em>(empty)</em>"),
        mark_safe("".join(marked_new)) if new else mark_safe("<em>(empty)</em>"),
    )


def step_changes(old_steps, new_steps):
    """A routine's steps, old and new (lists of field dicts), described as steps."""
    old_steps = sorted(old_steps, key=lambda s: (s["order"], s["id"]))
    new_steps = sorted(new_steps, key=lambda s: (s["order"], s["id"]))
    names = _names(Exercise, {s["exercise_id"] for s in old_steps + new_steps})
    variations = _names(
        Variation, {s["variation_id"] for s in old_steps + new_steps if s["variation_id"]}
    )

    def name(step):
        text = names.get(step["exercise_id"], f"exercise {step['exercise_id']}")
        if step["variation_id"]:
            text += f" ({variations.get(step['variation_id'], 'a deleted variation')})"
        return text

    old_at = {s["id"]: n for n, s in enumerate(old_steps, 1)}
    new_at = {s["id"]: n for n, s in enumerate(new_steps, 1)}
    old_by_id = {s["id"]: s for s in old_steps}
    lines = []
    for step in old_steps:
        if step["id"] not in new_at:
            lines.append(f"Removed step {old_at[step['id']]}: {name(step)}")
    kept = [s["id"] for s in new_steps if s["id"] in old_at]
    stayed = _longest_increasing(kept, key=old_at.get)
    for step in new_steps:
        number = new_at[step["id"]]
        if step["id"] not in old_at:
            lines.append(f"Added step {number}: {name(step)}, {_step_summary(step)}")
            continue
        if step["id"] not in stayed:
            lines.append(f"Moved {name(step)} from {old_at[step['id']]} to {number}")
        differences = _step_differences(old_by_id[step["id"]], step, names, variations)
        if differences:
            lines.append(f"Step {number}, {name(step)}: {'; '.join(differences)}")
    return lines


def variation_changes(old, new):
    old_by_id, new_by_id = {v["id"]: v for v in old}, {v["id"]: v for v in new}
    lines = []
    for v in sorted(old, key=lambda v: v["ladder"]):
        if v["id"] not in new_by_id:
            lines.append(f"Removed variation “{v['name']}”")
    for v in sorted(new, key=lambda v: v["ladder"]):
        if v["id"] not in old_by_id:
            way = "easier" if v["ladder"] < 0 else "harder"
            lines.append(f"Added variation “{v['name']}” ({way}, rung {v['ladder']})")
            continue
        before = old_by_id[v["id"]]
        differences = [
            f"{_variation_label(field)} {_short(before[field])} → {_short(v[field])}"
            for field in VARIATION_FIELDS
            if before.get(field) != v.get(field)
        ]
        if differences:
            lines.append(f"Variation “{v['name']}”: {'; '.join(differences)}")
    return lines


# --- Pieces ----------------------------------------------------------------------------------


def _related(version, model, parent_field, parent_pk):
    """The field dicts of `model` objects saved in the same revision as `version`."""
    kind = ContentType.objects.get_for_model(model)
    found = []
    for related in version.revision.version_set.filter(content_type=kind):
        try:
            data = dict(related.field_dict)
        except Exception:  # a version saved before a migration that no longer loads
            continue
        if data.get(parent_field) == parent_pk:
            data["id"] = int(related.object_id)
            found.append(data)
    return found


def _names(model, pks):
    field = "name"
    return dict(model.objects.filter(pk__in=pks).values_list("pk", field))


def _text(field, value):
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "name"):  # a picture
        return value.name or ""
    return str(value)


def _seconds(value):
    return f"{value} s"


STEP_FIELDS = [
    ("exercise_id", "exercise", None),
    ("variation_id", "variation", None),
    ("hold_seconds", "hold", _seconds),
    ("side", "side", lambda v: str(Side(v).label).lower()),
    ("rounds", "rounds", str),
    ("cycle_steps", "cycle of", str),
    ("rest_seconds", "rest", _seconds),
    ("cue", "cue", lambda v: f"“{v}”" if v else "none"),
]


def _step_differences(old, new, names, variations):
    differences = []
    for field, label, show in STEP_FIELDS:
        if old.get(field) == new.get(field):
            continue
        if field == "exercise_id":
            before, after = names.get(old[field], "?"), names.get(new[field], "?")
        elif field == "variation_id":
            before = variations.get(old[field], "plain") if old[field] else "plain"
            after = variations.get(new[field], "plain") if new[field] else "plain"
        else:
            before, after = show(old[field]), show(new[field])
        differences.append(f"{label} {before} → {after}")
    return differences


def _step_summary(step):
    parts = [f"hold {step['hold_seconds']} s"]
    if step["side"] != Side.NONE:
        parts.append(str(Side(step["side"]).label).lower())
    if step["rounds"] > 1:
        parts.append(f"× {step['rounds']}")
    if step["rest_seconds"]:
        parts.append(f"rest {step['rest_seconds']} s")
    return ", ".join(parts)


def _variation_label(field):
    return {"ladder": "rung", "show_in_person_first": "best shown in person"}.get(
        field, field.replace("_", " ")
    )


def _short(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value in Equipment.values:
        return str(Equipment(value).label).lower()
    if value == "":
        return "(empty)"
    return f"“{value}”" if isinstance(value, str) else str(value)


def _longest_increasing(ids, key):
    """The ids whose old positions form the longest increasing run: the steps that kept
    their place while others moved around them."""
    if not ids:
        return set()
    tails, previous = [], [None] * len(ids)
    for index, one in enumerate(ids):
        value = key(one)
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if key(ids[tails[middle]]) < value:
                low = middle + 1
            else:
                high = middle
        previous[index] = tails[low - 1] if low else None
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    index, at = tails[-1], []
    while index is not None:
        at.append(ids[index])
        index = previous[index]
    return set(at)


def _list(lines):
    return format_html(
        '<ul class="diff-lines">{}</ul>',
        format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
    )
