"""Pictures editors upload: 10 MB at most, stored at most 2,000 px without EXIF, and kept
across a form that came back with errors. Real files, encoded by Pillow."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw

from stretches.models import Exercise

from .test_admin import exercise_data, saved_rows

pytestmark = pytest.mark.django_db

CREDIT = {"picture_alt": "On all fours.", "picture_author": "Ann", "picture_licence": "CC BY 4.0"}


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    return client


def photo(width, height, orientation=None, gps=True):
    """A JPEG with smooth shapes (like a photo of a person on a mat) and EXIF with GPS."""
    image = Image.new("RGB", (width, height), (200, 190, 170))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, max(1, width // 40)):
        draw.line([(i, 0), (width - i, height)], fill=(120 + i % 100, 90, 60), width=6)
    draw.ellipse([width // 4, height // 4, width // 2, height // 2], fill=(40, 80, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def noise_png(width, height):
    """Random pixels compress to nothing: a PNG of about width × height × 3 bytes."""
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(out, "PNG")
    return out.getvalue()


def upload(content, name="cat.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add(client, picture=None, **fields):
    data = exercise_data(**(CREDIT | fields))
    if picture is not None:
        data["picture"] = picture
    return client.post(reverse("admin:stretches_exercise_add"), data)


def stored(exercise):
    exercise.picture.open("rb")
    try:
        data = exercise.picture.read()
    finally:
        exercise.picture.close()
    return data, Image.open(io.BytesIO(data))


class TestSize:
    def test_a_file_over_10_mb_is_refused_with_its_size(self, editor_client):
        big = noise_png(2100, 1800)
        assert len(big) > 10 * 1024 * 1024
        before = saved_rows()

        response = add(editor_client, upload(big, "big.png", "image/png"))

        errors = response.context["adminform"].form.errors["picture"]
        assert errors[0].startswith(f"This file is {len(big) / 1024 / 1024:.1f} MB;")
        assert "a picture may be at most 10 MB" in errors[0]
        assert saved_rows() == before

    def test_a_large_photo_is_stored_at_most_2000_px_and_small(self, editor_client):
        response = add(editor_client, upload(photo(4100, 3000)))

        assert response.status_code == 302
        data, image = stored(Exercise.objects.get(slug="sphinx-pose"))
        assert image.format == "WEBP"
        assert image.size == (2000, 1463)
        assert len(data) < 400 * 1024

    def test_a_small_picture_keeps_its_size(self, editor_client):
        add(editor_client, upload(photo(640, 480)))
        _, image = stored(Exercise.objects.get(slug="sphinx-pose"))
        assert image.size == (640, 480)

    def test_a_transparent_png_stays_transparent(self, editor_client):
        out = io.BytesIO()
        Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG")
        add(editor_client, upload(out.getvalue(), "line.png", "image/png"))
        _, image = stored(Exercise.objects.get(slug="sphinx-pose"))
        assert image.mode == "RGBA"


class TestMetadata:
    def test_exif_and_gps_are_removed(self, editor_client):
        original = photo(1200, 900)
        assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # it had GPS

        add(editor_client, upload(original))

        data, image = stored(Exercise.objects.get(slug="sphinx-pose"))
        assert not image.getexif()
        assert "exif" not in image.info
        assert b"PhoneMaker" not in data
        assert b"EXIF" not in data
        assert b"Exif" not in data

    def test_a_photo_taken_sideways_is_stored_upright(self, editor_client):
        add(editor_client, upload(photo(3000, 2000, orientation=6)))  # "rotate 90° to view"
        _, image = stored(Exercise.objects.get(slug="sphinx-pose"))
        assert image.size == (1333, 2000)

    def test_a_file_that_is_not_a_picture_is_refused(self, editor_client):
        response = add(editor_client, upload(b"not a picture at all", "cat.png", "image/png"))
        assert "picture" in response.context["adminform"].form.errors
        assert not Exercise.objects.filter(slug="sphinx-pose").exists()


class TestKeptAcrossErrors:
    def test_a_picture_chosen_on_a_refused_form_is_shown_and_saved_next_time(
        self, editor_client, tmp_path
    ):
        first = add(editor_client, upload(photo(800, 600)), picture_licence="")

        html = first.content.decode()
        form = first.context["adminform"].form
        assert form.errors["picture"] == ["Its credit is not complete: see the fields below."]
        assert form.errors["picture_licence"] == ["Give the picture's licence."]
        assert "This picture is kept from your last try" in html
        token = form.kept_token
        assert f'name="picture_kept" value="{token}"' in html
        kept_files = list((tmp_path / "pictures" / "kept").iterdir())
        assert len(kept_files) == 1
        assert f"/media/pictures/kept/{kept_files[0].name}" in html

        data = exercise_data(**CREDIT) | {"picture_kept": token}
        second = editor_client.post(reverse("admin:stretches_exercise_add"), data)

        assert second.status_code == 302
        exercise = Exercise.objects.get(slug="sphinx-pose")
        assert exercise.picture.name.startswith("pictures/")
        assert not exercise.picture.name.startswith("pictures/kept/")
        _, image = stored(exercise)
        assert image.size == (800, 600)

    def test_a_forged_token_keeps_nothing(self, editor_client):
        data = exercise_data(**CREDIT) | {"picture_kept": "pictures/kept/../../etc/passwd"}
        response = editor_client.post(reverse("admin:stretches_exercise_add"), data)
        # No picture: the credit fields alone are fine, and nothing was attached.
        assert response.status_code == 302
        assert not Exercise.objects.get(slug="sphinx-pose").picture

    def test_the_kept_copy_goes_once_the_form_saves(
        self, editor_client, tmp_path, django_capture_on_commit_callbacks
    ):
        first = add(editor_client, upload(photo(800, 600)), picture_licence="")
        token = first.context["adminform"].form.kept_token
        data = exercise_data(**CREDIT) | {"picture_kept": token}
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(reverse("admin:stretches_exercise_add"), data)
        assert list((tmp_path / "pictures" / "kept").iterdir()) == []
        assert Exercise.objects.get(slug="sphinx-pose").picture
