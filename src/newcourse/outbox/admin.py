"""The outbox on the operator's page: what waits, what went, what was given up and why, and
the action that tries a given-up message again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    list_display = ["key", "to", "state", "attempts", "posted_at", "sent_at", "last_error"]
    list_filter = ["state"]
    search_fields = ["key", "to"]
    ordering = ["-posted_at"]
    actions = ["send_again"]
    # The body holds reset links: the operator sees that a message exists, not what it says.
    exclude = ["body"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Send the given-up messages again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        again = services.send_again(message_pks=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext("%(n)s message queued again.", "%(n)s messages queued again.", again)
            % {"n": again},
            messages.SUCCESS,
        )
