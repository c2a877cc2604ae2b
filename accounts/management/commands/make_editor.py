"""Make an existing account an editor: staff, in the "Editors" group, not a superuser."""

from django.core.management.base import BaseCommand

from backlog.groups import account_and_group

EDITORS = "Editors"


class Command(BaseCommand):
    help = (
        "Let USERNAME edit exercises and routines in the admin (staff, in the Editors group). "
        "The person signs up first at /accounts/signup/."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--remove", action="store_true", help="Take editing away again (and staff status)."
        )

    def handle(self, username, remove=False, **options):
        user, editors = account_and_group(username, EDITORS)
        if remove:
            user.groups.remove(editors)
            if not user.is_superuser:
                user.is_staff = False
                user.save(update_fields=["is_staff"])
            self.stdout.write(f"{username} is no longer an editor.")
            return
        user.groups.add(editors)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        self.stdout.write(
            f"{username} is an editor: they can sign in at /admin/ and edit exercises and routines."
        )
