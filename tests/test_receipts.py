"""What a person records arrives once: Finish, Stop and pain ratings sent with the key their
device made when they pressed are recorded once, however often they are sent."""

import datetime
import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practice.models import PracticeSession, Receipt

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine():
    return make_routine(steps=3, title="Floor reset")


def finish_url(routine):
    return reverse("practice:record-finish", args=[routine.slug])


def stop_url(routine, number):
    return reverse("practice:record-stop", args=[routine.slug, number])


def pain_url(session):
    return reverse("practice:session-pain", args=[session.pk])


def long_ago(user):
    """Move every session of `user` out of the double-tap window: only the key can match."""
    PracticeSession.objects.filter(user=user).update(
        finished_at=timezone.now() - datetime.timedelta(hours=3)
    )


class TestReceipts:
    def test_a_finish_sent_again_hours_later_is_recorded_once(self, signed_in, user, routine):
        key = str(uuid.uuid4())
        first = signed_in.post(finish_url(routine), {"key": key})
        long_ago(user)  # the queue is sent again long after, past the double-tap window
        again = signed_in.post(finish_url(routine), {"key": key})
        assert first.status_code == again.status_code == 302
        assert first["Location"] == again["Location"]
        assert PracticeSession.objects.filter(user=user).count() == 1
        assert Receipt.objects.get().action == Receipt.Action.FINISH

    def test_a_new_key_is_a_new_press(self, signed_in, user, routine):
        signed_in.post(finish_url(routine), {"key": str(uuid.uuid4())})
        long_ago(user)
        signed_in.post(finish_url(routine), {"key": str(uuid.uuid4())})
        assert PracticeSession.objects.filter(user=user).count() == 2

    def test_a_stop_sent_again_is_recorded_once(self, signed_in, user, routine):
        key = str(uuid.uuid4())
        signed_in.post(stop_url(routine, 2), {"key": key})
        long_ago(user)
        response = signed_in.post(stop_url(routine, 2), {"key": key})
        assert response.status_code == 302
        session = PracticeSession.objects.get(user=user)
        assert (session.status, session.reached_step) == (PracticeSession.Status.STOPPED, 2)

    def test_a_rating_sent_again_never_overwrites_a_later_one(self, signed_in, user, routine):
        session = make_session(user, routine)
        first, second = str(uuid.uuid4()), str(uuid.uuid4())
        signed_in.post(pain_url(session), {"pain": "5", "key": first})
        signed_in.post(pain_url(session), {"pain": "3", "key": second})
        response = signed_in.post(pain_url(session), {"pain": "5", "key": first})
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.pain_after == 3
        assert Receipt.objects.count() == 2

    @pytest.mark.parametrize("press", ["finish", "stop", "rating"])
    def test_the_answer_names_the_press_in_its_fragment(self, signed_in, user, routine, press):
        # The device forgets what a press named only once it sees that press's answer.
        def send(**fields):
            if press == "finish":
                return signed_in.post(finish_url(routine), fields)
            if press == "stop":
                return signed_in.post(stop_url(routine, 2), fields)
            return signed_in.post(pain_url(make_session(user, routine)), {"pain": "4", **fields})

        key = str(uuid.uuid4())
        answer = send(key=key)
        assert answer.status_code == 302
        assert answer["Location"].endswith(f"#answered={key}")
        long_ago(user)
        assert "#" not in send()["Location"]  # a press without a key: no fragment

    def test_without_a_key_it_works_as_before(self, signed_in, user, routine):
        session = make_session(user, routine)
        signed_in.post(pain_url(session), {"pain": "5"})
        session.refresh_from_db()
        assert session.pain_after == 5
        assert not Receipt.objects.exists()

    @pytest.mark.parametrize("key", ["not-a-key", "1234", "x" * 500])
    def test_a_bad_key_is_a_400_and_records_nothing(self, signed_in, user, routine, key):
        response = signed_in.post(finish_url(routine), {"key": key})
        assert response.status_code == 400
        assert not PracticeSession.objects.exists()

    def test_someone_elses_key_is_a_404(self, signed_in, user, routine, django_user_model):
        other = django_user_model.objects.create_user("other", password="an-other-password")
        key = str(uuid.uuid4())
        client = Client()
        client.force_login(other)
        client.post(finish_url(routine), {"key": key})
        response = signed_in.post(finish_url(routine), {"key": key})
        assert response.status_code == 404
        assert not PracticeSession.objects.filter(user=user).exists()


def start_url(routine):
    return reverse("practice:session-start", args=[routine.slug])


MINUTES_6 = datetime.timedelta(minutes=6)


def ms(moment):
    return str(int(moment.timestamp() * 1000))


class TestStartKeptOnTheDevice:
    """Start pressed offline: kept on the device with a key and the moment pressed, sent
    later; Finish and Stop pressed offline name that Start, since no session id existed."""

    def test_a_start_sent_again_opens_one_session(self, signed_in, user, routine):
        key = str(uuid.uuid4())
        first = signed_in.post(start_url(routine), {"pain": "4", "key": key})
        PracticeSession.objects.update(started_at=timezone.now() - datetime.timedelta(hours=3))
        again = signed_in.post(start_url(routine), {"pain": "4", "key": key})
        assert first.status_code == again.status_code == 302
        assert first["Location"] == again["Location"]
        session = PracticeSession.objects.get(user=user)
        assert session.pain_before == 4
        assert Receipt.objects.get().action == Receipt.Action.START

    def test_the_session_keeps_the_moments_pressed_not_those_it_arrived(
        self, signed_in, user, routine
    ):
        started = timezone.now() - datetime.timedelta(hours=2)
        finished = started + datetime.timedelta(minutes=6)
        start_key = str(uuid.uuid4())
        signed_in.post(start_url(routine), {"pain": "5", "key": start_key, "pressed": ms(started)})
        response = signed_in.post(
            finish_url(routine),
            {"key": str(uuid.uuid4()), "start": start_key, "pressed": ms(finished)},
        )
        assert response.status_code == 302
        session = PracticeSession.objects.get(user=user)  # one session: Finish closed Start's
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.pain_before == 5
        assert abs(session.started_at - started) < datetime.timedelta(seconds=1)
        assert abs(session.finished_at - finished) < datetime.timedelta(seconds=1)
        assert session.duration.total_seconds() == pytest.approx(360, abs=1)

    def test_a_stop_names_the_start_kept_on_the_device(self, signed_in, user, routine):
        start_key = str(uuid.uuid4())
        signed_in.post(start_url(routine), {"key": start_key})
        signed_in.post(stop_url(routine, 2), {"key": str(uuid.uuid4()), "start": start_key})
        session = PracticeSession.objects.get(user=user)
        assert (session.status, session.reached_step) == (PracticeSession.Status.STOPPED, 2)

    def test_a_start_arriving_after_the_finish_that_named_it_opens_no_second_session(
        self, signed_in, user, routine
    ):
        started = timezone.now() - datetime.timedelta(hours=1)
        start_key = str(uuid.uuid4())
        finish = {"key": str(uuid.uuid4()), "start": start_key}
        signed_in.post(finish_url(routine), finish | {"pressed": ms(started + MINUTES_6)})
        response = signed_in.post(
            start_url(routine), {"pain": "3", "key": start_key, "pressed": ms(started)}
        )
        assert response.status_code == 302
        session = PracticeSession.objects.get(user=user)  # one, completed, now complete
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.pain_before == 3
        assert session.duration.total_seconds() == pytest.approx(360, abs=1)

    def test_a_late_start_does_not_join_a_newer_session(self, signed_in, user, routine):
        signed_in.post(start_url(routine), {"pain": "2"})  # a run started now, online
        late = timezone.now() - datetime.timedelta(hours=3)
        signed_in.post(start_url(routine), {"pain": "8", "pressed": ms(late)})
        assert sorted(PracticeSession.objects.values_list("pain_before", flat=True)) == [2, 8]

    def test_a_keyed_press_after_the_session_ended_is_a_401_and_records_nothing(
        self, client, user, routine
    ):
        session = make_session(user, routine)
        key = {"key": str(uuid.uuid4())}
        for url, data in [
            (start_url(routine), key),
            (finish_url(routine), key),
            (stop_url(routine, 1), key),
            (pain_url(session), key | {"pain": "3"}),
            (reverse("practice:record-pain", args=[routine.slug]), key | {"pain": "3"}),
        ]:
            response = client.post(url, data)
            assert response.status_code == 401, url
            assert b"Sign in again" in response.content
            # Without a key (a form, no JavaScript): to the sign-in page, as before.
            assert client.post(url, {"pain": "3"}).status_code == 302, url
        assert PracticeSession.objects.count() == 1
        assert not Receipt.objects.exists()

    def test_a_start_that_never_arrived_leaves_finish_recorded_on_its_own(
        self, signed_in, user, routine
    ):
        signed_in.post(finish_url(routine), {"key": str(uuid.uuid4()), "start": str(uuid.uuid4())})
        session = PracticeSession.objects.get(user=user)
        assert (session.status, session.started_at) == (PracticeSession.Status.COMPLETED, None)

    def test_someone_elses_start_is_not_closed(self, signed_in, user, routine, django_user_model):
        other = django_user_model.objects.create_user("other", password="an-other-password")
        client = Client()
        client.force_login(other)
        start_key = str(uuid.uuid4())
        client.post(start_url(routine), {"key": start_key})
        signed_in.post(finish_url(routine), {"key": str(uuid.uuid4()), "start": start_key})
        theirs = PracticeSession.objects.get(user=other)
        assert theirs.status == PracticeSession.Status.IN_PROGRESS
        mine = PracticeSession.objects.get(user=user)
        assert (mine.status, mine.started_at) == (PracticeSession.Status.COMPLETED, None)

    def test_another_routines_start_is_not_closed(self, signed_in, user, routine):
        other_routine = make_routine(steps=2, title="Evening ease")
        start_key = str(uuid.uuid4())
        signed_in.post(start_url(other_routine), {"key": start_key})
        signed_in.post(finish_url(routine), {"key": str(uuid.uuid4()), "start": start_key})
        assert PracticeSession.objects.get(routine=other_routine).status == "in_progress"
        assert PracticeSession.objects.get(routine=routine).status == "completed"

    def test_a_rating_after_names_the_finish_and_is_recorded_once(self, signed_in, user, routine):
        start_key, finish_key, rating_key = (str(uuid.uuid4()) for _ in range(3))
        signed_in.post(start_url(routine), {"pain": "6", "key": start_key})
        signed_in.post(finish_url(routine), {"key": finish_key, "start": start_key})
        url = reverse("practice:record-pain", args=[routine.slug])
        data = {"pain": "2", "key": rating_key, "finish": finish_key}
        first = signed_in.post(url, data)
        again = signed_in.post(url, data | {"pain": "9"})  # the same press, sent again
        assert first.status_code == again.status_code == 302
        session = PracticeSession.objects.get(user=user)
        assert (session.pain_before, session.pain_after) == (6, 2)
        assert Receipt.objects.filter(user=user).count() == 3

    def test_a_rating_naming_no_finish_of_yours_is_a_404(
        self, signed_in, user, routine, django_user_model
    ):
        url = reverse("practice:record-pain", args=[routine.slug])
        other = django_user_model.objects.create_user("other", password="an-other-password")
        client = Client()
        client.force_login(other)
        theirs = str(uuid.uuid4())
        client.post(finish_url(routine), {"key": theirs})
        for finish in (theirs, str(uuid.uuid4()), ""):
            response = signed_in.post(url, {"pain": "2", "finish": finish})
            assert response.status_code == 404, finish
            assert "the finished routine it belongs to has not reached us yet" in response.text
        assert PracticeSession.objects.get(user=other).pain_after is None
        assert signed_in.post(url, {"pain": "11", "finish": theirs}).status_code == 400

    @pytest.mark.parametrize(
        "pressed",
        [
            datetime.timedelta(days=30),  # kept too long: recorded when it arrives
            -datetime.timedelta(hours=1),  # a device clock in the future
        ],
    )
    def test_a_moment_far_off_is_recorded_when_it_arrives(self, signed_in, user, routine, pressed):
        before = timezone.now()
        signed_in.post(start_url(routine), {"pressed": ms(before - pressed)})
        started_at = PracticeSession.objects.get(user=user).started_at
        assert before <= started_at <= timezone.now()

    def test_a_moment_past_any_calendar_is_recorded_when_it_arrives(self, signed_in, user, routine):
        before = timezone.now()
        response = signed_in.post(start_url(routine), {"pressed": "9" * 40})
        assert response.status_code == 302
        assert before <= PracticeSession.objects.get(user=user).started_at <= timezone.now()

    def test_a_finish_pressed_before_its_start_ends_when_it_started(self, signed_in, user, routine):
        now = timezone.now()
        start_key = str(uuid.uuid4())
        signed_in.post(start_url(routine), {"key": start_key, "pressed": ms(now)})
        signed_in.post(
            finish_url(routine),
            {"start": start_key, "pressed": ms(now - datetime.timedelta(minutes=5))},
        )
        session = PracticeSession.objects.get(user=user)
        assert session.finished_at == session.started_at

    @pytest.mark.parametrize(
        "data", [{"pressed": "yesterday"}, {"pressed": "12:30"}, {"start": "not-a-key"}]
    )
    def test_a_bad_moment_or_start_key_is_a_400_and_records_nothing(
        self, signed_in, user, routine, data
    ):
        for url in (start_url(routine), finish_url(routine), stop_url(routine, 1)):
            response = signed_in.post(url, data)
            assert response.status_code == 400, url
        assert not PracticeSession.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers, so there is no race to test; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_at_once_from_four_threads_is_recorded_once(user):
    routine = make_routine(steps=3)
    session = make_session(
        user, routine, status=PracticeSession.Status.IN_PROGRESS, finished_at=None
    )
    key = str(uuid.uuid4())
    start = threading.Barrier(4)
    responses = [None] * 4

    def send(index, url, data):
        try:
            client = Client()
            client.force_login(user)
            start.wait()
            responses[index] = client.post(url, data)
        finally:
            connections.close_all()

    jobs = [(finish_url(routine), {"session": session.pk, "key": key})] * 2
    jobs += [(pain_url(session), {"pain": "4", "key": key})] * 2  # the same key, misused
    threads = [threading.Thread(target=send, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [302] * 4  # no IntegrityError, no 500
    assert Receipt.objects.count() == 1
    session.refresh_from_db()
    receipt = Receipt.objects.get()
    # Whichever came first was recorded; the others changed nothing.
    if receipt.action == Receipt.Action.FINISH:
        assert (session.status, session.pain_after) == (PracticeSession.Status.COMPLETED, None)
    else:
        assert (session.status, session.pain_after) == (PracticeSession.Status.IN_PROGRESS, 4)
