"""An exercise's page: instructions, why it helps, variations, safety, credited media."""

import pytest
from django.core.files.base import ContentFile

from .conftest import make_exercise, make_variation
from .test_media import png_bytes

pytestmark = pytest.mark.django_db


class TestExerciseDetail:
    def test_it_shows_the_exercise_and_its_ladder(self, client):
        exercise = make_exercise(
            name="Test pigeon",
            instructions="Start on all fours.\n\nSlide one knee forward.",
            why_it_helps="Opens the hips.",
            safety_notes="Keep the front knee comfortable.",
            avoid_if="You have had a hip replacement.",
            target_areas="hips, lower back",
        )
        make_variation(exercise, name="Reclined figure four", ladder=-1)
        make_variation(exercise, name="Deeper fold", ladder=1, show_in_person_first=True)
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "<li>Start on all fours.</li><li>Slide one knee forward.</li>" in html
        assert "Opens the hips." in html
        assert "Keep the front knee comfortable." in html
        assert "You have had a hip replacement." in html
        assert "hips, lower back" in html
        assert html.index("Reclined figure four") < html.index("Deeper fold")
        assert "Best shown by a professional in person" in html

    def test_a_video_link_carries_its_credit(self, client):
        exercise = make_exercise(
            video_url="https://video.example/twist",
            video_title="Gentle twists",
            video_author="A. Physio",
            video_licence="Standard licence",
        )
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert 'href="https://video.example/twist"' in html
        assert "Gentle twists" in html
        assert "by A. Physio" in html
        assert "Standard licence" in html

    def test_a_javascript_link_saved_through_the_orm_is_never_a_link(self, client):
        exercise = make_exercise(
            video_url="javascript:alert(document.cookie)",
            video_title="Gentle twists",
            video_author="A. Physio",
            video_licence="Standard licence",
        )
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "javascript:" not in html.lower()
        assert "Gentle twists" not in html

    def test_a_javascript_picture_source_is_left_out_but_the_credit_stays(
        self, client, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        exercise = make_exercise(
            picture_alt="A twist.",
            picture_author="A. Drawer",
            picture_licence="CC BY 4.0",
            picture_source_url="javascript:alert(1)",
        )
        exercise.picture.save("twist.png", ContentFile(png_bytes()), save=True)
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "by A. Drawer" in html
        assert "javascript:" not in html.lower()
        assert ">source</a>" not in html

    def test_it_404s_for_an_unknown_exercise(self, client):
        assert client.get("/exercises/nope/").status_code == 404

    def test_it_rejects_post(self, client):
        assert client.post(make_exercise().get_absolute_url()).status_code == 405

    def test_query_count_is_fixed(self, client, django_assert_max_num_queries):
        exercise = make_exercise()
        for ladder in (-3, -2, -1, 1, 2):
            make_variation(exercise, ladder=ladder)
        with django_assert_max_num_queries(2):
            client.get(exercise.get_absolute_url())
