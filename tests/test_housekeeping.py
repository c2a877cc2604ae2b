"""`manage.py housekeeping`: expired sessions and old sign-in records go, the rest stay."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def attempt(model, days_ago, **fields):
    row = model.objects.create(
        user_agent=f"ua-{model.__name__}-{days_ago}",
        ip_address="127.0.0.1",
        username="walker",
        http_accept="*/*",
        path_info="/accounts/login/",
        **fields,
    )
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))
    return row


def test_it_deletes_expired_sessions_and_old_sign_in_records_only(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="x", expire_date=now - timedelta(days=1))
    Session.objects.create(
        session_key="live", session_data="x", expire_date=now + timedelta(days=1)
    )
    old = attempt(AccessAttempt, 40, get_data="", post_data="", failures_since_start=3)
    recent = attempt(AccessAttempt, 2, get_data="", post_data="", failures_since_start=1)
    log = attempt(AccessLog, 40)

    out = io.StringIO()
    call_command("housekeeping", "--days", "30", stdout=out)

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessLog.objects.filter(pk=log.pk).exists()
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert "AccessAttempt 1" in out.getvalue()


def test_it_refuses_zero_days():
    with pytest.raises(SystemExit):
        call_command("housekeeping", "--days", "0", stderr=io.StringIO())
