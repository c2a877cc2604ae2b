"""An exercise's page: instructions, why it helps, variations, safety, credited media."""

import pytest
from django.core.files.base import ContentFile

from stretches.models import Exercise

from .conftest import EMERGENCY_SIGNS, make_exercise, make_variation, urgent_signs_text
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

    def test_the_urgent_signs_follow_when_not_to_do_it(self, client):
        exercise = make_exercise(avoid_if="You have had a hip replacement.")
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert html.index("You have had a hip replacement.") < html.index('class="urgent-signs"')
        urgent = urgent_signs_text(html)
        for sign in EMERGENCY_SIGNS:
            assert sign in urgent, sign

    def test_it_says_when_an_exercise_is_beyond_the_article(self, client):
        ours = make_exercise(beyond_article=True)
        theirs = make_exercise()
        assert "not in the article" in client.get(ours.get_absolute_url()).content.decode()
        assert "not in the article" not in client.get(theirs.get_absolute_url()).content.decode()

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

    def test_it_shows_the_drawing_and_each_variation_that_differs(self, client, starter_library):
        exercise = Exercise.objects.get(slug="standing-side-bend")
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert 'src="/static/img/poses/standing-side-bend.svg"' in html
        for key in ("seated-side-bend", "standing-side-bend-weight", "standing-side-bend-twist"):
            assert f'src="/static/img/poses/{key}.svg"' in html
        assert "A light weight is held in the hand on the side you bend towards" in html

    def test_a_variation_in_the_same_position_gets_no_picture_of_its_own(
        self, client, starter_library
    ):
        exercise = Exercise.objects.get(slug="pigeon-pose")
        make_variation(exercise, name="Slower", ladder=1)
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "Slower" in html
        assert html.count("/static/img/poses/pigeon-pose.svg") == 1
        assert html.count("/static/img/poses/reclined-figure-four.svg") == 1

    def test_an_uploaded_picture_replaces_the_drawing_with_its_credit(
        self, client, starter_library
    ):
        exercise = Exercise.objects.get(slug="pigeon-pose")
        exercise.picture = "pictures/pigeon.jpg"
        exercise.picture_alt = "A physio in pigeon pose."
        exercise.picture_author = "A. Photographer"
        exercise.picture_licence = "CC BY 4.0"
        exercise.save()
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "img/poses/pigeon-pose.svg" not in html
        assert 'src="/media/pictures/pigeon.jpg"' in html
        assert 'alt="A physio in pigeon pose."' in html
        assert "by A. Photographer" in html
        assert "img/poses/reclined-figure-four.svg" not in html  # the upload stands for all

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
