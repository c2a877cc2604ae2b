"""What a routine becomes for a person with some conditions: the one place that reads the
exercises' caution rules (`CautionRule`).

For each step, with the conditions that apply to the person:

- a rule is looked up for the form the step does (a variation, or the plain exercise); a
  variation without a rule of its own for a condition follows its exercise's rule, except
  when that rule names this very variation to do instead;
- an **avoid** rule swaps in the variation it names, if that variation is not itself
  avoided for another of the person's conditions; with nothing to swap in, the step is
  **skipped**;
- an **ask first** rule on the form that is finally done puts a badge on the step.

It works on any objects with the rule and step fields, so it needs no database to test.
"""

from dataclasses import dataclass, field
from typing import Any

AVOID, ASK = "avoid", "ask"


@dataclass(frozen=True)
class Outcome:
    """What happens to one form (exercise + variation) for the person."""

    variation: Any = None  # the variation to do (None: the plain exercise)
    skipped: bool = False
    swapped: bool = False  # an avoid rule replaced the form the step asked for
    because: tuple = ()  # the conditions behind a swap or a skip
    ask_first: tuple = ()  # conditions for which to ask a professional first


@dataclass
class Adjustment:
    """A routine's steps adjusted for a set of conditions (see module docstring)."""

    rules: list
    applying: frozenset
    _by_form: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._index = {(r.exercise_id, r.variation_id, r.condition_id): r for r in self.rules}
        self._variations = {}
        for rule in self.rules:
            if rule.instead_id is not None and getattr(rule, "instead", None) is not None:
                self._variations[rule.instead_id] = rule.instead

    def _rule(self, exercise_id, variation_id, condition_id):
        if variation_id is not None:
            own = self._index.get((exercise_id, variation_id, condition_id))
            if own is not None:
                return own
        rule = self._index.get((exercise_id, None, condition_id))
        if rule is not None and variation_id is not None and rule.instead_id == variation_id:
            return None  # the exercise's rule names this variation as the safe one
        return rule

    def _applying_rules(self, exercise_id, variation_id, action):
        found = []
        for condition_id in sorted(self.applying):
            rule = self._rule(exercise_id, variation_id, condition_id)
            if rule is not None and rule.action == action:
                found.append(rule)
        return found

    def outcome(self, exercise_id, variation):
        """The `Outcome` for doing `variation` (None: the plain exercise) of the exercise."""
        if not self.applying:
            return Outcome(variation=variation)
        variation_id = variation.pk if variation is not None else None
        key = (exercise_id, variation_id)
        if key not in self._by_form:
            self._by_form[key] = self._resolve(exercise_id, variation)
        return self._by_form[key]

    def _resolve(self, exercise_id, variation):
        variation_id = variation.pk if variation is not None else None
        avoided = self._applying_rules(exercise_id, variation_id, AVOID)
        swapped = False
        if avoided:
            because = tuple(rule.condition for rule in avoided)
            insteads = {rule.instead_id for rule in avoided}
            if None in insteads or len(insteads) > 1:
                return Outcome(skipped=True, because=because)
            (instead_id,) = insteads
            if self._applying_rules(exercise_id, instead_id, AVOID):
                return Outcome(skipped=True, because=because)
            variation = self._variations.get(instead_id)
            variation_id, swapped = instead_id, True
        else:
            because = ()
        asks = tuple(r.condition for r in self._applying_rules(exercise_id, variation_id, ASK))
        return Outcome(variation=variation, swapped=swapped, because=because, ask_first=asks)

    def for_step(self, step):
        return self.outcome(step.exercise_id, step.variation)

    def skipped_steps(self, steps):
        """The pks of the steps the person skips."""
        return frozenset(step.pk for step in steps if self.for_step(step).skipped)

    def changes(self, steps):
        """What is swapped or skipped, each form once, in order: (step, Outcome) pairs."""
        found = {}
        for step in steps:
            outcome = self.for_step(step)
            if outcome.because:
                found.setdefault((step.exercise_id, step.variation_id), (step, outcome))
        return list(found.values())


NO_CONDITIONS = frozenset()


def adjustment(rules, applying=NO_CONDITIONS):
    """The `Adjustment` for `rules` and the ids of the conditions that apply."""
    applying = frozenset(applying) & {rule.condition_id for rule in rules}
    return Adjustment(rules=list(rules), applying=applying)


def named_conditions(rules):
    """The conditions the rules name, each once, in the editors' order."""
    found = {rule.condition_id: rule.condition for rule in rules}
    return sorted(found.values(), key=lambda condition: (condition.order, condition.name))


# The adjustment for someone to whom nothing applies: every step as written.
NOTHING = Adjustment(rules=[], applying=NO_CONDITIONS)
