"""People's own routines are out of the admin: for editors and superusers alike."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from practice.models import Favourite
from stretches.models import Routine

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db

SECRET = "After my L4-L5 discectomy"


@pytest.fixture(params=["editor", "superuser"])
def admin_client(request, client):
    """The test client signed in as an editor, then as a superuser."""
    who = request.getfixturevalue("editor" if request.param == "editor" else "staff_user")
    client.force_login(who)
    return client


@pytest.fixture
def own(user):
    routine = make_routine(
        owner=user, is_published=False, title=SECRET, description="Ask Dr. Patel first."
    )
    add_step(routine, make_exercise(name="Hip hinge drill"))
    return routine


@pytest.fixture
def library():
    return make_routine(title="Gentle library routine", steps=1)


def versions_of(routine):
    """What `make run` does after deploying: a first version of every routine."""
    call_command("createinitialrevisions", "stretches.Routine", stdout=io.StringIO())
    return Version.objects.get_for_object(routine)


class TestRoutinePages:
    @pytest.mark.parametrize("name", ["change", "history", "delete", "compare"])
    def test_every_page_of_an_own_routine_is_404(self, admin_client, own, name):
        url = reverse(f"admin:stretches_routine_{name}", args=[own.pk])
        assert admin_client.get(url).status_code == 404

    def test_a_saved_version_of_an_own_routine_is_404(self, admin_client, own):
        version = versions_of(own).get()
        url = reverse("admin:stretches_routine_revision", args=[own.pk, version.pk])
        assert admin_client.get(url).status_code == 404

    def test_restoring_an_own_routine_version_is_refused(self, admin_client, own):
        version = versions_of(own).get()
        own.steps.update(hold_seconds=45)
        url = reverse("admin:stretches_routine_revision", args=[own.pk, version.pk])
        response = admin_client.post(url, {"title": "Taken", "slug": own.slug, "level": 1})
        assert response.status_code == 404
        own.refresh_from_db()
        assert own.title == SECRET
        assert [s.hold_seconds for s in own.steps.all()] == [45]

    def test_changing_an_own_routine_is_404_and_changes_nothing(self, admin_client, own):
        url = reverse("admin:stretches_routine_change", args=[own.pk])
        response = admin_client.post(
            url, {"title": "Changed", "slug": own.slug, "level": 1, "is_published": "on"}
        )
        assert response.status_code == 404
        own.refresh_from_db()
        assert (own.title, own.is_published) == (SECRET, False)

    def test_a_deleted_own_routine_is_not_offered_for_recovery(self, admin_client, own, library):
        versions_of(own)
        own_version = Version.objects.get_for_object(own).get()
        own.delete()
        library_version = Version.objects.get_for_object(library).get()
        library.delete()

        page = admin_client.get(reverse("admin:stretches_routine_recoverlist"))
        html = page.content.decode()
        assert page.status_code == 200
        assert "Gentle library routine" in html
        assert SECRET not in html
        recover = reverse("admin:stretches_routine_recover", args=[own_version.pk])
        assert admin_client.get(recover).status_code == 404
        recover = reverse("admin:stretches_routine_recover", args=[library_version.pk])
        assert admin_client.get(recover).status_code == 200

    def test_a_library_routine_still_opens(self, admin_client, library):
        for name in ("change", "history", "delete"):
            url = reverse(f"admin:stretches_routine_{name}", args=[library.pk])
            assert admin_client.get(url).status_code == 200, name


class TestListsAndSearch:
    def test_the_routine_list_shows_library_routines_only(self, admin_client, own, library):
        response = admin_client.get(reverse("admin:stretches_routine_changelist"))
        listed = list(response.context["cl"].result_list)
        assert library in listed
        assert own not in listed
        assert all(routine.owner_id is None for routine in listed)
        assert SECRET not in response.content.decode()

    def test_searching_never_finds_an_own_routine(self, admin_client, own):
        for term in ("discectomy", "Patel"):
            response = admin_client.get(reverse("admin:stretches_routine_changelist"), {"q": term})
            assert list(response.context["cl"].result_list) == []
            assert SECRET not in response.content.decode()

    def test_an_autocomplete_never_returns_an_own_routine(self, admin_client, own):
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "stretches",
                "model_name": "routinestep",
                "field_name": "routine",
                "term": "discectomy",
            },
        )
        assert SECRET not in response.content.decode()
        assert response.status_code in (403, 404) or response.json()["results"] == []

    def test_a_bulk_delete_cannot_include_an_own_routine(self, admin_client, own, library):
        admin_client.post(
            reverse("admin:stretches_routine_changelist"),
            {"action": "delete_selected", "_selected_action": [own.pk, library.pk], "post": "yes"},
        )
        assert Routine.objects.filter(pk=own.pk).exists()
        assert not Routine.objects.filter(pk=library.pk).exists()

    def test_the_bulk_delete_question_never_names_one(self, admin_client, own, library):
        response = admin_client.post(
            reverse("admin:stretches_routine_changelist"),
            {"action": "delete_selected", "_selected_action": [own.pk, library.pk]},
        )
        html = response.content.decode()
        assert "Gentle library routine" in html
        assert SECRET not in html


class TestWhereExercisesAreUsed:
    def test_used_in_links_library_routines_and_counts_own_ones(self, admin_client, own, user):
        exercise = own.steps.get().exercise
        library = make_routine(title="Library twist")
        add_step(library, exercise)
        add_step(make_routine(owner=user, is_published=False, title="Mine too"), exercise)

        html = admin_client.get(reverse("admin:stretches_exercise_changelist")).content.decode()

        assert reverse("admin:stretches_routine_change", args=[library.pk]) in html
        assert "Library twist</a>, 2 people&#x27;s own routines" in html
        assert SECRET not in html
        assert "Mine too" not in html

    def test_a_refused_delete_counts_own_routines_without_names(self, admin_client, own):
        exercise = own.steps.get().exercise
        url = reverse("admin:stretches_exercise_delete", args=[exercise.pk])

        html = admin_client.get(url).content.decode()
        admin_client.post(url, {"post": "yes"})

        assert "Used in 1 person&#x27;s own routine (not listed: private)" in html
        assert SECRET not in html
        assert exercise.__class__.objects.filter(pk=exercise.pk).exists()

    def test_a_refused_bulk_delete_counts_own_routines_without_names(self, admin_client, own):
        exercise = own.steps.get().exercise
        response = admin_client.post(
            reverse("admin:stretches_exercise_changelist"),
            {"action": "delete_selected", "_selected_action": [exercise.pk]},
        )
        html = response.content.decode()
        assert "1 person&#x27;s own routine" in html
        assert SECRET not in html

    def test_a_variation_an_own_routine_uses_is_kept_without_naming_it(self, admin_client, own):
        from .test_admin import exercise_data, variation_row

        step = own.steps.get()
        variation = make_variation(step.exercise, name="Slow")
        own.steps.update(variation=variation)
        exercise = step.exercise
        data = exercise_data(
            name=exercise.name,
            slug=exercise.slug,
            variations=[variation_row(variation, DELETE="on")],
        )

        response = admin_client.post(
            reverse("admin:stretches_exercise_change", args=[exercise.pk]), data
        )

        html = response.content.decode()
        assert response.status_code == 200
        assert "“Slow” cannot be deleted: it is used in 1 person&#x27;s own routine." in html
        assert SECRET not in html
        assert variation.__class__.objects.filter(pk=variation.pk).exists()


class TestPracticeDataStaysOut:
    def test_deleting_a_bookmarked_library_routine_names_nobody(self, admin_client, library, user):
        Favourite.objects.create(user=user, routine=library)
        url = reverse("admin:stretches_routine_delete", args=[library.pk])

        page = admin_client.get(url)
        html = page.content.decode()

        assert page.status_code == 200
        assert user.username not in html
        assert "Are you sure" in html  # not refused for want of a permission on bookmarks
        admin_client.post(url, {"post": "yes"})
        assert not Routine.objects.filter(pk=library.pk).exists()

    def test_practice_models_are_not_in_the_admin(self, admin_client):
        html = admin_client.get(reverse("admin:index")).content.decode()
        for hidden in ("Favourites", "Practice sessions", "Profiles"):
            assert hidden not in html
