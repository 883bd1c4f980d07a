"""The member directory's pages: members in name order, fifty at a time, and its search.

A body of 100,000 members must not cost a sort of 100,000 rows per page. The order is the
person's name, then the person's id, which the index `accounts_user_name_order` holds, so a
page walks the index from where the previous one ended ("after" the last member shown, or
"before" the first) instead of counting its way down from the top. Old links by page number
still work, by offset along the same index from the nearer end (the middle of a very large
directory is the slowest page).

The search keeps its meaning (part of the name or of the email address, whatever the case, or
the exact membership number), so both engines find the same members; when few people match,
their ids are found first and the directory is looked up by them, so the engine sorts only
the matches. A search that matches most of a very large directory still reads every person
once: only a text index would avoid that (FTS5 on SQLite, pg_trgm on PostgreSQL, an
extension the project does not create), and it would have to find exactly these members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from newcourse.refusals import InvalidInput

from .models import Body, Member, MemberQuerySet

PAGE_SIZE = 50
ORDER = ("person__full_name", "person_id")
# Up to this many people matching a search, the search looks the directory up by their ids.
FEW_MATCHES = 1_000
# Up to this many members listed, sorting them all costs less than walking the name index
# past everyone else in the organisation to find them.
FEW_LISTED = 10_000


@dataclass(frozen=True)
class DirectoryPage:
    """One page of the directory, with the membership numbers that open its neighbours."""

    members: list[Member]
    total: int
    number: int | None  # when asked by page number (old links), to show "page n of m"
    pages: int
    previous_before: str | None
    next_after: str | None


def directory_page(
    members: MemberQuerySet,
    *,
    body: Body,
    query: str = "",
    after: str = "",
    before: str = "",
    page: str = "",
) -> DirectoryPage:
    """The page of `members` (the directory as `access_member_directory_for_person` opened
    it) that the request asks for: after or before a member, by page number, or the first.

    The walk along the name index runs over the body's tree by path (a join the engine can
    drive from the index); the rows it finds are then read through `members` itself, so the
    page never shows anyone the directory does not.
    """
    matching, few = _matching(query) if query else (Q(), True)
    listed = members.filter(matching)
    by_path = Member.objects.filter(body__path__startswith=body.path).filter(matching)
    total = listed.count() if few else _count_many(members, by_path, query)
    pages = max(1, -(-total // PAGE_SIZE))
    walk = listed if total <= FEW_LISTED else by_path
    if after or before:
        rows, more_earlier, more_later = _beside(members, walk, after=after, before=before)
        number = None
    else:
        number = min(_page_number(page), pages)
        offset = (number - 1) * PAGE_SIZE
        rows = _numbered(walk, offset, total)
        more_earlier, more_later = offset > 0, offset + PAGE_SIZE < total
    shown = _read(members, [pk for pk, _number in rows])
    return DirectoryPage(
        members=shown,
        total=total,
        number=number,
        pages=pages,
        previous_before=rows[0][1] if rows and more_earlier else None,
        next_after=rows[-1][1] if rows and more_later else None,
    )


def _matching(query: str) -> tuple[Q, bool]:
    """Members whose name or email address contains `query`, or numbered exactly `query`,
    and whether few people match.

    Few matching people are found by one pass over the people alone, and the members among
    them by the index on the person; many are found along the walk itself."""
    people = _people_matching(query)
    ids = list(people.values_list("pk", flat=True)[: FEW_MATCHES + 1])
    if len(ids) <= FEW_MATCHES:
        return Q(person_id__in=ids) | Q(number=query), True
    broad = (
        Q(person__full_name__icontains=query) | Q(person__email__icontains=query) | Q(number=query)
    )
    return broad, False


def _count_many(members: MemberQuerySet, by_path: MemberQuerySet, query: str) -> int:
    """How many members match a search that many people match.

    SQLite counts them fastest from the members' side, one by one. PostgreSQL cannot tell how
    many people a pattern such as '%x%' matches, and joins every member to every body that
    way; it counts fastest from the matching people's ids (measured on 100,000 members:
    about 3 times faster there, 2 times slower on SQLite)."""
    if connection.vendor == "sqlite":
        return by_path.count()
    people = _people_matching(query)
    return members.filter(Q(person_id__in=people.values("pk")) | Q(number=query)).count()


def _people_matching(query: str) -> QuerySet[Any]:
    return get_user_model().objects.filter(
        Q(full_name__icontains=query) | Q(email__icontains=query)
    )


def _beside(
    members: MemberQuerySet, walk: MemberQuerySet, *, after: str, before: str
) -> tuple[list[tuple[int, str]], bool, bool]:
    """The page after or before a member, and whether members come before and after it."""
    name, person_id = _place_of(members, after or before)
    if after:
        rows = _keys(_after(walk, name, person_id).order_by(*ORDER))
        return rows[:PAGE_SIZE], True, len(rows) > PAGE_SIZE
    rows = _keys(_before(walk, name, person_id).order_by(*(f"-{k}" for k in ORDER)))
    return rows[:PAGE_SIZE][::-1], len(rows) > PAGE_SIZE, True


def _numbered(walk: MemberQuerySet, offset: int, total: int) -> list[tuple[int, str]]:
    """The rows of an old page-number link: counted from the nearer end, so the last page
    costs no more than the middle one."""
    if offset <= total // 2:
        return _keys(walk.order_by(*ORDER)[offset : offset + PAGE_SIZE])
    from_end = max(0, total - offset - PAGE_SIZE)
    size = min(PAGE_SIZE, total - offset)
    backwards = walk.order_by(*(f"-{k}" for k in ORDER))[from_end : from_end + size]
    return _keys(backwards)[::-1]


def _place_of(members: MemberQuerySet, number: str) -> tuple[str, int]:
    """Where the member numbered `number` stands in the order: only within the directory,
    so a number from elsewhere reveals nothing."""
    place = members.filter(number=number).values_list(*ORDER).first()
    if place is None:
        raise InvalidInput(
            _(
                "This place in the directory is not there any more (the member may have "
                "moved): start again from the first page."
            )
        )
    return place


def _after(walk: MemberQuerySet, name: str, person_id: int) -> MemberQuerySet:
    # The first condition alone bounds the index range; the second trims the equal names.
    return walk.filter(person__full_name__gte=name).filter(
        Q(person__full_name__gt=name) | Q(person_id__gt=person_id)
    )


def _before(walk: MemberQuerySet, name: str, person_id: int) -> MemberQuerySet:
    return walk.filter(person__full_name__lte=name).filter(
        Q(person__full_name__lt=name) | Q(person_id__lt=person_id)
    )


def _keys(rows: MemberQuerySet) -> list[tuple[int, str]]:
    return list(rows.values_list("pk", "number")[: PAGE_SIZE + 1])


def _read(members: MemberQuerySet, pks: list[int]) -> list[Member]:
    by_pk = members.select_related("person", "body").in_bulk(pks)
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _page_number(page: str) -> int:
    """A page number from an old link; anything else is the first page, as before."""
    try:
        return max(1, int(page))
    except (TypeError, ValueError):
        return 1
