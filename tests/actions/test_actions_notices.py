"""Members who asked are told when an action of their bodies' decisions changes status; no
one else is (this kind of notice is sent only on request)."""

from __future__ import annotations

from django.core import mail

from newcourse.actions import services
from newcourse.notices.models import Delivery, Kind, Preference


def test_a_member_who_asked_is_told_and_one_who_did_not_is_not(
    create, north, member, tree, make_member, mail_worker
) -> None:
    action = create()
    Preference.objects.create(person=member.person, kind=Kind.ACTION, delivery=Delivery.EACH)
    silent = make_member(tree["south"], name="Silent Member")
    mail_worker()
    mail.outbox.clear()

    services.action_update(
        person=north.person, member=north, action=action, status="in-progress", note="Begun."
    )
    mail_worker()

    (message,) = mail.outbox
    assert message.to == [member.person.email]
    assert f"/actions/{action.pk}/" in message.body
    assert "you asked to be told" in message.body
    assert silent.person.email not in [m.to[0] for m in mail.outbox]
