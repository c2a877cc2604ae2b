"""The urgent signs page: three tiers, the emergency first, and who to call."""

import pytest
from django.urls import reverse

from .conftest import EMERGENCY_SIGNS, footer_text, numbers_in, urgent_signs_text

pytestmark = pytest.mark.django_db

URL = "/urgent-signs/"


class TestUrgentSigns:
    def test_it_lists_the_three_tiers_emergency_first(self, client):
        response = client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        tiers = [
            html.index('id="urgent-emergency"'),
            html.index('id="urgent-same-day"'),
            html.index('id="urgent-before-carrying-on"'),
        ]
        assert tiers == sorted(tiers)
        emergency = html[tiers[0] : tiers[1]]
        for sign in EMERGENCY_SIGNS:
            assert sign in emergency, sign
        # Each tier lists its signs.
        for tier in ("emergency", "same-day", "before-carrying-on"):
            assert f'<ul data-tier="{tier}">' in html

    def test_it_is_reached_by_name(self):
        assert reverse("stretches:urgent-signs") == URL

    def test_it_names_the_configured_numbers(self, client, settings):
        settings.EMERGENCY_NUMBER = "112"
        settings.URGENT_ADVICE = "the 116 117 medical line"
        urgent = urgent_signs_text(client.get(URL).content.decode())
        assert "Call 112 now" in urgent
        assert "Contact your doctor or the 116 117 medical line the same day" in urgent

    def test_by_default_it_names_no_country_number(self, client):
        html = client.get(URL).content.decode()
        urgent = urgent_signs_text(html)
        assert "Call your local emergency number now" in urgent
        assert "Contact your doctor or your local non-emergency medical line" in urgent
        assert numbers_in(urgent) == {"20", "50"}  # "under 20 or over 50" only
        assert numbers_in(footer_text(html)) == set()

    def test_every_page_footer_links_here(self, client):
        footer = client.get(reverse("stretches:routine-list")).content.decode()
        assert f'href="{URL}"' in footer[footer.index('<footer class="site-footer">') :]
        assert "Call your local emergency number now" in footer_text(footer)

    def test_it_rejects_post(self, client):
        assert client.post(URL).status_code == 405
