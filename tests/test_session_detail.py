"""One practice session: visible to its owner only, with the pain-after form until rated."""

import pytest
from django.urls import reverse

from practice.models import PracticeSession

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db


def detail_url(session_or_pk):
    pk = getattr(session_or_pk, "pk", session_or_pk)
    return reverse("practice:session-detail", args=[pk])


@pytest.fixture
def session(user):
    return make_session(
        user,
        make_routine(steps=3, title="Hip opener"),
        status=PracticeSession.Status.STOPPED,
        reached_step=2,
        pain_before=5,
    )


class TestSessionDetail:
    def test_the_owner_sees_it_with_the_pain_after_form(self, client, user, session):
        client.force_login(user)
        response = client.get(detail_url(session))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>Hip opener</h1>" in html
        assert "Stopped at step 2 of 3" in html
        assert "<dt>Pain before</dt><dd>5</dd>" in html
        assert f'action="{reverse("practice:session-pain", args=[session.pk])}"' in html
        assert f'<input type="hidden" name="next" value="{detail_url(session)}">' in html
        assert session.routine.get_absolute_url() in html

    def test_a_rated_session_has_no_pain_form(self, client, user, session):
        session.pain_after = 2
        session.save()
        client.force_login(user)
        html = client.get(detail_url(session)).content.decode()
        assert "<dt>Pain after</dt><dd>2</dd>" in html
        assert reverse("practice:session-pain", args=[session.pk]) not in html

    def test_an_unfinished_session_has_no_pain_form(self, client, user):
        started = PracticeSession.start(user, make_routine(steps=1))
        client.force_login(user)
        html = client.get(detail_url(started)).content.decode()
        assert "Started, not finished" in html
        assert reverse("practice:session-pain", args=[started.pk]) not in html

    def test_a_session_of_a_deleted_routine_keeps_its_title(self, client, user, session):
        session.routine.delete()
        client.force_login(user)
        response = client.get(detail_url(session))
        assert response.status_code == 200
        assert "<h1>Hip opener</h1>" in response.content.decode()
        assert "Do this routine again" not in response.content.decode()

    def test_someone_else_gets_404(self, client, other_user, session):
        client.force_login(other_user)
        response = client.get(detail_url(session))
        assert response.status_code == 404
        assert "Hip opener" not in response.content.decode()

    def test_an_unknown_session_is_404(self, client, user):
        client.force_login(user)
        assert client.get(detail_url(999999)).status_code == 404

    def test_it_sends_a_visitor_to_sign_in(self, client, session):
        response = client.get(detail_url(session))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={detail_url(session)}"

    def test_it_rejects_post(self, client, user, session):
        client.force_login(user)
        assert client.post(detail_url(session)).status_code == 405
