"""The player step served from the published-routine cache: never stale, with an ETag.

See stretches/caching.py for the keys and how saves reach them.
"""

import copy
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from practice.models import PracticeSession
from stretches import caching
from stretches.models import CautionRule, Condition, Side

from .conftest import add_step, make_exercise, make_routine, make_variation

HTMX = {"HX-Request": "true"}


def play_url(routine, number, query=""):
    return reverse("player:play-step", args=[routine.slug, number]) + query


@pytest.fixture
def routine(db):
    routine = make_routine(title="Morning ease")
    twist = make_exercise(name="Supine twist", safety_notes="Keep both shoulders down.")
    make_variation(twist, name="Pillow under knees", ladder=-1)
    add_step(routine, make_exercise(name="Knee hug"), hold_seconds=10)
    add_step(routine, twist, hold_seconds=15, side=Side.BOTH)
    return routine


def panel(client, routine, number=1, query=""):
    response = client.get(play_url(routine, number, query), headers=HTMX)
    assert response.status_code in (200, 304), response.status_code
    return response


@pytest.mark.django_db
class TestEverySaveIsSeenAtOnce:
    def test_a_saved_step_shows_on_the_next_request(self, client, routine):
        assert "Hold for 10 s" in panel(client, routine).text
        step = routine.steps.get(order=1)
        step.hold_seconds = 40
        step.save()
        assert "Hold for 40 s" in panel(client, routine).text

    def test_an_added_and_a_deleted_step_show_on_the_next_request(self, client, routine):
        assert "of 3" in panel(client, routine).text
        add_step(routine, make_exercise(name="Cat cow"))
        assert "of 4" in panel(client, routine).text
        routine.steps.get(order=1).delete()
        assert "of 3" in panel(client, routine).text

    def test_a_saved_exercise_shows_in_every_routine_that_uses_it(self, client, routine):
        other = make_routine()
        hug = routine.steps.get(order=1).exercise
        add_step(other, hug)
        assert "Knee hug" in panel(client, routine).text
        assert "Knee hug" in panel(client, other).text
        hug.name = "Knees to chest"
        hug.save()
        assert "Knees to chest" in panel(client, routine).text
        assert "Knees to chest" in panel(client, other).text

    def test_only_the_players_own_spelling_of_use_is_cached(self, client, routine):
        """`use=012`, or the same swaps in another order, plays, but is rendered afresh
        rather than adding keys to the shared cache (Redis has no entry limit)."""
        pillow = routine.steps.get(order=2).exercise.variations.get()
        entry, _ = caching.lookup(routine.slug)
        padded = f"0{pillow.pk}"
        assert "Pillow under knees" in panel(client, routine, 2, f"?use={padded}").text
        assert cache.get(entry.key("panel", 2, padded, "")) is None
        assert "Pillow under knees" in panel(client, routine, 2, f"?use={pillow.pk}").text
        assert cache.get(entry.key("panel", 2, str(pillow.pk), "")) is not None

    def test_a_panel_read_once_is_kept_in_the_process_and_a_save_still_shows(self, client, routine):
        """A panel key names one state of the content, so the process keeps what it read
        (one shared-cache read fewer per step); a save names new keys, so it still shows."""
        assert "Hold for 15 s" in panel(client, routine, 2).text
        entry, _ = caching.lookup(routine.slug)
        key = entry.key("panel", 2, "", "")
        assert cache.get(key) is not None
        caching._panels_kept.clear()  # as another process would: it reads the shared cache, once
        assert "Hold for 15 s" in panel(client, routine, 2).text
        cache.delete(key)  # gone from the shared cache: this process still has it
        assert "Hold for 15 s" in panel(client, routine, 2).text
        assert cache.get(key) is None  # served from the process, not rendered again
        step = routine.steps.get(order=2)
        step.hold_seconds = 25
        step.save()
        assert "Hold for 25 s" in panel(client, routine, 2).text

    def test_the_process_keeps_a_bounded_number_of_panels(self, client, routine, monkeypatch):
        monkeypatch.setattr(caching, "KEPT_MOST", 3)
        monkeypatch.setattr(caching, "_panels_kept", {})
        for number in (1, 2, 3):  # six panels
            for c in ("", "?c=0"):
                panel(client, routine, number, c)
                assert len(caching._panels_kept) <= 3

    def test_a_saved_variation_shows_on_the_next_request(self, client, routine):
        pillow = routine.steps.get(order=2).exercise.variations.get()
        query = f"?use={pillow.pk}"
        assert "Pillow under knees" in panel(client, routine, 2, query).text
        pillow.name = "Cushion under knees"
        pillow.save()
        assert "Cushion under knees" in panel(client, routine, 2, query).text

    def test_a_new_caution_rule_applies_on_the_next_request(self, client, routine):
        """Safety first: an editor's new rule reaches a player whose routine is cached."""
        knees = Condition.objects.create(
            name="Knee trouble", slug="test-knee-trouble", explanation="x"
        )
        twist = routine.steps.get(order=2).exercise
        pillow = twist.variations.get()
        query = f"?c={knees.pk}"
        assert "Pillow under knees" not in panel(client, routine, 2, query).text
        rule = CautionRule.objects.create(
            exercise=twist, condition=knees, action="avoid", instead=pillow
        )
        assert "Pillow under knees" in panel(client, routine, 2, query).text
        rule.action = "ask"
        rule.instead = None
        rule.save()
        html = panel(client, routine, 2, query).text
        assert "Pillow under knees" not in html
        assert "Ask first" in html
        rule.delete()
        assert "Ask first" not in panel(client, routine, 2, query).text

    def test_a_renamed_condition_shows_on_the_next_request(self, client, routine):
        knees = Condition.objects.create(
            name="Knee trouble", slug="test-knee-trouble", explanation="x"
        )
        twist = routine.steps.get(order=2).exercise
        CautionRule.objects.create(exercise=twist, condition=knees, action="ask")
        assert "knee trouble" in panel(client, routine, 2, f"?c={knees.pk}").text
        knees.name = "A knee replacement"
        knees.save()
        assert "a knee replacement" in panel(client, routine, 2, f"?c={knees.pk}").text

    def test_an_unpublished_routine_is_gone_on_the_next_request(self, client, routine):
        panel(client, routine)
        routine.is_published = False
        routine.save()
        assert client.get(play_url(routine, 1), headers=HTMX).status_code == 404
        assert client.get(play_url(routine, 1)).status_code == 404

    def test_a_renamed_routine_leaves_its_old_address(self, client, routine):
        old = play_url(routine, 1)
        panel(client, routine)
        routine.slug = "morning-ease"
        routine.save()
        assert client.get(old, headers=HTMX).status_code == 404
        assert client.get("/routines/morning-ease/play/1/", headers=HTMX).status_code == 200

    def test_a_deleted_routine_is_gone_on_the_next_request(self, client, routine):
        url = play_url(routine, 1)
        panel(client, routine)
        routine.delete()
        assert client.get(url, headers=HTMX).status_code == 404

    def test_a_reader_racing_the_commit_cannot_leave_the_old_step_cached(
        self, client, routine, django_capture_on_commit_callbacks
    ):
        assert "Hold for 10 s" in panel(client, routine).text
        stale = cache.get(caching.pointer_key(routine.slug))
        step = routine.steps.get(order=1)
        with django_capture_on_commit_callbacks() as callbacks:
            step.hold_seconds = 40
            step.save()
        # Another server read the old rows just before the commit and cached them.
        cache.set(caching.pointer_key(routine.slug), stale)
        assert "Hold for 10 s" in panel(client, routine).text
        for callback in callbacks:
            callback()
        assert "Hold for 40 s" in panel(client, routine).text


@pytest.mark.django_db
class TestDrafts:
    def test_a_draft_is_never_put_in_the_public_cache(self, client, staff_user):
        draft = make_routine(steps=2, is_published=False)
        client.force_login(staff_user)
        assert client.get(play_url(draft, 1), headers=HTMX).status_code == 200
        entry, _ = caching.lookup(draft.slug)
        assert entry.pointer.published is False
        assert cache.get(entry.key("data")) is None
        client.logout()
        assert client.get(play_url(draft, 1), headers=HTMX).status_code == 404

    def test_staff_see_every_save_of_a_draft(self, client, staff_user, django_assert_num_queries):
        draft = make_routine(steps=2, is_published=False)
        client.force_login(staff_user)
        client.get(play_url(draft, 1), headers=HTMX)
        step = draft.steps.get(order=1)
        step.hold_seconds = 50
        step.save()
        # the session (unless cached_db has it), the user, then the draft from the database
        # (the routine, its steps, their variations, their caution rules)
        session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
        with django_assert_num_queries(session + 5):
            response = client.get(play_url(draft, 1), headers=HTMX)
        assert "Hold for 50 s" in response.text


def player_section(html):
    """The <section id="player"> of a whole player page: what an htmx step swaps in (the
    CSRF token, masked afresh for each response, left out)."""
    start = html.index('<section id="player"')
    return without_csrf_token(html[start : html.index("</section>\n  \n", start) + 10])


def without_csrf_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
class TestSignedInStepsShareThePanel:
    """A signed-in player's step is everyone's panel with their own practice session in its
    links, filled into one cached copy: no session, no user, no query when warm."""

    def test_a_signed_in_step_is_served_from_the_anonymous_panel(
        self, signed_in, routine, monkeypatch, django_assert_num_queries
    ):
        anonymous = Client().get(play_url(routine, 2), headers=HTMX).text
        # Nothing may render, nothing may be read: the panel comes from the cache as it is.
        monkeypatch.setattr("player.views.render", None)
        monkeypatch.setattr("player.panels.render_to_string", None)
        with django_assert_num_queries(0):
            assert signed_in.get(play_url(routine, 2), headers=HTMX).text == anonymous

    def test_the_links_carry_the_persons_own_session(
        self, signed_in, user, other_user, routine, django_assert_num_queries
    ):
        mine = PracticeSession.start(user, routine)
        theirs = PracticeSession.start(other_user, routine)
        html = signed_in.get(play_url(routine, 2, f"?session={mine.pk}"), headers=HTMX).text
        assert f"session={mine.pk}" in html
        assert "session=slot" not in html
        # Warm: another person's session, from the same cached panel, costs no query.
        other = Client()
        other.force_login(other_user)
        with django_assert_num_queries(0):
            html = other.get(play_url(routine, 2, f"?session={theirs.pk}"), headers=HTMX).text
        assert f"session={theirs.pk}" in html
        assert f"session={mine.pk}" not in html

    @pytest.mark.parametrize("query", ["", "?session={session}", "?use={pillow}&session={session}"])
    def test_every_shared_panel_is_what_the_person_would_have_rendered(
        self, signed_in, user, routine, query
    ):
        """Served from the cache or rendered for the person (the whole page, which never
        comes from the cache), every step is the same HTML, to the byte."""
        session = PracticeSession.start(user, routine)
        pillow = routine.steps.get(order=2).exercise.variations.get()
        query = query.format(session=session.pk, pillow=pillow.pk)
        for number in (1, 2, 3):
            signed_in.get(play_url(routine, number, query), headers=HTMX)  # fills the cache
            panel = signed_in.get(play_url(routine, number, query), headers=HTMX).text
            page = signed_in.get(play_url(routine, number, query)).text
            assert without_csrf_token(panel.strip()) == player_section(page), number

    def test_the_last_step_renders_its_own_finish_form(self, signed_in, user, routine):
        anonymous = Client().get(play_url(routine, 3), headers=HTMX).text
        assert "csrfmiddlewaretoken" not in anonymous
        session = PracticeSession.start(user, routine)
        html = signed_in.get(play_url(routine, 3, f"?session={session.pk}"), headers=HTMX).text
        assert "csrfmiddlewaretoken" in html
        assert 'method="post"' in html
        assert f'name="session" value="{session.pk}"' in html
        # Rendered for the person alone: no shared copy of it, with or without a token.
        entry, _ = caching.lookup(routine.slug)
        assert cache.get(entry.key("panel", 3, "", "", "session")) is None

    def test_other_query_parameters_render_their_own(self, signed_in, user, routine):
        routine.share()
        Client().get(play_url(routine, 2), headers=HTMX)
        html = signed_in.get(play_url(routine, 2, f"?share={routine.share_token}"), headers=HTMX)
        assert f"share={routine.share_token}" in html.text

    def test_a_bad_session_is_a_400_not_a_hole(self, signed_in, routine):
        for bad in ("SESSION-ID", "-1", "1e9", "99999999999999999999", "<b>"):
            response = signed_in.get(play_url(routine, 2, f"?session={bad}"), headers=HTMX)
            assert response.status_code == 400, bad
            assert "session=slot" not in response.text

    def test_the_cached_panel_holds_no_ones_session(self, signed_in, user, routine):
        session = PracticeSession.start(user, routine)
        signed_in.get(play_url(routine, 2, f"?session={session.pk}"), headers=HTMX)
        entry, _ = caching.lookup(routine.slug)
        parts = cache.get(entry.key("panel", 2, "", "", "session"))["parts"]
        assert len(parts) > 1  # slots where each person's session id goes
        assert all(part.endswith("session=") for part in parts[:-1])
        assert not any(f"session={session.pk}" in part for part in parts)

    def test_a_signed_in_panel_is_private(self, signed_in, user, routine):
        session = PracticeSession.start(user, routine)
        for query in ("", f"?session={session.pk}"):
            signed_in.get(play_url(routine, 2, query), headers=HTMX)
            response = signed_in.get(play_url(routine, 2, query), headers=HTMX)
            assert "ETag" not in response
            assert response["Cache-Control"].startswith("private, no-store")


@pytest.mark.django_db
class TestHttpCaching:
    def test_an_anonymous_step_has_an_etag_and_must_revalidate(self, client, routine):
        response = panel(client, routine)
        assert response["ETag"].startswith('"')
        assert response["Cache-Control"] in ("public, no-cache", "no-cache, public")
        assert {"HX-Request", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}

    def test_a_repeat_play_answers_304_without_a_query(
        self, client, routine, django_assert_num_queries
    ):
        etag = panel(client, routine)["ETag"]
        with django_assert_num_queries(0):
            response = client.get(play_url(routine, 1), headers=HTMX | {"If-None-Match": etag})
        assert response.status_code == 304
        assert response["ETag"] == etag
        assert not response.content

    def test_a_save_changes_the_etag(self, client, routine):
        etag = panel(client, routine)["ETag"]
        step = routine.steps.get(order=1)
        step.cue = "Breathe out"
        step.save()
        response = client.get(play_url(routine, 1), headers=HTMX | {"If-None-Match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag
        assert "Breathe out" in response.text

    def test_the_etag_differs_by_step_and_by_variation(self, client, routine):
        pillow = routine.steps.get(order=2).exercise.variations.get()
        etags = {
            panel(client, routine, 2)["ETag"],
            panel(client, routine, 3)["ETag"],
            panel(client, routine, 2, f"?use={pillow.pk}")["ETag"],
        }
        assert len(etags) == 3

    def test_a_signed_in_step_is_never_public(self, signed_in, routine):
        response = signed_in.get(play_url(routine, 1), headers=HTMX)
        assert response.status_code == 200
        assert "ETag" not in response
        assert "public" not in response.get("Cache-Control", "")

    def test_a_page_carrying_a_csrf_token_is_never_public(self, client, routine):
        response = client.get(routine.get_absolute_url())  # Bookmark is a form with a token
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert "ETag" not in response
        assert "public" not in response.get("Cache-Control", "")

    def test_the_whole_player_page_is_public_with_an_etag_for_a_visitor(self, client, routine):
        response = client.get(play_url(routine, 1))  # no form for a visitor: no token
        assert response.status_code == 200
        assert "csrftoken" not in response.cookies
        again = client.get(play_url(routine, 1), headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304

    def test_an_error_is_never_given_an_etag(self, client, routine):
        response = client.get(play_url(routine, 9), headers=HTMX)
        assert response.status_code == 404
        assert "ETag" not in response
        response = client.get(play_url(routine, 1, "?use=x"), headers=HTMX)
        assert response.status_code == 400
        assert "ETag" not in response


needs_redis_and_postgres = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postg"),
    reason="needs REDIS_URL and a PostgreSQL DATABASE_URL: another process must reach "
    "the same cache and the same test database (CI's PostgreSQL run sets both)",
)


@needs_redis_and_postgres
@pytest.mark.django_db(transaction=True)
def test_a_save_in_another_process_is_seen_on_the_next_request(
    client, fresh_cache, django_assert_num_queries
):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    routine = make_routine(steps=3)
    step = routine.steps.get(order=2)
    assert "Hold for 30 s" in panel(client, routine, 2).text
    with django_assert_num_queries(0):
        assert "Hold for 30 s" in panel(client, routine, 2).text

    db = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_KEY_PREFIX": fresh_cache,
    }
    change = (
        "from stretches.models import RoutineStep; "
        f"step = RoutineStep.objects.get(pk={step.pk}); step.hold_seconds = 45; step.save()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", change],
        cwd=Path(settings.BASE_DIR),
        env=env,
        check=True,
        timeout=120,
    )
    assert "Hold for 45 s" in panel(client, routine, 2).text


@pytest.fixture
def personal_line_in_every_step(settings, tmp_path):
    """The player's template with a personal line in its panel, in a folder searched first."""
    original = Path(settings.BASE_DIR, "templates", "player", "player.html").read_text()
    marker = "{% partialdef panel %}"
    line = "{% if user.is_authenticated %}<p>Hello {{ user.username }}</p>{% endif %}"
    override = tmp_path / "player" / "player.html"
    override.parent.mkdir()
    override.write_text(original.replace(marker, marker + line))
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


@pytest.mark.django_db
class TestThePublicPanelIsRenderedFromContentAlone:
    """What the cache shares is made without the request or the user; a person's session
    goes into known slots afterwards; a bad query is refused before the cache is read."""

    @pytest.mark.parametrize("query", ["", "?session={session}"])
    def test_nothing_personal_reaches_an_anonymous_visitor(
        self, signed_in, user, routine, personal_line_in_every_step, query
    ):
        session = PracticeSession.start(user, routine)
        query = query.format(session=session.pk)
        for number in (1, 2, 3):
            signed_in.get(play_url(routine, number, query), headers=HTMX)  # cold: fills it
            anonymous = Client().get(play_url(routine, number), headers=HTMX)
            assert anonymous.status_code == 200
            assert user.username not in anonymous.text, number
            assert "Hello" not in anonymous.text, number
        # Their whole page is made around the same shared panel (stretches/fragments.py):
        # nothing personal in it either; their last step is rendered for them and has it.
        assert "Hello" not in signed_in.get(play_url(routine, 2, query)).text
        last = len(routine.timeline())
        assert f"Hello {user.username}" in signed_in.get(play_url(routine, last, query)).text

    @pytest.mark.parametrize("bad", ["abc", "-1", "SESSION-ID"])
    def test_a_bad_session_is_a_400_for_a_visitor_cold_and_warm(self, client, routine, bad):
        # Cold already: the test's own cache prefix (fresh_cache). Never cache.clear(): on
        # Redis it flushes the database every parallel worker (and anyone else) shares.
        assert client.get(play_url(routine, 2, f"?session={bad}"), headers=HTMX).status_code == 400
        assert client.get(play_url(routine, 2), headers=HTMX).status_code == 200  # warm now
        response = client.get(play_url(routine, 2, f"?session={bad}"), headers=HTMX)
        assert response.status_code == 400
        assert "ETag" not in response

    def test_a_bad_query_is_a_400_before_an_etag_is_answered(self, client, routine):
        etag = panel(client, routine, 2)["ETag"]
        bad = play_url(routine, 2, "?session=abc")
        response = client.get(bad, headers=HTMX | {"If-None-Match": etag})
        assert response.status_code == 400

    @pytest.mark.parametrize(
        ("query", "messages"),
        [
            ("?use=abc", ["“use” must be a comma-separated list of variation numbers."]),
            ("?use=1,,2", ["“use” must be a comma-separated list of variation numbers."]),
            ("?use=" + ",".join(["1"] * 51), ["“use” must be a comma-separated list"]),
            ("?c=x", ["“c” must be 0 or a comma-separated list of condition numbers."]),
            ("?c=0&session=-1", ["“session” must be a whole number from 1 to"]),
            ("?session=1" + "0" * 19, ["“session” must be a whole number from 1 to"]),
            ("?share=%3Cb%3E", ["“share” is not a shared link's token."]),
            # Every field wrong: every message, in the fields' order.
            ("?use=abc&session=abc&c=abc", ["“use” must", "“c” must", "“session” must"]),
            ("?use=99999", ["“use” names variations that are not part of this routine."]),
        ],
    )
    def test_a_bad_query_is_refused_with_its_message_cold_and_warm(
        self, client, routine, query, messages
    ):
        """The shared panel checks the query's spelling without making a form (the cheap
        path); the person's own render (a whole page) checks it against the routine. Each
        says what is wrong, in the fields' order, on a cold cache and on a warm one."""
        for _ in range(2):  # cold, then warm
            for headers in (HTMX, {}):
                response = client.get(play_url(routine, 2, query), headers=headers)
                assert response.status_code == 400, query
                text = re.search(r"make sense to us</h1>\s*<p>(.+?)</p>", response.text)
                text = text.group(1) if text else response.text
                positions = [text.find(html.escape(message)) for message in messages]
                assert -1 not in positions, (query, text)
                assert positions == sorted(positions), (query, text)
            for good in ("", "?c=0"):  # warm: the cached panel must not answer a bad query
                assert panel(client, routine, 2, good).status_code == 200

    def test_a_use_not_the_routines_and_a_bad_session_say_so_in_the_fields_order(
        self, client, routine
    ):
        # The whole page checks `use` against the routine; the shared panel stops at the
        # session's spelling, before any cache is read.
        response = client.get(play_url(routine, 2, "?use=99999&session=abc"))
        assert response.status_code == 400
        names = response.text.index("“use” names variations that are not part of this routine.")
        assert names < response.text.index("“session” must be a whole number")
        response = client.get(play_url(routine, 2, "?use=99999&session=abc"), headers=HTMX)
        assert response.status_code == 400
        assert "“session” must be a whole number" in response.text

    def test_a_kept_panel_lives_a_pointer_ttl_only(self, client, routine, monkeypatch):
        """A write that sends no signal changes no key: the process re-reads what it kept."""
        monkeypatch.setattr(caching, "POINTER_TTL", 0)  # kept copies expire at once
        assert "Hold for 15 s" in panel(client, routine, 2).text
        entry, _ = caching.lookup(routine.slug)
        key = entry.key("panel", 2, "", "")
        cache.delete(key)
        assert "Hold for 15 s" in panel(client, routine, 2).text
        assert cache.get(key) is not None  # rendered again: the kept copy had expired

    def test_content_that_looks_like_a_session_link_is_left_as_written(
        self, signed_in, user, routine
    ):
        twist = routine.steps.get(order=2).exercise
        twist.safety_notes = "Old links said session=SESSION-ID here."
        twist.save()
        session = PracticeSession.start(user, routine)
        query = f"?session={session.pk}"
        for _ in range(2):  # cold, then warm
            html = signed_in.get(play_url(routine, 2, query), headers=HTMX).text
            assert "Old links said session=SESSION-ID here." in html
            assert f"session={session.pk}" in html
