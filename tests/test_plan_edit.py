"""Setting a plan: up to three routines, a rhythm each."""

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.conftest import make_routine
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db
URL = reverse("plans:plan-edit")


def rows(*routines, **extra):
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"}
    for n in range(3):
        data[f"form-{n}-times_per_day"] = "1"
    for n, (routine, days, times, weeks) in enumerate(routines):
        data[f"form-{n}-routine"] = str(routine.pk)
        data[f"form-{n}-weekdays"] = [str(d) for d in days]
        data[f"form-{n}-times_per_day"] = str(times)
        data[f"form-{n}-weeks"] = "" if weeks is None else str(weeks)
    return data | extra


class TestPlanEdit:
    def test_the_form_offers_the_default(self, signed_in, starter_library):
        response = signed_in.get(URL)
        first = response.context["formset"].forms[0]
        assert first.initial["routine"].slug == "gentle-basics"
        assert first.initial["weeks"] == 6

    def test_it_saves_up_to_three_routines_with_their_rhythm(self, signed_in, user):
        a, b, c = (make_routine(steps=1) for _ in range(3))
        data = rows((a, [0, 2, 4], 1, 6), (b, range(7), 2, None), (c, [5], 3, 1))
        assert signed_in.post(URL, data).status_code == 302
        items = list(Plan.objects.get(user=user).items.all())
        assert [i.routine for i in items] == [a, b, c]
        assert items[0].rhythm() == "Once a day, Monday, Wednesday, Friday, for 6 weeks"
        assert items[1].rhythm() == "Twice a day, every day, with no end"
        assert items[2].rhythm() == "Three times a day, Saturday, for 1 weeks"

    def test_a_fourth_routine_is_refused(self, signed_in, user):
        routines = [make_routine(steps=1) for _ in range(4)]
        data = rows(*[(r, [0], 1, 1) for r in routines[:3]])
        data |= {
            "form-TOTAL_FORMS": "4",
            "form-3-routine": str(routines[3].pk),
            "form-3-weekdays": "0",
            "form-3-times_per_day": "1",
        }
        assert signed_in.post(URL, data).status_code == 400
        assert not Plan.objects.exists()

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"form-0-weekdays": []}, "Choose at least one day"),
            ({"form-0-weeks": "0"}, "greater than or equal to 1"),
            ({"form-0-times_per_day": "4"}, "Select a valid choice"),
            ({"form-0-routine": "999999"}, "Choose a routine from the list"),
        ],
    )
    def test_bad_input_gets_a_clear_message(self, signed_in, user, change, message):
        data = rows((make_routine(steps=1), [0], 1, 6)) | change
        response = signed_in.post(URL, data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not Plan.objects.exists()

    def test_the_same_routine_twice_is_refused(self, signed_in, user):
        a = make_routine(steps=1)
        response = signed_in.post(URL, rows((a, [0], 1, 6), (a, [1], 1, 6)))
        assert "Choose each routine once" in response.content.decode()

    def test_someone_elses_own_routine_cannot_be_planned(self, signed_in, other_user):
        theirs = make_routine(steps=1, owner=other_user, is_published=False)
        response = signed_in.post(URL, rows((theirs, [0], 1, 6)))
        assert response.status_code == 400
        assert not Plan.objects.exists()

    def test_their_own_routine_can_be_planned(self, signed_in, user):
        mine = make_routine(steps=1, owner=user, is_published=False)
        assert signed_in.post(URL, rows((mine, [0], 1, 6))).status_code == 302

    def test_a_routine_kept_in_the_plan_keeps_its_start(self, signed_in, user):
        a = make_routine(steps=1)
        plan = make_plan(user, a, starts_days_ago=10)
        started = plan.items.get().starts_on
        signed_in.post(URL, rows((a, [0], 2, 6)))
        assert plan.items.get().starts_on == started

    def test_anonymous_visitor_is_sent_to_sign_in(self, client):
        assert reverse("login") in client.get(URL)["Location"]

    def test_it_rejects_put(self, signed_in):
        assert signed_in.put(URL).status_code == 405
