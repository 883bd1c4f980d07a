"""What the elections tell members, through `newcourse.notices`: nominations and voting open,
a nomination, voting closing tomorrow for those who have not voted, a result declared. Each is
posted in the transaction of the step it tells of, so it goes if and only if the step happened,
and its key makes it go once however often the step is retried."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newcourse.notices.models import Kind
from newcourse.notices.services import Notice, notify

from ..eligibility import electorate_of
from ..models import Candidate, Election, ElectionStatus, Elector

# Electors who have not voted are reminded once, this long before voting closes.
REMINDER_BEFORE = datetime.timedelta(hours=24)


def when(moment: datetime.datetime) -> str:
    """A date and time as members read it, with its timezone: the organisation spans
    countries."""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({settings.TIME_ZONE})"


def _why(election: Election) -> str:
    return _(
        "You get this because you are a member in good standing of %(body)s, and so in the "
        "electorate of this election."
    ) % {"body": election.office.body}


def _what(election: Election) -> dict[str, Any]:
    office = election.office
    return {"office": office.title, "body": office.body, "seats": office.seats}


def nominations_open(election: Election) -> None:
    def compose() -> tuple[str, str, str]:
        what = _what(election)
        return (
            _("Nominations are open: %(office)s, %(body)s") % what,
            ngettext(
                "Nominations for %(office)s in %(body)s (%(seats)s seat) are open until "
                "%(closes)s. Any member of the electorate may nominate or second.",
                "Nominations for %(office)s in %(body)s (%(seats)s seats) are open until "
                "%(closes)s. Any member of the electorate may nominate or second.",
                election.office.seats,
            )
            % {**what, "closes": when(election.nominations_close_at)},
            _why(election),
        )

    people = [member.person for member in electorate_of(election.office).select_related("person")]
    notify(
        Notice(
            Kind.NOMINATIONS_OPEN,
            f"election:{election.pk}:nominations-open",
            reverse("election", args=[election.pk]),
            compose,
        ),
        people,
    )


def _electors(election: Election, **filters: Any) -> list[Any]:
    return [
        elector.member.person
        for elector in Elector.objects.filter(election=election, **filters).select_related(
            "member__person"
        )
    ]


def voting_open(election: Election) -> None:
    def compose() -> tuple[str, str, str]:
        what = _what(election)
        return (
            _("Voting is open: %(office)s, %(body)s") % what,
            _("Voting for %(office)s in %(body)s is open until %(closes)s. Your ballot is secret.")
            % {**what, "closes": when(election.voting_closes_at)},
            _why(election),
        )

    notify(
        Notice(
            Kind.VOTING_OPEN,
            f"election:{election.pk}:voting-open",
            reverse("vote", args=[election.pk]),
            compose,
        ),
        _electors(election),
    )


def nominated(candidate: Candidate) -> None:
    election = candidate.election

    def compose() -> tuple[str, str, str]:
        what = _what(election)
        return (
            _("You are nominated: %(office)s, %(body)s") % what,
            _(
                "%(nominator)s nominated you for %(office)s in %(body)s. Accept or decline on "
                "the election's page before nominations close on %(closes)s."
            )
            % {
                **what,
                "nominator": candidate.nominated_by.person.full_name,
                "closes": when(election.nominations_close_at),
            },
            _("You get this because a member nominated you."),
        )

    notify(
        Notice(
            Kind.NOMINATED,
            f"candidate:{candidate.pk}:nominated",
            reverse("election", args=[election.pk]),
            compose,
        ),
        [candidate.member.person],
    )


def closing_soon(*, now: datetime.datetime | None = None) -> int:
    """The scheduler's step: electors who have not voted, in elections closing within a day,
    are reminded (once). Returns how many elections were reminded of."""
    now = now or timezone.now()
    closing = Election.objects.filter(
        status=ElectionStatus.VOTING,
        voting_closes_at__gt=now,
        voting_closes_at__lte=now + REMINDER_BEFORE,
    ).select_related("office__body")
    reminded = 0
    for election in closing:

        def compose(election: Election = election) -> tuple[str, str, str]:
            what = _what(election)
            return (
                _("Voting closes soon: %(office)s, %(body)s") % what,
                _(
                    "Voting for %(office)s in %(body)s closes on %(closes)s, and you have not "
                    "voted yet."
                )
                % {**what, "closes": when(election.voting_closes_at)},
                _why(election),
            )

        notify(
            Notice(
                Kind.CLOSING_SOON,
                f"election:{election.pk}:closing-soon",
                reverse("vote", args=[election.pk]),
                compose,
            ),
            _electors(election, has_voted=False),
            now=now,
        )
        reminded += 1
    return reminded


def declared(election: Election) -> None:
    def compose() -> tuple[str, str, str]:
        what = _what(election)
        return (
            _("Result declared: %(office)s, %(body)s") % what,
            _("The result of the election for %(office)s in %(body)s is declared.") % what,
            _why(election),
        )

    notify(
        Notice(
            Kind.DECLARED,
            f"election:{election.pk}:declared",
            reverse("election", args=[election.pk]),
            compose,
        ),
        _electors(election),
    )
