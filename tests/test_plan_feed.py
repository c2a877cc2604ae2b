"""The plan's private calendar feed: parsed back, in the person's zone, revocable."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan
from practice.models import Profile
from tests.conftest import make_routine
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(user):
    Profile.objects.create(user=user, time_zone="America/New_York")
    plan = make_plan(
        user,
        make_routine(steps=1, title="Morning stretch"),
        weekdays=[0, 2, 4],
        weeks=None,
        starts_days_ago=30,
    )
    plan.feed_time = datetime.time(7, 30)
    plan.save()
    plan.renew_feed()
    return plan


class TestFeed:
    def test_it_parses_and_lists_the_planned_days_in_the_persons_zone(self, client, plan):
        response = client.get(reverse("plans:feed", args=[plan.feed_token]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert "private" in response["Cache-Control"]
        calendar = icalendar.Calendar.from_ical(response.content)
        events = list(calendar.walk("VEVENT"))
        assert events
        zone = zoneinfo.ZoneInfo("America/New_York")
        for event in events:
            start = event.decoded("dtstart")
            assert start.astimezone(zone).time() == datetime.time(7, 30)
            assert start.astimezone(zone).weekday() in {0, 2, 4}
            assert str(event["summary"]) == "Stretch: Morning stretch"
        assert calendar.walk("VTIMEZONE")[0]["tzid"] == "America/New_York"
        days = {e.decoded("dtstart").astimezone(zone).date() for e in events}
        today = timezone.localdate(timezone.now(), zone)
        expected = {
            today + datetime.timedelta(days=n)
            for n in range(-7, 57)
            if (today + datetime.timedelta(days=n)).weekday() in {0, 2, 4}
        }
        assert days == expected

    def test_the_plan_page_offers_the_link_to_subscribe(self, signed_in, plan):
        html = signed_in.get(reverse("plans:plan")).content.decode()
        path = reverse("plans:feed", args=[plan.feed_token])
        assert f'href="webcal://testserver{path}"' in html
        assert f'value="http://testserver{path}"' in html

    def test_revoking_makes_the_old_link_404(self, signed_in, plan):
        old = plan.feed_token
        response = signed_in.post(reverse("plans:feed-settings"), {"action": "revoke"})
        assert response.status_code == 302
        assert signed_in.get(reverse("plans:feed", args=[old])).status_code == 404

    def test_renewing_makes_a_new_link_and_the_old_one_404(self, signed_in, plan):
        old = plan.feed_token
        signed_in.post(reverse("plans:feed-settings"), {"action": "renew", "time": "18:00"})
        plan.refresh_from_db()
        assert plan.feed_token != old
        assert len(plan.feed_token) >= 32
        assert plan.feed_time == datetime.time(18, 0)
        assert signed_in.get(reverse("plans:feed", args=[old])).status_code == 404
        assert signed_in.get(reverse("plans:feed", args=[plan.feed_token])).status_code == 200

    def test_a_routine_no_longer_playable_leaves_the_feed(self, client, plan):
        routine = plan.items.get().routine
        routine.is_published = False
        routine.save()
        response = client.get(reverse("plans:feed", args=[plan.feed_token]))
        assert not icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    def test_a_guessed_token_is_404(self, client, plan):
        assert client.get(reverse("plans:feed", args=["x" * 32])).status_code == 404

    def test_the_feed_rejects_post(self, client, plan):
        assert client.post(reverse("plans:feed", args=[plan.feed_token])).status_code == 405

    def test_settings_without_a_plan_is_404(self, signed_in):
        assert (
            signed_in.post(reverse("plans:feed-settings"), {"action": "renew"}).status_code == 404
        )

    def test_settings_bad_input_is_400(self, signed_in, plan):
        assert signed_in.post(reverse("plans:feed-settings"), {"action": "x"}).status_code == 400

    def test_settings_anonymous_is_sent_to_sign_in(self, client, plan):
        response = client.post(reverse("plans:feed-settings"), {"action": "revoke"})
        assert reverse("login") in response["Location"]
        assert Plan.objects.get().feed_token == plan.feed_token

    def test_someone_else_revokes_only_their_own(self, client, other_user, plan):
        make_plan(other_user, make_routine(steps=1))
        client.force_login(other_user)
        client.post(reverse("plans:feed-settings"), {"action": "revoke"})
        plan.refresh_from_db()
        assert plan.feed_token
