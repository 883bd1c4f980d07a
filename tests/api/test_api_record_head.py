"""The record's signed head and public key in the API: public, and they verify."""

from newcourse import crypto
from newcourse.record.models import RecordHead
from newcourse.record.services import record_append

API = "/api/v1/"


def test_api_signed_head_verifies_with_the_api_key(client, db, home):
    record_append(actor="system:test", action="test.entry", subject="x:1", payload={})

    signed = crypto.SignedHead.from_json(client.get(f"{API}record/head").json())
    key = client.get(f"{API}record/key").json()

    crypto.signed_head_check(signed, key["public_key"])
    head = RecordHead.objects.get()
    assert (signed.seq, signed.hash, key["algorithm"]) == (head.seq, head.hash, "Ed25519")


def test_api_signed_head_of_an_empty_record_is_genesis(client, db, home):
    signed = client.get(f"{API}record/head").json()

    assert (signed["seq"], signed["hash"]) == (0, "0" * 64)
