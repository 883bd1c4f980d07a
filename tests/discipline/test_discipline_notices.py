"""Each party is told of every step of their case by email, with a link to the case file and
nothing of the facts or the reasons; nobody else is told."""

from __future__ import annotations

from django.core import mail

from newcourse.discipline.models import Case
from newcourse.discipline.services.common import parties_told
from newcourse.organisation.models import Member
from newcourse.record.models import RecordEntry


def test_each_party_is_told_of_each_step_and_nobody_else(
    heard_case: Case, accused: Member, complainant: Member, panel: list[Member], mail_worker
) -> None:
    mail_worker()

    told = {message.to[0] for message in mail.outbox}
    assert told == {accused.person.email, complainant.person.email}
    to_accused = [m for m in mail.outbox if m.to == [accused.person.email]]
    subjects = [message.subject for message in to_accused]
    assert any("a charge was filed" in subject for subject in subjects)
    assert any("held the hearing" in subject for subject in subjects)
    assert all(f"/cases/{heard_case.pk}/" in message.body for message in to_accused)
    assert all(heard_case.facts not in message.body for message in mail.outbox)


def test_a_step_taken_again_tells_nobody_twice(heard_case: Case, mail_worker) -> None:
    mail_worker()
    sent = len(mail.outbox)
    entry = RecordEntry.objects.filter(action="case.heard", subject=f"case:{heard_case.pk}").get()
    parties_told(heard_case, "case.heard", entry.seq)
    mail_worker()

    assert len(mail.outbox) == sent
