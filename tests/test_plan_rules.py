"""The colour rule and the ladder's suggestions, as pure functions (plans/rules.py)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.rules import Colour, Direction, Outcome, colour, suggest

NOW = datetime.datetime(2026, 12, 16, 9, 0, tzinfo=datetime.UTC)


def days_ago(n, hours=0):
    return NOW - datetime.timedelta(days=n, hours=hours)


@pytest.mark.parametrize(
    ("before", "after", "stopped", "morning", "expected"),
    [
        (2, 1, False, None, Colour.GREEN),
        (3, 3, False, None, Colour.GREEN),
        (None, 3, False, None, Colour.GREEN),
        (0, 0, False, None, Colour.GREEN),
        (2, 3, False, None, Colour.AMBER),  # rose by 1
        (5, 4, False, None, Colour.AMBER),  # after 4
        (5, 5, False, None, Colour.AMBER),  # after 5
        (None, 5, False, None, Colour.AMBER),
        (2, 4, False, None, Colour.RED),  # rose by 2
        (7, 6, False, None, Colour.RED),  # after 6
        (None, 9, False, None, Colour.RED),
        (1, 1, True, None, Colour.RED),  # Stop — this hurts
        (None, None, True, None, Colour.RED),
        (2, 2, False, 4, Colour.RED),  # next morning rose by 2 over before
        (2, 2, False, 3, Colour.GREEN),  # next morning rose by 1 only
        (2, None, False, 4, Colour.RED),
        (None, 2, False, 9, Colour.GREEN),  # no before: the morning cannot be compared
        (3, None, False, None, None),  # nothing after: no colour
        (None, None, False, None, None),
    ],
)
def test_colour_table(before, after, stopped, morning, expected):
    assert colour(before, after, stopped, morning) == expected


def green(n, **kw):
    return Outcome(days_ago(n), 2, 1, session_id=100 - n, **kw)


def amber(n):
    return Outcome(days_ago(n), 3, 4, session_id=100 - n)


def red(n):
    return Outcome(days_ago(n), 2, 6, session_id=100 - n)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([], Direction.STAY),
        ([green(3), green(2)], Direction.STAY),  # two greens are not three
        ([green(3), green(2), green(1)], Direction.HARDER),
        ([green(13), green(8), green(1)], Direction.HARDER),  # within 14 days
        ([green(20), green(8), green(1)], Direction.STAY),  # one is older than 14 days
        ([green(4), green(3), green(2), red(1)], Direction.EASIER),  # after a red
        ([red(9), green(3), green(2), green(1)], Direction.HARDER),  # the red was 9 days ago
        ([red(6), green(3), green(2), green(1)], Direction.STAY),  # a red within 7 days
        ([green(5), amber(2), amber(1)], Direction.EASIER),  # two ambers in a row
        ([amber(3), green(2), amber(1)], Direction.STAY),  # not in a row
        ([green(3), green(2), Outcome(days_ago(1), 7, 2)], Direction.STAY),  # before was 7
        ([green(4), green(3), green(2), Outcome(days_ago(1), None, None)], Direction.HARDER),
    ],
)
def test_suggestion_table(history, expected):
    assert suggest(history, NOW).direction is expected


def test_a_suggestion_shows_the_sessions_behind_it():
    suggestion = suggest([green(3), green(2), green(1)], NOW)
    assert [o.describe() for o in suggestion.evidence] == ["2/10 → 1/10"] * 3
    assert suggestion.latest_session_id == 99


def test_sessions_before_the_current_rung_do_not_count_as_greens():
    history = [green(5), green(4), green(3), green(1)]
    assert suggest(history, NOW, on_rung_since=days_ago(2)).direction is Direction.STAY


def test_a_red_on_an_earlier_rung_still_blocks_harder():
    history = [red(6), green(3), green(2), green(1)]
    assert suggest(history, NOW, on_rung_since=days_ago(4)).direction is Direction.STAY


def test_no_harder_rung_means_stay_and_no_easier_rung_means_no_easier():
    assert (
        suggest([green(3), green(2), green(1)], NOW, can_go_harder=False).direction
        is Direction.STAY
    )
    assert suggest([red(1)], NOW, can_go_easier=False).direction is Direction.STAY


def test_a_future_session_is_not_read():
    assert suggest([red(-1)], NOW).direction is Direction.STAY


outcomes = st.builds(
    Outcome,
    when=st.integers(min_value=-2 * 24, max_value=30 * 24).map(
        lambda h: NOW - datetime.timedelta(hours=h)
    ),
    pain_before=st.none() | st.integers(0, 10),
    pain_after=st.none() | st.integers(0, 10),
    stopped=st.booleans(),
    morning=st.none() | st.integers(0, 10),
)


@settings(max_examples=400, deadline=None)
@given(
    history=st.lists(outcomes, max_size=12),
    since_hours=st.none() | st.integers(0, 30 * 24),
)
def test_never_harder_within_7_days_of_a_red_for_any_history(history, since_hours):
    since = None if since_hours is None else NOW - datetime.timedelta(hours=since_hours)
    suggestion = suggest(history, NOW, on_rung_since=since)
    red_lately = any(
        o.colour is Colour.RED
        and datetime.timedelta(0) <= NOW - o.when <= datetime.timedelta(days=7)
        for o in history
    )
    if red_lately:
        assert suggestion.direction is not Direction.HARDER
    if suggestion.direction is Direction.HARDER:
        assert all(o.colour is Colour.GREEN for o in suggestion.evidence)
        assert len(suggestion.evidence) >= 3
