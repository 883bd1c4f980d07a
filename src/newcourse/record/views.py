"""The record's own page: its head, how to keep one and check it, the subscription to its
signed heads, and the peers that countersign it; and the signed head and public key as JSON
for members' scripts and peer installations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from newcourse.refusals import Refused

from . import heads, selectors, witnesses
from .models import HeadSubscription


@require_GET
def record_page(request: HttpRequest) -> HttpResponse:
    subscribed = (
        request.user.is_authenticated
        and HeadSubscription.objects.filter(person=request.user).exists()
    )
    return render(
        request,
        "record/record.html",
        {
            "head": selectors.record_head(),
            "public_key": heads.public_key(),
            "installation": heads.installation_name(),
            "subscribed": subscribed,
            "peers": selectors.peers_with_latest_head(),
            "head_url": reverse("record_head"),
            "key_url": reverse("record_key"),
        },
    )


@login_required
@require_POST
def record_subscription(request: HttpRequest) -> HttpResponse:
    try:
        if request.POST.get("subscribe") == "yes":
            witnesses.subscription_start(person=request.user)
            messages.success(request, _("You will be sent the record's signed head by email."))
        else:
            witnesses.subscription_end(person=request.user)
            messages.success(request, _("You will no longer be sent the record's head."))
    except Refused as refused:
        messages.error(request, refused.message)
    return redirect("record")


@require_GET
def head_json(request: HttpRequest) -> JsonResponse:
    """The head, signed now: keep it, and check it against the key at /record/key.json. With
    `?seq=N`, entry N's hash signed now: what a countersigning peer checks it kept."""
    at = request.GET.get("seq")
    if at is None:
        signed = heads.signed_head()
    else:
        found = (
            heads.signed_entry(int(at)) if at.isascii() and at.isdigit() and len(at) < 19 else None
        )
        if found is None:
            return JsonResponse({"error": "There is no such entry."}, status=404)
        signed = found
    response = JsonResponse(signed.to_json())
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def key_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(heads.key_json())
