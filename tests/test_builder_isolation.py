"""Every builder URL: anonymous visitors sign in, others get 404, wrong methods 405, CSRF 403."""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(user):
    routine = make_routine(owner=user, is_published=False)
    step = add_step(routine, make_exercise(slug="knee-hug"))
    return routine, step


def urls(routine, step):
    """(url name, url, a method it refuses, its real method, POST data)."""
    slug = routine.slug
    return [
        ("edit", reverse("builder:edit", args=[slug]), "PUT", "get", {}),
        ("export", reverse("builder:export", args=[slug]), "POST", "get", {}),
        ("delete", reverse("builder:delete", args=[slug]), "PUT", "post", {}),
        ("share", reverse("builder:share", args=[slug]), "GET", "post", {"share": "on"}),
        (
            "step-add",
            reverse("builder:step-add", args=[slug]),
            "GET",
            "post",
            {"exercise": "knee-hug"},
        ),
        ("step-save", reverse("builder:step-save", args=[slug, step.pk]), "GET", "post", {}),
        (
            "step-move",
            reverse("builder:step-move", args=[slug, step.pk]),
            "GET",
            "post",
            {"direction": "up"},
        ),
        ("step-delete", reverse("builder:step-delete", args=[slug, step.pk]), "GET", "post", {}),
    ]


NAMES = ["edit", "export", "delete", "step-add", "step-save", "step-move", "step-delete"]


class TestBuilderIsolation:
    @pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
    def test_someone_else_gets_404(self, client, other_user, own, index):
        _, url, _, method, data = urls(*own)[index]
        client.force_login(other_user)
        assert getattr(client, method)(url, data).status_code == 404

    @pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
    def test_anonymous_visitor_is_sent_to_sign_in(self, client, own, index):
        _, url, _, method, data = urls(*own)[index]
        response = getattr(client, method)(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    @pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
    def test_wrong_method_is_405(self, signed_in, own, index):
        _, url, wrong, _, _ = urls(*own)[index]
        assert signed_in.generic(wrong, url).status_code == 405

    @pytest.mark.parametrize("index", range(2, len(NAMES)), ids=NAMES[2:])
    def test_post_without_csrf_token_is_403(self, user, own, index):
        _, url, _, method, data = urls(*own)[index]
        assert method == "post"
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(url, data).status_code == 403

    @pytest.mark.parametrize(
        "url",
        [reverse("builder:new"), reverse("builder:import"), reverse("builder:copy", args=["x"])],
    )
    def test_routine_less_urls_need_sign_in_and_csrf(self, client, user, url):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        csrf_client = Client(enforce_csrf_checks=True)
        csrf_client.force_login(user)
        assert csrf_client.post(url).status_code == 403
        client.force_login(user)
        assert client.put(url).status_code == 405

    def test_copy_of_someone_elses_routine_is_404(self, client, other_user, own):
        client.force_login(other_user)
        url = reverse("builder:copy", args=[own[0].slug])
        assert client.post(url).status_code == 404

    def test_a_step_of_another_routine_is_404(self, signed_in, user, own):
        mine_too = make_routine(owner=user, is_published=False)
        url = reverse("builder:step-save", args=[mine_too.slug, own[1].pk])
        assert signed_in.post(url, {}).status_code == 404
