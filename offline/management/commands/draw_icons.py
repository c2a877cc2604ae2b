from django.core.management.base import BaseCommand

from offline.icons import draw_all


class Command(BaseCommand):
    help = "Draw the home-screen icons into static/img/icons/."

    def handle(self, *args, **options):
        for path in draw_all():
            self.stdout.write(f"wrote {path}")
