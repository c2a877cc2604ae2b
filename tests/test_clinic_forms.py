"""The clinic's forms read like the rest of the site's: labels without Django's trailing
colon (the plan's and goals' forms write theirs by hand, without one)."""

import inspect
import re

import pytest
from django import forms
from django.urls import reverse

from clinic import forms as clinic_forms
from stretches.models import Routine

from .clinic_factories import make_clinician, make_share
from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


def labels(html):
    """The text of every <label> and <legend>, tags removed."""
    found = re.findall(r"<(label|legend)\b[^>]*>(.*?)</\1>", html, re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for _, text in found]


def with_colon(html):
    return [text for text in labels(html) if text.endswith(":")]


@pytest.fixture
def physio():
    return make_clinician("physio")


class TestClinicFormLabels:
    def test_the_link_form_has_no_colons(self, signed_in):
        html = signed_in.get(reverse("clinic:link")).content.decode()
        assert "Invitation code" in labels(html)
        assert "My goals" in labels(html)
        assert with_colon(html) == []

    def test_the_link_form_with_errors_has_no_colons(self, signed_in):
        response = signed_in.post(reverse("clinic:link"), {"code": "??", "starts_on": "x"})
        assert response.status_code == 400
        assert with_colon(response.content.decode()) == []

    def test_the_prescribe_form_has_no_colons(self, client, user, physio):
        make_share(user, physio)
        exercise = make_exercise(name="Seated twist")
        make_variation(exercise, ladder=-1, name="Small twist")
        routine = make_routine(title="Twists", is_published=True)
        add_step(routine, exercise)
        client.force_login(physio)
        url = reverse("clinic:prescribe", args=[user.pk])
        for page in [url, f"{url}?routine={routine.pk}"]:
            html = client.get(page).content.decode()
            assert labels(html), page
            assert with_colon(html) == [], page
        html = client.get(f"{url}?routine={routine.pk}").content.decode()
        assert "Rung for Seated twist" in labels(html)
        assert "Keep Seated twist on this rung" in labels(html)
        assert "Note for your patient" in labels(html)

    def test_every_clinic_form_drops_the_colon(self, user):
        """A form added to clinic/forms.py later gets it too, whatever its template does."""
        classes = [
            c
            for _, c in inspect.getmembers(clinic_forms, inspect.isclass)
            if issubclass(c, forms.BaseForm) and c.__module__ == clinic_forms.__name__
        ]
        assert {c.__name__ for c in classes} >= {"LinkForm", "PrescribeForm", "RevokeForm"}
        for form_class in classes:
            needs_routines = form_class is clinic_forms.PrescribeForm
            form = form_class(**({"routines": Routine.objects.none()} if needs_routines else {}))
            assert form.label_suffix == "", form_class.__name__
            for field in form:
                assert not field.label_tag().endswith(":</label>"), field.name
