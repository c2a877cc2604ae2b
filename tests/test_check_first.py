"""Before you start: nobody reaches a running timer without the cautions that apply to them."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from practice.models import PracticeSession
from stretches.models import Condition, HealthAnswer, Routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
FULL = "full-lower-back"


def step(slug, number, **query):
    url = reverse("player:play-step", args=[slug, number])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def check_url(slug, **query):
    query = {**query, "step": query.pop("step", 1)}  # the step goes last, after what it carries
    encoded = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse("player:check-first", args=[slug]) + "?" + encoded


def condition(slug):
    return Condition.objects.get(slug=slug)


def asked(html):
    """The conditions Before you start asks about, by name."""
    return re.findall(r'<label for="id_applies_\d+">([^<]+)</label>', html)


def answer(client, slug, *conditions, none=False, **query):
    data = {"none": "1"} if none else {"applies": [c.pk for c in conditions], "start": "1"}
    return client.post(check_url(slug, **query), data)


def named_by(routine):
    return {rule.condition.name for rule in routine.caution_rules()}


class TestEveryStartReachesBeforeYouStart:
    def test_a_typed_step_one_url_goes_to_before_you_start(self, client, starter_library):
        response = client.get(step(FULL, 1))
        assert response.status_code == 302
        assert response["Location"] == check_url(FULL)
        assert "private" in response["Cache-Control"]

    def test_a_later_step_typed_without_the_check_goes_there_too(self, client, starter_library):
        assert client.get(step(FULL, 5))["Location"] == check_url(FULL, step=5)

    def test_an_htmx_step_without_the_check_redirects_the_whole_page(self, client, starter_library):
        response = client.get(step(FULL, 1), headers=HTMX)
        assert response["HX-Redirect"] == check_url(FULL)

    def test_the_start_links_on_the_cards_and_the_routine_page_lead_there(
        self, client, starter_library
    ):
        for page in (
            reverse("stretches:routine-list"),
            reverse("stretches:routine-detail", args=[FULL]),
        ):
            html = client.get(page).content.decode()
            start = re.search(rf'href="({re.escape(step(FULL, 1))}[^"]*)"', html).group(1)
            assert client.get(start.split("#")[0])["Location"] == check_url(FULL)

    def test_a_signed_in_start_carries_its_session_through_the_check(
        self, signed_in, user, starter_library
    ):
        start = signed_in.post(reverse("practice:session-start", args=[FULL]), {"pain": ""})
        session = PracticeSession.objects.get(user=user)
        gate = signed_in.get(start["Location"].split("#")[0])
        assert gate["Location"] == check_url(FULL, session=session.pk)
        done = answer(signed_in, FULL, none=True, session=session.pk)
        assert done["Location"] == step(FULL, 1, session=session.pk, c=0) + "#start"

    def test_a_shared_link_carries_its_token_through_the_check(self, client, user, starter_library):
        own = Routine.objects.get(slug=FULL).copy(user, "My full routine")
        token = own.share()
        gate = client.get(step(own.slug, 1, share=token))
        assert gate["Location"] == check_url(own.slug, share=token)
        done = answer(client, own.slug, none=True, share=token)
        assert done["Location"] == step(own.slug, 1, share=token, c=0) + "#start"

    def test_it_asks_only_about_the_conditions_the_routine_names(self, client, starter_library):
        routine = Routine.objects.get(slug="first-day-gentle")
        html = client.get(check_url(routine.slug)).content.decode()
        assert set(asked(html)) == named_by(routine)
        assert "Blood thinners" not in asked(html)  # only foam rolling names it
        assert reverse("stretches:urgent-signs") in html


class TestAnswering:
    def test_none_of_these_goes_to_step_one_and_is_remembered(self, client, starter_library):
        response = answer(client, FULL, none=True)
        assert response["Location"] == step(FULL, 1, c=0) + "#start"
        assert client.get(step(FULL, 1))["Location"] == step(FULL, 1, c=0)
        assert client.get(step(FULL, 1, c=0)).status_code == 200

    def test_ticking_nothing_is_not_an_answer(self, client, starter_library):
        response = client.post(check_url(FULL), {"start": "1"})
        assert response.status_code == 200
        assert "Tick what applies to you" in response.content.decode()
        assert client.get(step(FULL, 1))["Location"] == check_url(FULL)

    def test_a_tick_and_none_together_is_refused(self, client, starter_library):
        data = {"applies": [condition("pregnancy").pk], "none": "1"}
        response = client.post(check_url(FULL), data)
        assert "untick one of them" in response.content.decode()

    def test_a_routine_naming_a_new_condition_asks_for_that_one_only(self, client, starter_library):
        first_day = Routine.objects.get(slug="first-day-gentle")
        answer(client, first_day.slug, none=True)
        html = client.get(check_url(FULL)).content.decode()
        assert set(asked(html)) == named_by(Routine.objects.get(slug=FULL)) - named_by(first_day)
        assert "Blood thinners" in asked(html)

    def test_a_bad_c_is_a_400(self, client, starter_library):
        assert client.get(step(FULL, 1, c="x")).status_code == 400
        assert client.get(step(FULL, 1, c="1,,2")).status_code == 400

    def test_it_refuses_other_methods(self, client, starter_library):
        assert client.put(check_url(FULL)).status_code == 405

    def test_a_routine_you_may_not_see_is_a_404(self, client, user, starter_library):
        own = Routine.objects.get(slug=FULL).copy(user, "Private to them")
        assert client.get(check_url(own.slug)).status_code == 404
        assert client.get(step(own.slug, 1)).status_code == 404


class TestTheRoutineAdjustedForOsteoporosis:
    @pytest.fixture
    def answered(self, client, starter_library):
        answer(client, FULL, condition("osteoporosis"))
        return client

    def c(self):
        return str(condition("osteoporosis").pk)

    def test_the_forward_bends_are_swapped_and_foam_rolling_is_skipped(self, answered):
        routine = Routine.objects.get(slug=FULL)
        plain = routine.timeline()
        adjustment, moves = routine.adjusted({int(self.c())})
        names = [
            adjustment.for_step(m.step).variation
            for m in moves
            if m.exercise.slug in ("standing-forward-bend", "seated-hamstring-stretch")
        ]
        assert {v.name for v in names} == {"Soft knees, hands on thighs", "Knees bent"}
        assert "foam-rolling-back" in {m.exercise.slug for m in plain}
        assert "foam-rolling-back" not in {m.exercise.slug for m in moves}
        assert len(moves) == len(plain) - 1

    def test_the_routine_page_player_and_finish_agree(self, answered):
        routine = Routine.objects.get(slug=FULL)
        _, moves = routine.adjusted({int(self.c())})
        page = answered.get(routine.get_absolute_url()).content.decode()
        assert f"<dt>Moves</dt><dd>{len(moves)}</dd>" in page
        assert "Skipped:</strong> Foam rolling the back" in page
        assert "Swapped:</strong> Standing forward bend becomes Soft knees, hands on thighs" in page
        bend = next(m for m in moves if m.exercise.slug == "standing-forward-bend")
        player = answered.get(step(FULL, bend.number, c=self.c())).content.decode()
        assert '<h1 id="pose-name" class="pose-name">Standing forward bend</h1>' in player
        assert "Soft knees, hands on thighs" in player
        assert "Ask first" in player
        assert f"of {len(moves)}" in player
        last = answered.get(step(FULL, len(moves), c=self.c())).content.decode()
        finish_link = re.search(r'id="finish-routine"[^>]*href="([^"]+)"', last).group(1)
        assert f"c={self.c()}" in finish_link
        finish = answered.get(
            reverse("player:well-done", args=[FULL]) + f"?c={self.c()}"
        ).content.decode()
        assert f"{len(moves)} moves in" in finish
        assert "Skipped:</strong> Foam rolling the back" in finish

    def test_a_swapped_step_drops_the_cue_written_for_the_form_it_replaced(self, answered):
        routine = Routine.objects.get(slug=FULL)
        bend = next(m for m in routine.timeline() if m.exercise.slug == "standing-forward-bend")
        assert bend.step.cue == "Let your arms hang; roll up slowly"
        plain = answered.get(step(FULL, bend.number, c="0")).content.decode()
        assert '<p class="cue">Let your arms hang; roll up slowly</p>' in plain
        _, moves = routine.adjusted({int(self.c())})
        swapped = next(m for m in moves if m.exercise.slug == "standing-forward-bend")
        player = answered.get(step(FULL, swapped.number, c=self.c())).content.decode()
        assert "Soft knees, hands on thighs" in player
        assert '<p class="cue">' not in player
        page = answered.get(routine.get_absolute_url()).content.decode()
        assert '<span class="cue">Let your arms hang' not in page
        assert '<span class="cue">Sit tall' not in page  # the hamstring stretch, swapped too

    def test_every_link_carries_the_conditions(self, answered):
        html = answered.get(step(FULL, 2, c=self.c())).content.decode()
        links = re.findall(r'href="(/routines/[^"]+/play/[^"]+)"', html)
        assert links
        for link in links:
            assert parse_qs(urlsplit(link.replace("&amp;", "&")).query)["c"] == [self.c()]

    def test_no_response_with_answers_is_public(self, answered, client):
        pages = [
            reverse("stretches:routine-detail", args=[FULL]),
            step(FULL, 1, c=self.c()),
            reverse("player:this-hurts", args=[FULL, 2]) + f"?c={self.c()}",
            reverse("player:well-done", args=[FULL]) + f"?c={self.c()}",
        ]
        for page in pages:
            for headers in ({}, HTMX):
                response = answered.get(page, headers=headers)
                assert "public" not in response.get("Cache-Control", ""), page
                assert "private" in response["Cache-Control"], page
        # Even a visitor with no cookie asking for someone's link gets a private answer.
        answered.cookies.clear()
        response = answered.get(step(FULL, 2, c=self.c()), headers=HTMX)
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", "")

    def test_nothing_left_points_to_a_gentler_routine(self, client, starter_library):
        routine = Routine.objects.get(slug=FULL)
        everything = [c.pk for c in Condition.objects.all()]
        answer(client, FULL, *Condition.objects.all())
        _, moves = routine.adjusted(everything)
        html = client.get(routine.get_absolute_url()).content.decode()
        if not moves:
            assert "Nothing is left of this routine for you" in html
        else:
            assert f"<dt>Moves</dt><dd>{len(moves)}</dd>" in html


class TestTheHealthProfile:
    def test_signed_in_answers_are_kept_on_the_account(self, signed_in, user, starter_library):
        answer(signed_in, FULL, condition("pregnancy"))
        assert set(
            HealthAnswer.objects.filter(user=user, applies=True).values_list(
                "condition__slug", flat=True
            )
        ) == {"pregnancy"}
        page = signed_in.get(reverse("account")).content.decode()
        assert 'id="health"' in page
        assert re.search(rf'value="{condition("pregnancy").pk}"[^>]*checked', page)

    def test_the_account_page_changes_and_forgets_them(self, signed_in, user, starter_library):
        url = reverse("player:health-profile")
        response = signed_in.post(url, {"applies": [condition("knees").pk]})
        assert response["Location"] == reverse("account") + "#health"
        assert HealthAnswer.objects.filter(user=user).count() == Condition.objects.count()
        assert list(
            HealthAnswer.objects.filter(user=user, applies=True).values_list(
                "condition__slug", flat=True
            )
        ) == ["knees"]
        signed_in.post(url, {"forget": "1"})
        assert not HealthAnswer.objects.filter(user=user).exists()

    def test_the_profile_needs_a_post_and_a_signed_in_person(self, client, signed_in):
        url = reverse("player:health-profile")
        assert signed_in.get(url).status_code == 405
        client.logout()
        assert client.post(url, {"forget": "1"}).status_code == 302
        assert client.post(url, {"applies": ["x"]})["Location"].startswith(reverse("login"))

    def test_another_persons_answers_never_apply(self, client, user, other_user, starter_library):
        HealthAnswer.objects.create(user=other_user, condition=condition("pregnancy"), applies=True)
        client.force_login(user)
        assert client.get(step(FULL, 1))["Location"] == check_url(FULL)

    def test_the_download_includes_them(self, signed_in, user, starter_library):
        answer(signed_in, FULL, condition("stenosis"))
        response = signed_in.get(reverse("practice:history-json"))
        assert "private" in response["Cache-Control"]
        data = json.loads(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        applies = {a["condition"] for a in data["health_answers"] if a["applies"]}
        assert applies == {"Spinal stenosis or spondylolisthesis"}

    def test_they_go_with_the_account(self, signed_in, user, starter_library):
        answer(signed_in, FULL, condition("stenosis"))
        assert HealthAnswer.objects.filter(user=user).exists()
        user.delete()
        assert not HealthAnswer.objects.exists()

    def test_a_visitors_answers_live_in_their_session_only(self, client, starter_library):
        answer(client, FULL, condition("stenosis"))
        assert not HealthAnswer.objects.exists()
        assert client.session["check_first"][str(condition("stenosis").pk)] is True
