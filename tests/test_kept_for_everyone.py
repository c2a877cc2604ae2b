"""Signed-in pages reuse the parts that are the same for everyone (stretches/fragments.py,
`{% for_everyone %}`): nothing personal goes in, each person still sees their own parts,
and an edit of the content shows at the next request."""

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from practice.models import Favourite, PracticeSession
from stretches import pagecache
from stretches.models import CautionRule, Condition, HealthAnswer

from .conftest import make_routine, make_variation
from .plan_factories import make_plan

pytestmark = pytest.mark.django_db

HOME = reverse("stretches:routine-list")
KEPT = '{% load fragments %}{% for_everyone "test" key shown=shown %}[{{ shown }}|{{ user }}|{{ csrf_token }}|{{ request.path }}]{% endfor_everyone %}'  # noqa: E501


def render(template, **context):
    return Template(template).render(Context(context))


class TestTheTag:
    def test_it_sees_only_what_it_is_given(self):
        html = render(KEPT, key=1, shown="content", user="Ann", csrf_token="secret-token")
        assert html == "[content|||]"

    def test_kept_until_the_pages_generation_changes(self):
        assert render(KEPT, key=1, shown="first") == "[first|||]"
        assert render(KEPT, key=1, shown="second") == "[first|||]"  # kept
        assert render(KEPT, key=2, shown="second") == "[second|||]"  # another key
        pagecache.new_pages_generation()  # what any save of the content does
        assert render(KEPT, key=1, shown="second") == "[second|||]"

    def test_a_wrong_tag_is_a_template_error(self):
        from django.template import TemplateSyntaxError

        for wrong in ("{% for_everyone %}{% endfor_everyone %}", '{% for_everyone "x" a=1 b %}'):
            with pytest.raises(TemplateSyntaxError):
                Template("{% load fragments %}" + wrong)


def signed_in_client(user):
    client = Client()
    client.force_login(user)
    return client


def pressed(html, routine):
    """The bookmark button's aria-pressed for `routine` on a page."""
    return re.search(rf'id="favourite-{routine.slug}"[^>]*aria-pressed="(\w+)"', html).group(1)


class TestEachPersonTheirOwn:
    def test_bookmarks_and_today_on_the_list(self, user, other_user, without_starter_routines):
        liked = make_routine(steps=2, title="Zebra stretch")
        Favourite.objects.create(user=user, routine=liked)
        make_plan(user, liked)
        mine, theirs = signed_in_client(user), signed_in_client(other_user)
        for _ in range(2):  # the second round from the kept parts
            html = mine.get(HOME).content.decode()
            assert pressed(html, liked) == "true"
            assert "Your bookmarked routines" in html
            assert "A plan helps" not in html
            html = theirs.get(HOME).content.decode()
            assert pressed(html, liked) == "false"
            assert "Your bookmarked routines" not in html
            assert "A plan helps" in html
            assert ">Zebra stretch</a>" in html

    def test_a_person_whose_condition_applies_gets_their_own_steps(self, user, other_user):
        routine = make_routine(steps=2, title="Knees routine")
        exercise = routine.steps.first().exercise
        easier = make_variation(exercise, name="Pillow under knees")
        knees = Condition.objects.create(name="Knee trouble", slug="t-knees", explanation="x")
        CautionRule.objects.create(
            exercise=exercise, condition=knees, action="avoid", instead=easier
        )
        HealthAnswer.objects.create(user=user, condition=knees, applies=True)
        HealthAnswer.objects.create(user=other_user, condition=knees, applies=False)
        page = routine.get_absolute_url()
        for _ in range(2):
            theirs = signed_in_client(other_user).get(page)
            assert "Pillow under knees" not in theirs.content.decode()
            mine = signed_in_client(user).get(page)
            assert "Pillow under knees" in mine.content.decode()
            assert "private" in mine["Cache-Control"]

    def test_each_player_page_carries_its_own_session(self, user, other_user):
        routine = make_routine(steps=3)
        ids = {}
        for person in (user, other_user):
            ids[person.pk] = PracticeSession.start(person, routine).pk
        for _ in range(2):
            for person, other in ((user, other_user), (other_user, user)):
                path = reverse("player:play-step", args=[routine.slug, 2])
                path += f"?session={ids[person.pk]}&c=0"
                html = signed_in_client(person).get(path).content.decode()
                assert f"session={ids[person.pk]}&amp;" in html
                assert f"session={ids[other.pk]}&amp;" not in html
                assert not re.search(r"slot[0-9a-f]{32}", html)  # every slot filled
                # Every step's link and stop page in the page's timeline, and its Finish.
                timeline = re.search(r"<ol hidden data-timeline.*?</ol>", html).group(0)
                assert timeline.count(f"session={ids[person.pk]}&amp;") == 2 * 3 + 1


class TestAnEditShowsAtOnce:
    def test_on_the_signed_in_list_routine_page_and_player(self, user):
        routine = make_routine(steps=2, title="Morning unknot")
        exercise = routine.steps.first().exercise
        client = signed_in_client(user)
        player = reverse("player:play-step", args=[routine.slug, 1]) + "?c=0"
        pages = (HOME, routine.get_absolute_url(), player)
        for page in pages:
            client.get(page)
        routine.title = "Evening unknot"
        routine.save()
        exercise.name = "Renamed pose"
        exercise.save()
        for page in pages:
            html = client.get(page).content.decode()
            assert "Evening unknot" in html, page
            assert "Morning unknot" not in html, page
        assert "Renamed pose" in client.get(routine.get_absolute_url()).content.decode()
        assert "Renamed pose" in client.get(player).content.decode()
