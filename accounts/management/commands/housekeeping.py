"""Delete what the site no longer needs: expired sessions, and sign-in records (django-axes)
older than --days. Safe to run at any time, from cron or a systemd timer (README)."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Delete expired sessions and sign-in records older than --days (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Keep sign-in records this long.")

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days must be 1 or more.")
            raise SystemExit(2)
        call_command("clearsessions")
        cutoff = timezone.now() - timedelta(days=days)
        deleted = {
            model.__name__: model.objects.filter(attempt_time__lt=cutoff).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        }
        self.stdout.write(
            "Cleared expired sessions; deleted sign-in records older than "
            f"{days} days: " + ", ".join(f"{name} {count}" for name, count in deleted.items())
        )
