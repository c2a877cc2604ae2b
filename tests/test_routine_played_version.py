"""After an edit mid-routine: poses added before where the person is are offered, and the
finish page and the recorded session describe the version the person played."""

import pytest
from django.urls import reverse

from practice.models import PracticeSession
from stretches.models import Routine, RoutineStep, RoutineVersion
from stretches.signals import forget_kept_versions

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db


def fresh(routine):
    return Routine.objects.with_steps().get(pk=routine.pk)


def play_url(routine, number, move):
    url = reverse("player:play-step", args=[routine.slug, number])
    return f"{url}?v={routine.version}&at={move.key}"


@pytest.fixture
def routine():
    """Knee hug, twist, bridge, sphinx: four poses of 30 s."""
    routine = make_routine(title="Evening ease")
    for name in ("Knee hug", "Supine twist", "Bridge", "Sphinx"):
        add_step(routine, make_exercise(name=name))
    # The test's edits come later, as an editor's would, in a transaction of their own
    # (here the whole test is one transaction, so say so).
    forget_kept_versions()
    return fresh(routine)


class TestKeptVersions:
    def test_an_edit_keeps_the_version_before_it(self, routine):
        before = routine.version
        step = routine.steps.get(exercise__name="Bridge")
        step.hold_seconds = 45
        step.save()

        kept = RoutineVersion.objects.get(routine=routine, version=before)
        assert [m["name"] for m in kept.moves] == ["Knee hug", "Supine twist", "Bridge", "Sphinx"]
        assert [m["hold"] for m in kept.moves] == [30, 30, 30, 30]
        assert kept.moves[2]["key"] == routine.timeline()[2].key

    def test_an_admin_save_of_many_steps_keeps_one_version(self, client, staff_user, routine):
        from .test_admin import routine_data, step_row

        before = routine.version
        RoutineVersion.objects.all().delete()
        client.force_login(staff_user)
        rows = [step_row(step, hold_seconds=20) for step in routine.steps.all()]
        url = reverse("admin:stretches_routine_change", args=[routine.pk])
        assert client.post(url, routine_data(routine, steps=rows)).status_code == 302

        assert list(
            RoutineVersion.objects.filter(routine=routine).values_list("version", flat=True)
        ) == [before]

    def test_sharing_keeps_nothing(self, routine, user):
        routine.owner = user
        routine.save()
        RoutineVersion.objects.all().delete()
        routine.share()
        assert not RoutineVersion.objects.exists()

    def test_only_the_last_ten_are_kept(self, routine):
        step = routine.steps.first()
        for hold in range(31, 45):
            forget_kept_versions()  # each edit its own request
            step.hold_seconds = hold
            step.save()
        assert RoutineVersion.objects.filter(routine=routine).count() == RoutineVersion.KEEP


class TestAddedBeforeYou:
    def test_a_pose_added_before_where_you_are_is_named_and_offered(self, client, routine):
        at_bridge = play_url(routine, 3, routine.timeline()[2])  # done: knee hug, twist
        add_step(routine, make_exercise(name="Bottom-to-heels"), order=0)

        html = client.get(at_bridge).content.decode()

        assert "This routine was just updated" in html
        assert "Added since you started" in html
        new = fresh(routine)
        heels = new.timeline()[0]
        assert heels.name == "Bottom-to-heels"
        link = reverse("player:play-step", args=[routine.slug, 1])
        assert f'href="{link}?v={new.version}&amp;at={heels.key}"' in html
        assert "<span>Bottom-to-heels, step 1 —</span>" in html
        assert 'data-added="Bottom-to-heels"' in html

    def test_a_pose_moved_earlier_is_named_too(self, client, routine):
        at_bridge = play_url(routine, 3, routine.timeline()[2])
        sphinx = routine.steps.get(exercise__name="Sphinx")
        sphinx.order = 0  # now first: the person at the bridge has not done it
        sphinx.save()

        html = client.get(at_bridge).content.decode()

        assert "Added since you started" in html
        assert 'data-added="Sphinx"' in html

    def test_poses_already_done_are_not_offered_again(self, client, routine):
        at_bridge = play_url(routine, 3, routine.timeline()[2])
        step = routine.steps.get(exercise__name="Knee hug")
        step.hold_seconds = 40  # changed, but done already
        step.save()

        html = client.get(at_bridge).content.decode()

        assert "This routine was just updated" in html
        assert "Added since you started" not in html

    def test_nothing_is_offered_when_the_old_version_was_not_kept(self, client, routine):
        at_bridge = play_url(routine, 3, routine.timeline()[2])
        add_step(routine, make_exercise(name="Bottom-to-heels"), order=0)
        RoutineVersion.objects.all().delete()

        html = client.get(at_bridge).content.decode()

        assert "This routine was just updated" in html
        assert "Added since you started" not in html


class TestTheVersionPlayed:
    def test_the_finish_link_carries_the_version_played(self, client, routine):
        last = routine.timeline()[-1]
        html = client.get(play_url(routine, 4, last)).content.decode()
        finish = reverse("player:well-done", args=[routine.slug])
        assert f'href="{finish}?v={routine.version}"' in html

    def test_the_finish_page_describes_the_version_played(self, client, routine):
        played = routine.version
        routine.steps.get(exercise__name="Sphinx").delete()
        for name in ("Cat–camel rock", "Heel slide"):
            add_step(routine, make_exercise(name=name), hold_seconds=60)

        finish = reverse("player:well-done", args=[routine.slug])
        html = client.get(f"{finish}?v={played}").content.decode()

        assert "This page describes the version you did" in html
        assert "4 moves in 2 min of holds and rests" in html
        steps = html[html.index('<ol class="steps">') : html.index("</ol>")]
        assert "Sphinx" in steps
        assert "Heel slide" not in steps

    def test_the_recorded_session_is_the_version_played(self, signed_in, user, routine):
        signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "3"})
        started = PracticeSession.objects.get(user=user)
        played = routine.version
        RoutineStep.objects.filter(routine=routine, exercise__name="Sphinx").delete()

        response = signed_in.post(
            reverse("practice:record-finish", args=[routine.slug]),
            {"session": str(started.pk), "v": played},
        )

        session = PracticeSession.objects.get(pk=started.pk)
        assert session.status == PracticeSession.Status.COMPLETED
        assert (session.step_count, session.reached_step) == (4, 4)  # not the new 3
        assert session.routine_version == played
        assert f"v={played}" in response["Location"]
        page = signed_in.get(response["Location"]).content.decode()
        assert "4 moves in 2 min of holds and rests" in page

    def test_an_unchanged_routine_records_its_version(self, signed_in, user, routine):
        signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "3"})
        started = PracticeSession.objects.get(user=user)
        response = signed_in.post(
            reverse("practice:record-finish", args=[routine.slug]),
            {"session": str(started.pk), "v": routine.version},
        )
        session = PracticeSession.objects.get(pk=started.pk)
        assert session.routine_version == routine.version
        assert "v=" not in response["Location"]

    def test_the_last_steps_finish_form_carries_the_version(self, signed_in, routine):
        last = routine.timeline()[-1]
        html = signed_in.get(play_url(routine, 4, last)).content.decode()
        assert f'<input type="hidden" name="v" value="{routine.version}">' in html
