"""The API's endpoints: parse, check access, call a selector or service, render JSON."""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from newcourse.elections import access as election_access
from newcourse.elections import publication, services
from newcourse.elections.access import access_candidate_for_person
from newcourse.elections.models import Candidate, Election, RecallPetition
from newcourse.elections.selectors import elector_for, electors_for_authority, why_not_verifiable
from newcourse.offices import access as office_access
from newcourse.offices.access import access_term_for_person
from newcourse.organisation import access as organisation_access
from newcourse.organisation import selectors as organisation_selectors
from newcourse.record import heads as record_heads
from newcourse.record import selectors as record_selectors
from newcourse.record.models import RecordEntry
from newcourse.refusals import InvalidInput, OutsideWindow
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import TellerStep
from newcourse.verifiable.services import bundle as teller_bundle

from . import render, selectors
from .auth import api_view, json_body, member_acting, ok, text_field
from .openapi import openapi_description
from .problems import NoSuchPage, NotVerifiable, UnknownPath


@api_view("GET", public=True)
def record_head(request: HttpRequest) -> HttpResponse:
    return ok(record_heads.signed_head().to_json())


@api_view("GET", public=True)
def record_key(request: HttpRequest) -> HttpResponse:
    return ok(record_heads.key_json())


@api_view("GET")
def bodies(request: HttpRequest) -> HttpResponse:
    found = organisation_selectors.bodies_for_person(request.user)
    return ok({"bodies": [render.body_brief(b) for b in found]})


@api_view("GET")
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = organisation_access.access_body_for_person(person=request.user, slug=slug)
    total, children = organisation_selectors.body_overview(body)
    return ok(
        {
            **render.body_brief(body),
            "parent": body.parent.slug if body.parent else None,
            "members": total,
            "children": [{**render.body_brief(c.body), "members": c.members} for c in children],
            "offices": [
                render.office_brief(office, holders)
                for office, holders in selectors.offices_with_holders(body)
            ],
        }
    )


RECORD_PAGE_SIZE = 200


def _page(request: HttpRequest, paginator: Paginator, what: str) -> Any:
    """The page `?page=N` asks for (the first by default), or a refusal naming `what`."""
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit() and len(number) < 10) or int(number) < 1:
        raise InvalidInput(_("“page” must be a whole number from 1."))
    try:
        return paginator.page(int(number))
    except EmptyPage as error:
        raise NoSuchPage(
            _("There is no page %(page)s: %(what)s has %(pages)s.")
            % {"page": number, "what": what, "pages": paginator.num_pages},
        ) from error


def _paged(request: HttpRequest, page: Any, entries: list[Any]) -> dict[str, Any]:
    """One page of a long list, with its neighbours' paths."""
    path = request.path
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": f"{path}?page={page.next_page_number()}" if page.has_next() else None,
        "previous": f"{path}?page={page.previous_page_number()}" if page.has_previous() else None,
        "entries": entries,
    }


@api_view("GET")
def body_record(request: HttpRequest, slug: str) -> HttpResponse:
    """A body's record, in chain order: each entry's public part, which hashes as the chain
    does, and its personal details only for a reader entitled to them."""
    body = organisation_access.access_record_for_person(person=request.user, slug=slug)
    entries = RecordEntry.objects.for_body_tree(body).order_by("seq")
    page = _page(request, Paginator(entries, RECORD_PAGE_SIZE), _("the record"))
    reader = organisation_access.record_reader_for_person(request.user)
    seen = record_selectors.entries_seen_by(page.object_list, reader)
    return ok(_paged(request, page, [render.record_entry_json(item) for item in seen]))


@api_view("GET")
def office_detail(request: HttpRequest, office_id: int) -> HttpResponse:
    office = office_access.access_office_for_person(person=request.user, pk=office_id)
    return ok(
        render.office_json(
            office,
            selectors.holders_of(office),
            list(selectors.elections_of(office)),
            list(selectors.open_petitions_of(office)),
        )
    )


@api_view("GET")
def elections(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("body")
    body = (
        organisation_access.access_body_for_person(person=request.user, slug=slug) if slug else None
    )
    found = selectors.elections_for_person(request.user, body)
    return ok({"elections": [render.election_brief(e) for e in found]})


@api_view("GET")
def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    member = organisation_selectors.member_for_person(request.user)
    elector = elector_for(election, member)
    has_voted = bool(elector and elector.has_voted)
    return ok(
        render.election_json(
            election,
            ballots=selectors.ballots_cast(election),
            standing=list(selectors.standing_candidates(election)),
            nominations=list(selectors.nominations_of(election)),
            may_vote=bool(elector) and not has_voted and election.voting_is_open(),
            has_voted=has_voted,
            not_verifiable_because="" if election.verifiable else why_not_verifiable(election),
        )
    )


def _max_length(model: type[Candidate | RecallPetition], field: str) -> int | None:
    return model._meta.get_field(field).max_length  # type: ignore[union-attr]


@api_view("POST")
def nominate(request: HttpRequest, election_id: int) -> HttpResponse:
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    data = json_body(request)
    number = data.get("candidate")
    if not isinstance(number, str | int) or isinstance(number, bool) or not str(number).strip():
        raise InvalidInput(_("Give “candidate”: the membership number of the member nominated."))
    nomination = services.candidate_nominate_by_number(
        nominator=member_acting(request), election=election, number=str(number)
    )
    return ok(render.candidate_json(nomination), status=201)


@api_view("POST")
def second(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = access_candidate_for_person(person=request.user, pk=candidate_id)
    json_body(request)
    candidate = services.candidate_second(seconder=member_acting(request), candidate=candidate)
    return ok(render.candidate_json(candidate))


@api_view("POST")
def accept(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = access_candidate_for_person(person=request.user, pk=candidate_id)
    statement = text_field(
        json_body(request), "statement", max_length=_max_length(Candidate, "statement")
    )
    candidate = services.candidate_accept(
        member=member_acting(request), candidate=candidate, statement=statement
    )
    return ok(render.candidate_json(candidate))


@api_view("POST")
def withdraw(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = access_candidate_for_person(person=request.user, pk=candidate_id)
    json_body(request)
    candidate = services.candidate_withdraw(member=member_acting(request), candidate=candidate)
    return ok(render.candidate_json(candidate))


@api_view("POST")
def cast(request: HttpRequest, election_id: int) -> HttpResponse:
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    choices = _choices(json_body(request))
    member = member_acting(request)
    receipt = services.ballot_cast(
        election=election,
        member=member,
        choices=choices,
        form_key=request.headers.get("Idempotency-Key", ""),
    )
    return ok({"election": election.pk, "receipt": receipt}, status=201)


def _choices(data: dict[str, Any]) -> list[str]:
    """`ranking` (candidate ids, first preference first) or, for a recall vote, `choice`."""
    if "choice" in data:
        choice = data["choice"]
        if not isinstance(choice, str):
            raise InvalidInput(_("“choice” must be “yes” or “no”."))
        return [choice]
    ranking = data.get("ranking")
    if not isinstance(ranking, list) or not all(
        isinstance(c, str | int) and not isinstance(c, bool) for c in ranking
    ):
        raise InvalidInput(
            _(
                "Give “ranking”: a list of candidate ids, first preference first (or, in a "
                "recall vote, “choice”: “yes” or “no”)."
            ),
        )
    return [str(c) for c in ranking]


@api_view("GET")
def result(request: HttpRequest, election_id: int) -> HttpResponse:
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    return ok(publication.declared_result(election))


@api_view("GET")
def ballots_blt(request: HttpRequest, election_id: int) -> HttpResponse:
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    text = publication.ballots_blt(election)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="election-{election.pk}.blt"'
    return response


@api_view("GET")
def ballots_json(request: HttpRequest, election_id: int) -> HttpResponse:
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    return ok(publication.ballots_as_cast(election))


# Verifiable elections (docs/verifiable-ballots.md): what anyone who may see the election can
# check, and the tellers' files. Casting and auditing encrypted ballots stay on the voting page.

BOARD_PAGE_SIZE = 500
# The steps whose files are handed out as one bundle for the next step.
BUNDLED_STEPS = (
    TellerStep.PUBLIC_KEY,
    TellerStep.COMMITMENT,
    TellerStep.DEAL,
    TellerStep.COMPLAINTS,
)


def _verifiable_election(request: HttpRequest, election_id: int) -> Election:
    """The election, or 404 if its ballots are not verifiable (or it is not open to the
    caller)."""
    election = election_access.access_election_for_person(person=request.user, pk=election_id)
    if not election.verifiable:
        raise NotVerifiable(
            _(
                "This election is not verifiable: its ballots are secret but not encrypted, so "
                "it has no tellers, board or election record."
            ),
        )
    return election


def _key_fixed(election: Election) -> None:
    if not election.encrypted:
        raise OutsideWindow(
            _("The election key is not fixed yet: the tellers' key ceremony is still under way."),
        )


@api_view("GET")
def election_verifiable(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    _key_fixed(election)
    return ok(
        render.verifiable_json(
            election,
            verifiable.public_json(election),
            tellers=selectors.tellers_with_files(election),
            board_head=verifiable.board_head(election),
            ballots=selectors.board_size(election),
        )
    )


@api_view("GET")
def board(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    _key_fixed(election)
    page = _page(
        request, Paginator(selectors.board_rows(election), BOARD_PAGE_SIZE), _("the board")
    )
    return ok(_paged(request, page, list(page.object_list)))


@api_view("GET")
def teller_files(request: HttpRequest, election_id: int, kind: str) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    if kind not in BUNDLED_STEPS:
        raise UnknownPath(
            _("There is no such step: give %(steps)s.") % {"steps": ", ".join(BUNDLED_STEPS)},
        )
    return ok(teller_bundle(election, kind))


@api_view("POST")
def teller_submit(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    document = json_body(request)
    message = services.teller_submit(
        election=election, member=member_acting(request), document=document
    )
    return ok({"kind": message.kind, "teller": message.teller.index}, status=201)


@api_view("GET")
def electors(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    election_access.credential_authority_acting(election=election, person=request.user)
    return ok(electors_for_authority(election))


@api_view("POST")
def credentials_upload(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    summary = services.credentials_upload(
        election=election, person=request.user, document=json_body(request)
    )
    return ok(summary, status=201)


def _zip(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=verifiable.RECORD_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@api_view("GET")
def for_tellers_zip(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    if not election.encrypted or election.verification.aggregate is None:
        raise OutsideWindow(
            _(
                "The tellers' files are published when voting closes: the board and its "
                "aggregate are fixed then."
            ),
        )
    files = verifiable.for_tellers_files(election)
    return _zip(verifiable.zip_files(files), f"election-{election.pk}-for-tellers.zip")


@api_view("GET")
def record_zip(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _verifiable_election(request, election_id)
    if not verifiable.record_available(election):
        raise OutsideWindow(_("The election record is published when the result is declared."))
    folder = verifiable.record_folder_name(election)
    return _zip(verifiable.zip_files(verifiable.record_bytes(election), folder), f"{folder}.zip")


@api_view("GET")
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = election_access.access_petition_for_person(person=request.user, pk=petition_id)
    member = organisation_selectors.member_for_person(request.user)
    return ok(
        render.petition_json(
            petition,
            signatures=selectors.signature_count(petition),
            signed=selectors.has_signed(petition, member),
        )
    )


@api_view("POST")
def recall_open(request: HttpRequest, term_id: int) -> HttpResponse:
    term = access_term_for_person(person=request.user, pk=term_id)
    reason = text_field(
        json_body(request),
        "reason",
        required=True,
        max_length=_max_length(RecallPetition, "reason"),
    )
    petition = services.recall_open(member=member_acting(request), term=term, reason=reason)
    petition = election_access.access_petition_for_person(person=request.user, pk=petition.pk)
    return ok(
        render.petition_json(petition, signatures=selectors.signature_count(petition), signed=True),
        status=201,
    )


@api_view("POST")
def sign(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = election_access.access_petition_for_person(person=request.user, pk=petition_id)
    json_body(request)
    services.recall_sign(member=member_acting(request), petition=petition)
    petition = election_access.access_petition_for_person(person=request.user, pk=petition.pk)
    return ok(
        render.petition_json(petition, signatures=selectors.signature_count(petition), signed=True)
    )


@api_view("GET", public=True)
def openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi_description())


@api_view("GET", "POST", "PUT", "PATCH", "DELETE", public=True)
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    message = _("There is no such API endpoint. See /api/v1/openapi.json.")
    with_slash = request.path + "/"
    try:
        if resolve(with_slash).url_name != "api_not_found":
            message = _("There is no such API endpoint: did you mean %(path)s?") % {
                "path": with_slash
            }
    except Resolver404:
        pass
    raise UnknownPath(message)
