"""Deleting an account: confirmed with the password, and nothing of it left behind."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models.signals import post_delete
from django.test import Client
from django.urls import reverse

from practice.models import Favourite, PracticeSession, Profile

from .conftest import make_routine

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-walker-password"  # the `user` fixture's
DELETED = "Your account and all of its data have been deleted."


class TestDeleteAccount:
    def test_it_explains_what_is_deleted(self, client, user):
        client.force_login(user)
        response = client.get(reverse("delete-account"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "your favourite routines" in html
        assert "your practice history" in html
        assert 'autocomplete="current-password"' in html

    def test_it_deletes_the_user_and_signs_them_out(self, client, user, django_user_model):
        client.force_login(user)
        response = client.post(reverse("delete-account"), {"password": PASSWORD}, follow=True)
        assert response.redirect_chain == [(reverse("stretches:routine-list"), 302)]
        assert not django_user_model.objects.filter(pk=user.pk).exists()
        assert not response.context["user"].is_authenticated
        assert "_auth_user_id" not in client.session
        assert DELETED in response.content.decode()

    def test_it_deletes_favourites_and_history(self, client, user, django_user_model):
        other = django_user_model.objects.create_user("runner", password="another-long-password")
        routine = make_routine(steps=2)
        for person in (user, other):
            Favourite.objects.create(user=person, routine=routine)
            PracticeSession.start(person, routine)
        client.force_login(user)
        client.post(reverse("delete-account"), {"password": PASSWORD})
        assert list(Favourite.objects.values_list("user__username", flat=True)) == ["runner"]
        assert list(PracticeSession.objects.values_list("user__username", flat=True)) == ["runner"]

    def test_it_deletes_the_sign_in_records(self, client, user, django_user_model, settings):
        settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
        other = django_user_model.objects.create_user("runner", password="another-long-password")
        for username in ("walker", "runner"):
            client.post(reverse("login"), {"username": username, "password": "wrong"})
        client.post(reverse("login"), {"username": "walker", "password": PASSWORD})
        client.logout()
        client.force_login(other)
        client.logout()
        assert AccessLog.objects.filter(username="walker").exists()
        assert AccessFailureLog.objects.filter(username="walker").exists()
        client.post(reverse("login"), {"username": "walker", "password": "wrong"})
        assert AccessAttempt.objects.filter(username="walker").exists()

        client.force_login(user)
        client.post(reverse("delete-account"), {"password": PASSWORD})

        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            assert not model.objects.filter(username="walker").exists()
        assert AccessAttempt.objects.filter(username="runner").exists()
        assert AccessFailureLog.objects.filter(username="runner").exists()

    def test_a_wrong_password_deletes_nothing(self, client, user, django_user_model):
        client.force_login(user)
        response = client.post(reverse("delete-account"), {"password": "not-the-password"})
        assert response.status_code == 200
        assert response.context["form"].errors["password"] == [
            "That password is not right, so nothing has been deleted. Please try again."
        ]
        assert 'aria-describedby="id_password_helptext id_password_error"' in (
            response.content.decode()
        )
        assert django_user_model.objects.filter(pk=user.pk).exists()
        assert response.context["user"].is_authenticated

    def test_a_missing_password_deletes_nothing(self, client, user, django_user_model):
        client.force_login(user)
        response = client.post(reverse("delete-account"), {})
        assert response.context["form"].errors["password"] == ["This field is required."]
        assert django_user_model.objects.filter(pk=user.pk).exists()

    def test_it_sends_anonymous_visitors_to_sign_in(self, client, user, django_user_model):
        url = reverse("delete-account")
        for response in (client.get(url), client.post(url, {"password": PASSWORD})):
            assert response.status_code == 302
            assert response["Location"] == f"{reverse('login')}?next={url}"
        assert django_user_model.objects.filter(pk=user.pk).exists()

    def test_it_rejects_put(self, client, user, django_user_model):
        client.force_login(user)
        response = client.put(reverse("delete-account"), {"password": PASSWORD})
        assert response.status_code == 405
        assert django_user_model.objects.filter(pk=user.pk).exists()

    def test_it_deletes_the_time_zone_setting(self, client, user):
        Profile.objects.create(user=user, time_zone="Europe/Paris")
        client.force_login(user)
        client.post(reverse("delete-account"), {"password": PASSWORD})
        assert not Profile.objects.exists()

    def test_a_failed_deletion_leaves_the_person_signed_in(self, user, django_user_model):
        # A fault inside the transaction (after the user row is gone, before the commit).
        def fail(sender, instance, **kwargs):
            raise RuntimeError("the database went away")

        client = Client(raise_request_exception=False)
        client.force_login(user)
        post_delete.connect(fail, sender=django_user_model, dispatch_uid="test-fail-delete")
        try:
            response = client.post(reverse("delete-account"), {"password": PASSWORD})
        finally:
            post_delete.disconnect(dispatch_uid="test-fail-delete", sender=django_user_model)
        assert response.status_code == 500
        assert django_user_model.objects.filter(pk=user.pk).exists()
        # Logged out only after the deletion commits: still signed in, free to try again.
        assert client.session.get("_auth_user_id") == str(user.pk)
        assert client.get(reverse("account")).status_code == 200


class TestWhatTheDeviceKept:
    """Clear-Site-Data: the device forgets the person's saved pages, queue and worker when
    they sign out or delete their account, and only then."""

    CLEAR = '"cache", "storage"'

    def test_signing_out_clears_the_device(self, client, user):
        client.force_login(user)
        assert client.post(reverse("logout"))["Clear-Site-Data"] == self.CLEAR

    def test_deleting_the_account_clears_the_device(self, client, user):
        client.force_login(user)
        response = client.post(reverse("delete-account"), {"password": PASSWORD})
        assert response.status_code == 302
        assert response["Clear-Site-Data"] == self.CLEAR

    def test_a_refused_deletion_clears_nothing(self, client, user):
        client.force_login(user)
        response = client.post(reverse("delete-account"), {"password": "not-the-password"})
        assert response.status_code == 200
        assert "Clear-Site-Data" not in response

    def test_pages_clear_nothing(self, client, user):
        client.force_login(user)
        for url in (
            reverse("account"),
            reverse("delete-account"),
            reverse("stretches:routine-list"),
        ):
            assert "Clear-Site-Data" not in client.get(url), url
