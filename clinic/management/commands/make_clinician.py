"""Make an existing account a clinician: in the "Clinicians" group, which adds My patients.

Not staff: a clinician need not edit the library (that is the Editors group)."""

from django.core.management.base import BaseCommand

from backlog.groups import account_and_group
from clinic.models import CLINICIANS


class Command(BaseCommand):
    help = (
        "Give USERNAME the My patients pages (the Clinicians group). "
        "The person signs up first at /accounts/signup/."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true", help="Take My patients away again.")

    def handle(self, username, remove=False, **options):
        user, clinicians = account_and_group(username, CLINICIANS)
        if remove:
            user.groups.remove(clinicians)
            self.stdout.write(
                f"{username} is no longer a clinician. Their patients' shares stay until the "
                "patients revoke them, but nothing is shown while they are not a clinician."
            )
            return
        user.groups.add(clinicians)
        self.stdout.write(
            f"{username} is a clinician: My patients is at /clinic/ (and on their account page)."
        )
