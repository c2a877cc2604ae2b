"""Shares, the access log and prescriptions are personal: not in the admin, for editors and
superusers alike."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from clinic.models import AccessLog, Invitation, PrescribedRung, Prescription, Share

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Share, AccessLog, Invitation, Prescription, PrescribedRung])
def test_clinic_models_are_not_in_the_admin(model):
    assert not admin.site.is_registered(model)
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:clinic_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("who", ["editor", "staff_user"])
def test_the_admin_index_lists_nothing_of_the_clinic(request, client, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("admin:index")).content.decode()
    assert "/admin/clinic/" not in page
    assert client.get("/admin/clinic/share/").status_code == 404
