"""No duplicates under double submits: one open tie per pair and kind (whichever side
proposed it), one open invitation per actor and address – held by database constraints, so
two requests at the same moment give one record and one clear answer."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from quartier.actors.models import Invitation, Tie
from quartier.actors.services import add_member, propose_tie
from quartier.actors.tests.factories import ActorFactory, MembershipFactory, TieFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_open_tie_in_either_direction():
    a, b = ActorFactory(), ActorFactory()
    TieFactory(source=a, target=b, kind="cooperation", status="unconfirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        TieFactory(source=b, target=a, kind="cooperation", status="confirmed")
    TieFactory(source=b, target=a, kind="funding")  # another kind is another tie
    Tie.objects.filter(kind="cooperation").update(status="rejected")
    TieFactory(source=b, target=a, kind="cooperation")  # after a rejection it may come again


def test_a_lost_race_in_the_service_answers_besteht_bereits(monkeypatch):
    """The check before saving passed (the other proposal had not committed yet), the
    constraint refuses: the service answers with the same clear message."""
    a, b = ActorFactory(), ActorFactory()
    user = MembershipFactory(actor=a, role="admin").user
    TieFactory(source=b, target=a, kind="cooperation", status="unconfirmed")
    monkeypatch.setattr(Tie.objects, "filter", lambda *args, **kwargs: Tie.objects.none())
    with pytest.raises(ValidationError) as raised:
        propose_tie(Tie(source=a, target=b, kind="cooperation"), by=user)
    assert "besteht bereits" in " ".join(raised.value.messages)
    assert Tie.objects.count() == 1


def test_inviting_the_same_address_twice_keeps_one_open_invitation(rf):
    actor = ActorFactory()
    admin = MembershipFactory(actor=actor, role="admin").user
    for _round in range(2):
        add_member(actor, "neu@beispiel.example", "editor", by=admin, absolute_url=str)
    assert Invitation.objects.filter(actor=actor).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(actor=actor, email="neu@beispiel.example", token="zweites")


def _race(work, rounds: int = 2):
    """Runs `work` in two threads (two database connections) released at the same moment."""
    barrier = threading.Barrier(rounds)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            outcomes.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(rounds)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_proposals_of_the_same_tie_give_one_tie(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections are tested on PostgreSQL")
    a, b = ActorFactory(), ActorFactory()
    user_a = MembershipFactory(actor=a, role="admin").user
    user_b = MembershipFactory(actor=b, role="admin").user
    # Widen the window between "does it exist?" and saving, so that without the constraint
    # both proposals would pass the check.
    save = Tie.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Tie, "save", slow_save)
    users = iter([(user_a, a, b), (user_b, b, a)])  # from both sides at once
    lock = threading.Lock()

    def propose() -> str:
        with lock:
            user, source, target = next(users)
        try:
            propose_tie(Tie(source=source, target=target, kind="cooperation"), by=user)
            return "proposed"
        except ValidationError as error:
            return " ".join(error.messages)

    outcomes = _race(propose)
    assert outcomes[1] == "proposed"
    assert outcomes[0] == "Diese Beziehung besteht bereits oder wartet auf Bestätigung."
    assert Tie.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_invitations_of_the_same_address_give_one(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections are tested on PostgreSQL")
    actor = ActorFactory()
    admin = MembershipFactory(actor=actor, role="admin").user

    def invite() -> str:
        add_member(actor, "neu@beispiel.example", "editor", by=admin, absolute_url=str)
        return "invited"

    assert _race(invite) == ["invited", "invited"]
    assert Invitation.objects.filter(actor=actor).count() == 1
