"""The head's witnesses: members mailed signed heads by the tick, and peer installations
countersigning each other's, with a peer that rewrote its history caught."""

from __future__ import annotations

import datetime
import json
import os
import stat

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newcourse import crypto
from newcourse.elections.services import elections_tick
from newcourse.record import heads, witnesses
from newcourse.record.models import HeadSubscription, PeerHead, RecordEntry, RecordHead
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput

PEER_SEED = bytes(range(1, 33))
PEER_KEY = crypto.signing_public_key(PEER_SEED)
NOW = timezone.now()


def entry(n: int = 0) -> None:
    record_append(actor="system:test", action="test.entry", subject=f"x:{n}", payload={"n": n})


@pytest.fixture
def subscriber(db, home, make_member, tree):
    member = make_member(tree["north"], email="keeper@example.org")
    witnesses.subscription_start(person=member.person)
    return member.person


# The signing key -------------------------------------------------------------------------


def test_signing_key_is_created_private_and_kept(home):
    first = heads.public_key()

    assert heads.public_key() == first
    mode = stat.S_IMODE(os.stat(home / heads.KEY_FILE).st_mode)
    assert mode == 0o600


def test_signed_head_is_the_head_row_and_verifies(db, home):
    entry()
    entry(1)

    signed = heads.signed_head()

    head = RecordHead.objects.get()
    assert (signed.seq, signed.hash) == (head.seq, head.hash)
    crypto.signed_head_check(signed, heads.public_key())


def test_record_head_command_prints_a_signed_head_that_verifies(db, home, capsys):
    entry()

    call_command("record", "head")

    signed = crypto.SignedHead.from_json(json.loads(capsys.readouterr().out))
    crypto.signed_head_check(signed, heads.public_key())
    assert signed.seq == 1


# Subscriptions ---------------------------------------------------------------------------


def test_subscription_twice_is_refused(subscriber):
    with pytest.raises(AlreadyDone):
        witnesses.subscription_start(person=subscriber)


def test_subscription_end_then_end_again_is_refused(subscriber):
    witnesses.subscription_end(person=subscriber)

    assert not HeadSubscription.objects.exists()
    with pytest.raises(AlreadyDone):
        witnesses.subscription_end(person=subscriber)


def test_subscription_without_email_is_refused(db, home, make_member, tree):
    member = make_member(tree["north"])
    member.person.email = ""

    with pytest.raises(InvalidInput):
        witnesses.subscription_start(person=member.person)


def test_tick_mails_the_signed_head_to_subscribers(subscriber, mail_worker):
    entry()
    mail.outbox.clear()

    elections_tick(now=NOW)
    mail_worker()

    (message,) = mail.outbox
    head = RecordHead.objects.get()
    assert message.to == ["keeper@example.org"]
    assert f"newcourse record verify --head {head.seq}:{head.hash}" in message.body
    signed = crypto.SignedHead.from_json(json.loads(message.body.strip().splitlines()[-1]))
    crypto.signed_head_check(signed, heads.public_key())


def test_tick_mails_only_when_the_head_moved(subscriber, mail_worker):
    entry()
    elections_tick(now=NOW)
    mail_worker()
    mail.outbox.clear()

    elections_tick(now=NOW + datetime.timedelta(days=2))
    mail_worker()

    assert mail.outbox == []


def test_tick_mails_a_moved_head_once_a_day_at_most(subscriber, mail_worker):
    entry()
    elections_tick(now=NOW)
    mail_worker()
    entry(1)
    mail.outbox.clear()

    elections_tick(now=NOW + datetime.timedelta(hours=3))
    mail_worker()
    assert mail.outbox == []
    elections_tick(now=NOW + datetime.timedelta(hours=25))
    mail_worker()

    (message,) = mail.outbox
    assert f"--head {RecordHead.objects.get().seq}:" in message.body


def test_heads_mail_claims_each_subscriber_once(subscriber):
    entry()

    sent = witnesses.heads_mail(now=NOW)
    again = witnesses.heads_mail(now=NOW)

    assert (sent, again) == (1, 0)


# Countersigning ---------------------------------------------------------------------------


class FakePeer:
    """Another installation, seen only through the signed heads it publishes."""

    def __init__(self, seed: bytes = PEER_SEED) -> None:
        self.seed = seed
        self.seq = 0
        self.hash = "00" * 32
        self.history: dict[int, str] = {}
        self.fetched: list[str] = []

    def publish(self, seq: int, hash_: str) -> None:
        """The head moves to `seq`; the entries before it keep their hashes."""
        self.seq, self.hash = seq, hash_
        self.history[seq] = hash_

    def reseal(self, history: dict[int, str]) -> None:
        """Its operator rewrites the history and re-seals every later entry."""
        self.history = dict(history)
        self.seq = max(history)
        self.hash = history[self.seq]

    def __call__(self, url: str) -> bytes:
        self.fetched.append(url)
        seq, hash_ = self.seq, self.hash
        if "?seq=" in url:
            seq = int(url.split("?seq=")[1])
            hash_ = self.history[seq]
        signed = crypto.head_sign(
            seed=self.seed,
            installation="south-federation",
            seq=seq,
            hash_=hash_,
            signed_at="2026-12-07T03:00:00+00:00",
        )
        return json.dumps(signed.to_json()).encode()


@pytest.fixture
def peer(db, home):
    witnesses.peer_add(
        name="south", url="https://south.example/record/head.json", public_key=PEER_KEY
    )
    fake = FakePeer()
    fake.publish(4, "a4" * 32)
    return fake


def actions() -> list[str]:
    return list(RecordEntry.objects.order_by("seq").values_list("action", flat=True))


def test_countersign_writes_the_peers_head_on_this_record(peer):
    (check,) = witnesses.peers_countersign(fetch=peer)

    assert check.message == f"countersigned south #4 {'a4' * 32}"
    last = RecordEntry.objects.order_by("-seq").first()
    assert (last.action, last.subject, last.payload["seq"]) == (
        "record.countersigned",
        "peer:south",
        4,
    )
    assert peer.fetched == ["https://south.example/record/head.json"]


def test_countersign_an_unchanged_head_writes_nothing(peer):
    witnesses.peers_countersign(fetch=peer)
    count = RecordEntry.objects.count()

    (check,) = witnesses.peers_countersign(fetch=peer)

    assert check.outcome == "unchanged"
    assert RecordEntry.objects.count() == count


def test_countersign_a_grown_head(peer):
    witnesses.peers_countersign(fetch=peer)
    peer.publish(9, "a9" * 32)

    (check,) = witnesses.peers_countersign(fetch=peer)

    assert check.outcome == "countersigned"
    assert list(PeerHead.objects.values_list("seq", flat=True)) == [9, 4]


def test_countersign_catches_a_peer_that_rewrote_an_entry(peer):
    witnesses.peers_countersign(fetch=peer)
    peer.publish(4, "b4" * 32)  # same entry, another hash: its history was re-sealed

    (check,) = witnesses.peers_countersign(fetch=peer)

    assert check.failed
    assert check.message == (
        f"south HAS REWRITTEN ITS RECORD: entry 4 was signed with hash {'a4' * 32}, now {'b4' * 32}"
    )
    assert actions()[-1] == "record.peer_rewritten"


def test_countersign_catches_a_peer_that_resealed_its_history_and_grew(peer):
    """The rewrite that a growing head hides: entry 4 edited, every later entry re-sealed,
    and new entries added. The peer still signs its entry 4, and its hash has changed."""
    witnesses.peers_countersign(fetch=peer)
    peer.reseal({4: "b4" * 32, 9: "b9" * 32})

    (check,) = witnesses.peers_countersign(fetch=peer)

    assert check.outcome == "rewritten"
    assert f"entry 4, countersigned with hash {'a4' * 32}, now has hash {'b4' * 32}" in (
        check.message
    )
    assert peer.fetched[-1] == "https://south.example/record/head.json?seq=4"
    assert actions()[-1] == "record.peer_rewritten"
    assert not PeerHead.objects.filter(seq=9).exists()


def test_countersign_catches_a_peer_that_went_back(peer):
    witnesses.peers_countersign(fetch=peer)
    peer.publish(2, "a2" * 32)

    (check,) = witnesses.peers_countersign(fetch=peer)

    assert check.outcome == "rewritten"
    assert actions()[-1] == "record.peer_rewritten"


def test_countersign_refuses_a_head_signed_by_another_key(peer):
    forger = FakePeer(seed=bytes(32))
    forger.publish(4, "a4" * 32)
    count = RecordEntry.objects.count()

    (check,) = witnesses.peers_countersign(fetch=forger)

    assert check.failed
    assert "its head is not signed" in check.message
    assert RecordEntry.objects.count() == count


def test_countersign_an_unreachable_peer_is_reported(peer):
    def unreachable(url: str) -> bytes:
        raise OSError("connection refused")

    (check,) = witnesses.peers_countersign(fetch=unreachable)

    assert check.outcome == "unusable"


def test_countersign_command_exits_one_on_a_rewriting_peer(peer, monkeypatch, capsys):
    monkeypatch.setattr(witnesses, "_fetch", peer)
    call_command("record", "countersign")
    peer.publish(4, "c4" * 32)

    with pytest.raises(SystemExit) as exit_:
        call_command("record", "countersign")

    assert exit_.value.code == 1
    assert "south HAS REWRITTEN ITS RECORD" in capsys.readouterr().err


def test_tick_countersigns_due_peers_once_an_hour(peer, monkeypatch):
    monkeypatch.setattr(witnesses, "_fetch", peer)

    elections_tick(now=NOW)
    elections_tick(now=NOW + datetime.timedelta(minutes=10))

    assert len(peer.fetched) == 1
    assert actions().count("record.countersigned") == 1


def test_tick_reports_a_rewriting_peer_as_a_failure(peer, monkeypatch):
    monkeypatch.setattr(witnesses, "_fetch", peer)
    elections_tick(now=NOW)
    peer.publish(4, "d4" * 32)

    tick = elections_tick(now=NOW + datetime.timedelta(hours=2))

    assert [(f.subject, f.step) for f in tick.failures] == [("peer:south", "countersign")]


def test_peer_add_command_and_a_bad_key_is_refused(db, home, capsys):
    call_command("record", "peer", "add", "east", "https://east.example/record/head.json", PEER_KEY)

    assert "Added peer east" in capsys.readouterr().out
    with pytest.raises(Exception) as error:
        call_command("record", "peer", "add", "west", "https://west.example/h.json", "nothex")
    assert getattr(error.value, "returncode", None) == 2


def test_peers_countersigned_head_shown_on_the_record_page_and_listed(peer, client, capsys):
    witnesses.peers_countersign(fetch=peer)
    peer.publish(6, "a6" * 32)
    witnesses.peers_countersign(fetch=peer)

    html = client.get("/record/").content.decode()
    call_command("record", "peer", "list")

    assert f'south: #6 <code title="{"a6" * 32}">' in html
    assert capsys.readouterr().out == (
        f"south  https://south.example/record/head.json  #6 {'a6' * 32}\n"
    )


def test_the_signed_hash_of_an_earlier_entry_is_published_for_peers(db, home, client):
    entry()
    entry(1)
    first = RecordEntry.objects.order_by("seq").first()

    response = client.get("/record/head.json", {"seq": first.seq})

    signed = crypto.SignedHead.from_json(response.json())
    crypto.signed_head_check(signed, heads.public_key())
    assert (signed.seq, signed.hash) == (first.seq, first.hash)
    for missing in ("999", "x", "²"):
        assert client.get("/record/head.json", {"seq": missing}).status_code == 404
