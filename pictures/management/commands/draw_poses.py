"""Write every pose picture to static/img/poses/ (`make pictures`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from pictures.figures import render
from pictures.poses import DRAWINGS

POSES_DIR = Path(settings.BASE_DIR) / "static" / "img" / "poses"


class Command(BaseCommand):
    help = "Draw every pose picture into static/img/poses/<key>.svg."

    def handle(self, *args, **options):
        POSES_DIR.mkdir(parents=True, exist_ok=True)
        keys = set()
        for drawing in DRAWINGS:
            (POSES_DIR / f"{drawing.key}.svg").write_text(render(drawing), encoding="utf-8")
            keys.add(drawing.key)
        for stale in POSES_DIR.glob("*.svg"):
            if stale.stem not in keys:
                stale.unlink()
        self.stdout.write(f"Drew {len(keys)} pictures into {POSES_DIR}.")
