"""Pain after: one tap rates how the back feels once the routine is done."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

BAD_RATING = "Choose a number from 0 (no pain) to 10 (worst pain)."


def pain_url(session_or_pk):
    pk = getattr(session_or_pk, "pk", session_or_pk)
    return reverse("practice:session-pain", args=[pk])


@pytest.fixture
def session(user):
    return make_session(user, make_routine(steps=2, title="Cat and cow"), pain_before=6)


class TestSessionPain:
    def test_it_saves_the_rating_and_goes_to_the_history(self, signed_in, session):
        response = signed_in.post(pain_url(session), {"pain": "3"})
        assert response.status_code == 302
        assert response["Location"] == reverse("practice:history")
        session.refresh_from_db()
        assert session.pain_after == 3
        assert session.pain_before == 6
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert messages == ["Thank you. Your rating is saved in your history."]

    def test_it_keeps_a_rating_of_zero(self, signed_in, session):
        signed_in.post(pain_url(session), {"pain": "0"})
        session.refresh_from_db()
        assert session.pain_after == 0

    def test_it_goes_back_to_a_safe_next(self, signed_in, session):
        response = signed_in.post(
            pain_url(session), {"pain": "", "next": session.get_absolute_url()}
        )
        assert response["Location"] == session.get_absolute_url()

    def test_it_ignores_an_unsafe_next(self, signed_in, session):
        response = signed_in.post(pain_url(session), {"pain": "", "next": "https://evil.example/"})
        assert response["Location"] == reverse("practice:history")

    def test_skipping_changes_nothing(self, signed_in, session):
        session.pain_after = 4
        session.save()
        response = signed_in.post(pain_url(session), {"pain": ""})
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.pain_after == 4
        assert list(get_messages(response.wsgi_request)) == []

    @pytest.mark.parametrize("pain", ["11", "-1", "abc"])
    def test_it_refuses_a_bad_rating_and_changes_nothing(self, signed_in, session, pain):
        session.pain_after = 4
        session.save()
        response = signed_in.post(pain_url(session), {"pain": pain})
        assert response.status_code == 400
        html = response.content.decode()
        assert BAD_RATING in html
        assert session.get_absolute_url() in html
        session.refresh_from_db()
        assert session.pain_after == 4

    def test_someone_else_gets_404_and_changes_nothing(self, client, other_user, session):
        client.force_login(other_user)
        assert client.post(pain_url(session), {"pain": "9"}).status_code == 404
        session.refresh_from_db()
        assert session.pain_after is None

    def test_an_unknown_session_is_404(self, signed_in):
        assert signed_in.post(pain_url(999999), {"pain": "1"}).status_code == 404

    def test_it_sends_a_visitor_to_sign_in(self, client, session):
        response = client.post(pain_url(session), {"pain": "2"})
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={pain_url(session)}"
        session.refresh_from_db()
        assert session.pain_after is None

    def test_it_rejects_get(self, signed_in, session):
        assert signed_in.get(pain_url(session), {"pain": "2"}).status_code == 405
        session.refresh_from_db()
        assert session.pain_after is None

    def test_it_rejects_a_post_without_a_csrf_token(self, user, session):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(pain_url(session), {"pain": "2"}).status_code == 403
        session.refresh_from_db()
        assert session.pain_after is None
