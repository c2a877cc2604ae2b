"""Make my own copy: a private draft copy of a routine, steps in order, opened for editing."""

import pytest
from django.urls import reverse

from stretches.models import Routine, Side

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


class TestCopyRoutine:
    def test_it_copies_a_library_routine_with_its_steps_in_order(self, signed_in, user):
        original = make_routine(title="Evening")
        first, second = make_exercise(), make_exercise()
        easier = make_variation(second)
        add_step(original, second, order=1, variation=easier, side=Side.BOTH, rounds=2)
        add_step(original, first, order=2, hold_seconds=45, rest_seconds=10, cue="Breathe")

        response = signed_in.post(reverse("builder:copy", args=[original.slug]))

        copy = Routine.objects.get(owner=user)
        assert response.status_code == 302
        assert response["Location"] == reverse("builder:edit", args=[copy.slug])
        assert copy.title == "Evening (my copy)"
        assert copy.slug != original.slug
        assert not copy.is_published
        assert [
            (s.exercise, s.variation, s.side, s.rounds, s.hold_seconds, s.rest_seconds, s.cue)
            for s in copy.steps.all()
        ] == [
            (second, easier, Side.BOTH, 2, 30, 0, ""),
            (first, None, Side.NONE, 1, 45, 10, "Breathe"),
        ]
        assert original.steps.count() == 2

    def test_the_routine_page_offers_the_copy_button_when_signed_in(self, client, user):
        routine = make_routine(steps=1)
        url = reverse("builder:copy", args=[routine.slug])
        assert url not in client.get(routine.get_absolute_url()).content.decode()
        client.force_login(user)
        assert url in client.get(routine.get_absolute_url()).content.decode()

    def test_a_long_title_still_fits(self, signed_in, user):
        routine = make_routine(steps=1, title="x" * 120)
        signed_in.post(reverse("builder:copy", args=[routine.slug]))
        copy = Routine.objects.get(owner=user)
        assert len(copy.title) == 120
        assert copy.title.endswith("(my copy)")

    def test_a_draft_library_routine_cannot_be_copied(self, signed_in):
        draft = make_routine(steps=1, is_published=False)
        assert signed_in.post(reverse("builder:copy", args=[draft.slug])).status_code == 404

    def test_anyone_signed_in_copies_a_shared_routine_with_its_token(
        self, signed_in, user, other_user
    ):
        theirs = make_routine(steps=2, owner=other_user, is_published=False)
        token = theirs.share()
        url = reverse("builder:copy", args=[theirs.slug])
        assert signed_in.post(url).status_code == 404  # no token: still private
        assert signed_in.post(url, {"share": "x" * 32}).status_code == 404
        assert signed_in.post(url, {"share": token}).status_code == 302
        copy = Routine.objects.get(owner=user)
        assert copy.steps.count() == 2
        assert Routine.objects.filter(owner=other_user).count() == 1  # theirs is untouched

    def test_a_shared_page_offers_the_copy_with_its_token(self, client, user, other_user):
        theirs = make_routine(steps=1, owner=other_user)
        token = theirs.share()
        client.force_login(user)
        html = client.get(theirs.get_share_url()).content.decode()
        assert reverse("builder:copy", args=[theirs.slug]) in html
        assert f'<input type="hidden" name="share" value="{token}">' in html

    def test_the_copy_plays_for_its_owner(self, signed_in, user):
        routine = make_routine(steps=2)
        signed_in.post(reverse("builder:copy", args=[routine.slug]))
        copy = Routine.objects.get(owner=user)
        assert signed_in.get(copy.get_absolute_url()).status_code == 200
        assert signed_in.get(reverse("player:play-step", args=[copy.slug, 2])).status_code == 200


class TestFreeSlug:
    def test_a_slug_taken_meanwhile_is_skipped_not_a_500(self, signed_in, user, monkeypatch):
        """Two copies at once: the other request took the slug this one had picked."""
        from stretches import models

        original = make_routine(steps=1, title="Popular")
        picked = iter(["popular-my-copy-abcdef", "popular-my-copy-abcdef"])
        real = models.own_routine_slug
        make_routine(slug="popular-my-copy-abcdef", title="Taken meanwhile")

        def slow_pick(title):
            return next(picked, None) or real(title)

        monkeypatch.setattr(models, "own_routine_slug", slow_pick)
        response = signed_in.post(reverse("builder:copy", args=[original.slug]))

        assert response.status_code == 302
        copy = Routine.objects.get(owner=user)
        assert copy.slug != "popular-my-copy-abcdef"
        assert copy.slug.startswith("popular-my-copy-")
        assert copy.steps.count() == 1
