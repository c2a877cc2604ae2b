"""Prescribe: a library routine or one the clinician built, its rhythm, a rung per exercise
(locked or not) and a note; the patient accepts it into their plan or declines; a locked
rung is never suggested away."""

import datetime
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import Prescription
from plans import progress
from plans.models import PlanRoutine, Rung
from stretches.models import Routine

from .clinic_factories import make_clinician, make_share
from .conftest import add_step, make_exercise, make_routine, make_session, make_variation
from .plan_factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def physio():
    return make_clinician("physio")


@pytest.fixture
def ladder_routine():
    exercise = make_exercise(name="Seated twist")
    easier = make_variation(exercise, ladder=-1, name="Small twist")
    harder = make_variation(exercise, ladder=1, name="Deep twist")
    routine = make_routine(title="Twists", is_published=True)
    add_step(routine, exercise)
    return routine, exercise, easier, harder


def prescribe(client, patient, routine, exercise=None, variation=None, locked=False, **extra):
    data = {
        "routine": routine.pk,
        "weekdays": ["0", "2", "4"],
        "times_per_day": 2,
        "weeks": 4,
        "note": "Keep the twist small this week",
    }
    if exercise is not None:
        data[f"rung_{exercise.pk}"] = str(variation.pk) if variation else ""
        if locked:
            data[f"locked_{exercise.pk}"] = "on"
    data.update(extra)
    return client.post(reverse("clinic:prescribe", args=[patient.pk]), data)


class TestPrescribe:
    def test_the_choice_lists_library_and_own_routines(self, client, physio, user, ladder_routine):
        make_share(user, physio)
        mine = make_routine(steps=1, owner=physio, is_published=False, title="Physio's own")
        make_routine(steps=1, owner=user, is_published=False, title="Patient's own")
        client.force_login(physio)
        page = client.get(reverse("clinic:prescribe", args=[user.pk])).content.decode()
        assert "Twists" in page
        assert f'value="{mine.pk}">Physio&#x27;s own (yours)' in page
        assert "Patient&#x27;s own" not in page
        assert reverse("builder:new") in page

    def test_the_form_offers_each_rung_and_the_lock(self, client, physio, user, ladder_routine):
        routine, _exercise, _easier, _harder = ladder_routine
        make_share(user, physio)
        client.force_login(physio)
        url = reverse("clinic:prescribe", args=[user.pk])
        page = client.get(url, {"routine": routine.pk}).content.decode()
        assert "Small twist (rung -1)" in page
        assert "Deep twist (rung 1)" in page
        assert "Keep Seated twist on this rung" in page

    def test_it_saves_a_prescription(self, client, physio, user, ladder_routine):
        routine, exercise, easier, _ = ladder_routine
        make_share(user, physio)
        client.force_login(physio)
        response = prescribe(client, user, routine, exercise, easier, locked=True)
        assert response.status_code == 302
        p = Prescription.objects.get()
        assert (p.patient, p.routine, p.times_per_day, p.weeks) == (user, routine, 2, 4)
        assert p.rhythm() == "Twice a day, Monday, Wednesday, Friday, for 4 weeks"
        rung = p.rungs.get()
        assert (rung.exercise, rung.variation, rung.locked) == (exercise, easier, True)

    @pytest.mark.parametrize(
        ("field", "value"),
        [("weekdays", []), ("times_per_day", 9), ("weeks", 99), ("note", "a\x07b")],
    )
    def test_bad_input_is_a_form_error(self, client, physio, user, ladder_routine, field, value):
        routine, exercise, easier, _ = ladder_routine
        make_share(user, physio)
        client.force_login(physio)
        response = prescribe(client, user, routine, exercise, easier, **{field: value})
        assert response.status_code == 400
        assert not Prescription.objects.exists()
        # Said on the page, by the field (the rhythm's fields are the plan form's own).
        message = response.context["form"].errors[field][0]
        assert escape(message) in response.content.decode()

    def test_a_variation_of_another_exercise_is_refused(self, client, physio, user, ladder_routine):
        routine, exercise, *_ = ladder_routine
        stranger = make_variation(make_exercise(name="Other"), ladder=1)
        make_share(user, physio)
        client.force_login(physio)
        response = prescribe(client, user, routine, **{f"rung_{exercise.pk}": str(stranger.pk)})
        assert response.status_code == 400


class TestAnswer:
    def make(self, client, physio, user, ladder_routine, locked=True):
        routine, exercise, easier, _ = ladder_routine
        make_share(user, physio)
        client.force_login(physio)
        prescribe(client, user, routine, exercise, easier, locked=locked)
        client.force_login(user)
        return Prescription.objects.get()

    def test_the_patient_sees_it_on_their_plan(self, client, physio, user, ladder_routine):
        self.make(client, physio, user, ladder_routine)
        page = client.get(reverse("plans:plan")).content.decode()
        assert "From your physiotherapist" in page
        assert "Keep the twist small this week" in page
        assert "Seated twist: Small twist — stay on it until you see them" in page

    def test_accepting_puts_it_in_the_plan_with_its_rungs(
        self, client, physio, user, ladder_routine
    ):
        p = self.make(client, physio, user, ladder_routine)
        routine, exercise, easier, _ = ladder_routine
        response = client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "accept"})
        assert response.status_code == 302
        item = PlanRoutine.objects.get(plan__user=user)
        assert (item.routine, item.times_per_day, item.weeks) == (routine, 2, 4)
        rung = Rung.objects.get(user=user, exercise=exercise)
        assert (rung.variation, rung.locked) == (easier, True)
        p.refresh_from_db()
        assert p.status == "accepted"
        assert "From your physiotherapist" not in client.get(reverse("plans:plan")).content.decode()

    def test_accepting_twice_does_it_once(self, client, physio, user, ladder_routine):
        p = self.make(client, physio, user, ladder_routine)
        client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "accept"})
        second = client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "accept"})
        assert second.status_code == 404
        assert PlanRoutine.objects.filter(plan__user=user).count() == 1

    def test_declining_leaves_the_plan(self, client, physio, user, ladder_routine):
        p = self.make(client, physio, user, ladder_routine)
        client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "decline"})
        p.refresh_from_db()
        assert p.status == "declined"
        assert not PlanRoutine.objects.exists()
        assert not Rung.objects.exists()

    def test_a_bad_answer_changes_nothing(self, client, physio, user, ladder_routine):
        p = self.make(client, physio, user, ladder_routine)
        client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "maybe"})
        p.refresh_from_db()
        assert p.status == "pending"

    def test_someone_else_cannot_answer(self, client, physio, user, other_user, ladder_routine):
        p = self.make(client, physio, user, ladder_routine)
        client.force_login(other_user)
        assert (
            client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "accept"}).status_code
            == 404
        )

    def test_a_full_plan_says_so(self, client, physio, user, ladder_routine):
        p = self.make(client, physio, user, ladder_routine)
        make_plan(user, *(make_routine(steps=1, is_published=True) for _ in range(3)))
        response = client.post(
            reverse("clinic:answer", args=[p.pk]), {"answer": "accept"}, follow=True
        )
        assert "remove one, then accept" in response.content.decode()
        p.refresh_from_db()
        assert p.status == "pending"

    def test_a_built_routine_is_copied_for_the_patient(self, client, physio, user):
        exercise = make_exercise(name="Knee hug")
        built = make_routine(owner=physio, is_published=False, title="Built for you")
        add_step(built, exercise)
        make_share(user, physio)
        client.force_login(physio)
        prescribe(client, user, built)
        client.force_login(user)
        p = Prescription.objects.get()
        client.post(reverse("clinic:answer", args=[p.pk]), {"answer": "accept"})
        item = PlanRoutine.objects.get(plan__user=user)
        assert item.routine != built
        assert item.routine.owner == user
        assert item.routine.title == "Built for you"
        assert Routine.objects.visible_to(user).playable().filter(pk=item.routine.pk).exists()


class TestLockedRung:
    def test_a_locked_rung_is_never_suggested_away(self, user, ladder_routine):
        routine, exercise, _easier, _ = ladder_routine
        make_plan(user, routine, starts_days_ago=10)
        since = timezone.now() - datetime.timedelta(days=20)
        Rung.objects.create(user=user, exercise=exercise, variation=None, locked=True, since=since)
        make_session(user, routine, days_ago=1, pain_before=2, pain_after=8)  # red
        (ladder,) = progress.ladders(user, progress.load_plan(user))
        assert ladder.suggestion.direction == "stay"
        assert ladder.locked
        assert "physiotherapist" in ladder.suggestion.reason
        # The same without the lock: the red asks for easier.
        Rung.objects.filter(user=user).update(locked=False)
        (ladder,) = progress.ladders(user, progress.load_plan(user))
        assert ladder.suggestion.direction == "easier"

    def test_the_plan_page_says_why_and_offers_no_move(self, signed_in, user, ladder_routine):
        routine, exercise, easier, _ = ladder_routine
        make_plan(user, routine, starts_days_ago=10)
        Rung.objects.create(user=user, exercise=exercise, variation=easier, locked=True)
        for days in (3, 2, 1):
            make_session(user, routine, days_ago=days, pain_before=2, pain_after=1)
        page = signed_in.get(reverse("plans:plan")).content.decode()
        assert "Your physiotherapist set this rung" in page
        assert reverse("plans:ladder-answer", args=[exercise.pk]) not in page
        response = signed_in.post(
            reverse("plans:ladder-answer", args=[exercise.pk]),
            {"answer": "accept", "direction": "harder"},
        )
        assert response.status_code == 302
        assert Rung.objects.get(user=user).variation == easier
