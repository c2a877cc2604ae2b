"""Text people type or import, checked in one place: every model's `clean()` calls
`clean_text`, so the admin, the builder's forms and import share it.

A control character other than newline and tab has no place in a title or a cue and makes
the XML backup (`dumpdata --format xml`) fail; a lone surrogate cannot be stored; NUL is
refused by PostgreSQL. Surrounding whitespace goes, and line ends become "\\n", so what is
saved is what a backup restores exactly.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

# C0 and C1 controls but tab and newline, DEL, lone surrogates, and the two non-characters
# XML 1.0 forbids.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
TEXT_REFUSED = (
    "Remove the character at position {position} (a control character such as NUL or "
    "escape, or a broken one): text may hold letters, punctuation, spaces, tabs and new "
    "lines only."
)


def text_problem(value):
    """What is wrong with `value` as typed text, or None."""
    found = FORBIDDEN.search(value.replace("\r", "\n"))
    if found is None:
        return None
    return TEXT_REFUSED.format(position=found.start() + 1)


def normalize_text(value):
    """`value` without surrounding whitespace, with "\\n" line ends."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_text(instance):
    """Normalize every text field of `instance` and refuse control characters in any of them.

    Raises ValidationError keyed by field. Fields with choices are left to their choices.
    """
    errors = {}
    for field in instance._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        problem = text_problem(value)
        if problem:
            errors[field.name] = problem
        else:
            setattr(instance, field.attname, normalize_text(value))
    if errors:
        raise ValidationError(errors)
