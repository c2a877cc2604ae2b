"""A person's time zone: detected on sign-up and sign-in, changeable on the account page."""

import pytest
from django.test import Client
from django.urls import reverse

from practice.models import Profile

pytestmark = pytest.mark.django_db

URL = reverse("practice:time-zone")
PASSWORD = "a-long-walker-password"  # the `user` fixture's


class TestTimeZone:
    def test_it_saves_the_chosen_zone(self, signed_in, user):
        response = signed_in.post(URL, {"time_zone": "America/Los_Angeles"})
        assert response.status_code == 302
        assert response["Location"] == reverse("account") + "#time-zone"
        assert Profile.objects.get(user=user).time_zone == "America/Los_Angeles"

    def test_it_changes_a_zone_already_set(self, signed_in, user):
        Profile.objects.create(user=user, time_zone="Europe/London")
        signed_in.post(URL, {"time_zone": "Asia/Tokyo"})
        assert Profile.objects.get(user=user).time_zone == "Asia/Tokyo"

    @pytest.mark.parametrize("zone", ["", "Mars/Olympus", "../../etc/passwd", "x" * 5000])
    def test_it_refuses_a_zone_not_in_the_list(self, signed_in, user, zone):
        response = signed_in.post(URL, {"time_zone": zone})
        assert response.status_code == 400
        assert not Profile.objects.exists()
        if zone:
            assert "Choose a time zone from the list" in response.content.decode()

    def test_it_sends_a_visitor_to_sign_in(self, client):
        response = client.post(URL, {"time_zone": "Asia/Tokyo"})
        assert response.status_code == 302
        assert not Profile.objects.exists()

    def test_it_rejects_get(self, signed_in):
        assert signed_in.get(URL).status_code == 405

    def test_it_rejects_a_post_without_a_csrf_token(self, user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(URL, {"time_zone": "Asia/Tokyo"}).status_code == 403
        assert not Profile.objects.exists()


class TestAccountPage:
    def test_it_offers_every_zone_with_the_current_one_chosen(self, signed_in, user):
        Profile.objects.create(user=user, time_zone="America/Los_Angeles")
        html = signed_in.get(reverse("account")).content.decode()
        assert f'action="{URL}"' in html
        assert '<option value="America/Los_Angeles" selected>' in html
        assert '<option value="Pacific/Auckland">' in html
        assert '<label for="id_time_zone">Your time zone</label>' in html

    def test_without_a_zone_it_says_the_servers_is_used(self, signed_in):
        html = signed_in.get(reverse("account")).content.decode()
        assert "Not set yet: your days are counted in UTC time." in html
        assert '<option value="UTC" selected>' in html


class TestDetection:
    def test_sign_up_keeps_the_zone_the_browser_reported(self, client, django_user_model):
        password = "quiet-harbour-lantern-47"
        client.post(
            reverse("signup"),
            {
                "username": "newcomer",
                "email": "newcomer@example.com",
                "password1": password,
                "password2": password,
                "time_zone": "America/Los_Angeles",
            },
        )
        user = django_user_model.objects.get(username="newcomer")
        assert Profile.objects.get(user=user).time_zone == "America/Los_Angeles"

    def test_sign_in_keeps_it_when_none_is_set(self, client, user):
        data = {"username": "walker", "password": PASSWORD, "time_zone": "Asia/Kolkata"}
        assert client.post(reverse("login"), data).status_code == 302
        assert Profile.objects.get(user=user).time_zone == "Asia/Kolkata"

    def test_sign_in_never_overrides_a_chosen_zone(self, client, user):
        Profile.objects.create(user=user, time_zone="Europe/London")
        data = {"username": "walker", "password": PASSWORD, "time_zone": "Asia/Kolkata"}
        client.post(reverse("login"), data)
        assert Profile.objects.get(user=user).time_zone == "Europe/London"

    @pytest.mark.parametrize("zone", ["", "Nowhere/Special", "<script>"])
    def test_an_unknown_or_missing_zone_is_ignored(self, client, user, zone):
        data = {"username": "walker", "password": PASSWORD, "time_zone": zone}
        assert client.post(reverse("login"), data).status_code == 302
        assert not Profile.objects.exists()

    @pytest.mark.parametrize("name", ["signup", "login"])
    def test_the_forms_carry_a_hidden_zone_filled_by_a_static_module(self, client, name):
        html = client.get(reverse(name)).content.decode()
        assert '<input type="hidden" name="time_zone" value="" data-time-zone>' in html
        assert 'src="/static/js/time-zone.js"' in html
