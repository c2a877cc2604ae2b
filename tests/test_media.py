"""Uploaded pictures are served (backlog.views.media when DEBUG is off), and only pictures."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stretches.models import Exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def body(response):
    return b"".join(response.streaming_content)


class TestMedia:
    def test_a_picture_uploaded_through_the_admin_is_served(self, client, media_root, staff_user):
        client.force_login(staff_user)
        picture = SimpleUploadedFile("sphinx.png", png_bytes(), content_type="image/png")
        response = client.post(
            reverse("admin:stretches_exercise_add"),
            {
                "name": "Sphinx pose",
                "slug": "sphinx-pose",
                "kind": "mobility",
                "summary": "Round and arch the back.",
                "instructions": "Kneel.\nRound.\nArch.",
                "equipment": "none",
                "difficulty": 1,
                "picture": picture,
                "picture_alt": "A person on all fours with a rounded back.",
                "picture_author": "A. Drawer",
                "picture_licence": "CC BY 4.0",
                "safety_notes": "Move slowly.",
                "avoid_if": "Skip it if kneeling hurts.",
                "variations-TOTAL_FORMS": 0,
                "variations-INITIAL_FORMS": 0,
                "rules-TOTAL_FORMS": 0,
                "rules-INITIAL_FORMS": 0,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        exercise = Exercise.objects.get(slug="sphinx-pose")
        client.logout()

        page = client.get(exercise.get_absolute_url())
        assert f'src="{exercise.picture.url}"' in page.content.decode()
        assert "img-src 'self'" in page["Content-Security-Policy"]

        response = client.get(exercise.picture.url)
        assert response.status_code == 200
        # Stored as the admin prepared it: re-encoded as WebP (tests/test_picture_uploads.py).
        assert response["Content-Type"] == "image/webp"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert Image.open(io.BytesIO(body(response))).size == (4, 3)

    def test_a_picture_saved_with_full_clean_is_served_and_cacheable(self, signed_in, media_root):
        exercise = Exercise(
            name="Sphinx",
            slug="sphinx",
            summary="Rest on the forearms.",
            instructions="Lie on the front.",
            safety_notes="Move slowly.",
            avoid_if="Skip it if lying on your front hurts.",
            picture=SimpleUploadedFile("sphinx.png", png_bytes(), content_type="image/png"),
            picture_alt="A person resting on the forearms.",
            picture_author="A. Drawer",
            picture_licence="CC BY 4.0",
        )
        exercise.full_clean()
        exercise.save()
        assert exercise.picture.url.startswith("/media/pictures/sphinx")

        response = signed_in.get(exercise.picture.url)
        assert response.status_code == 200
        # The same for everyone, so cacheable even for a signed-in person.
        assert response["Cache-Control"] == "public, max-age=86400"

    def test_a_missing_picture_is_a_404(self, client, media_root):
        assert client.get("/media/pictures/nothing-here.png").status_code == 404

    @pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js", "noextension"])
    def test_it_never_serves_anything_but_pictures(self, client, media_root, name):
        (media_root / name).write_text("<script>alert(1)</script>")
        assert client.get(f"/media/{name}").status_code == 404

    @pytest.mark.parametrize(
        ("path", "status"),
        [
            ("/media/../manage.py", 404),
            ("/media/%2e%2e/pyproject.png", 404),
            ("/media/pictures/%00.png", 400),  # NUL in any URL: backlog.middleware
        ],
    )
    def test_it_never_leaves_the_media_folder(self, client, media_root, path, status):
        (media_root.parent / "pyproject.png").write_bytes(png_bytes())
        assert client.get(path).status_code == status

    def test_it_rejects_post(self, client, media_root):
        (media_root / "a.png").write_bytes(png_bytes())
        assert client.post("/media/a.png").status_code == 405
