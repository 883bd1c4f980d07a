"""A ballot acknowledged with a receipt survives the server being killed at once.

The server runs as its own process (`newcourse serve`, as in production) against the test
database; the test casts one ballot over HTTP, kills the server with SIGKILL the moment the
receipt arrives, and looks for the ballot.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest
from django.conf import settings
from django.test import Client
from tests.processes import database_url, free_port

from newcourse.elections.models import Ballot, Elector


@pytest.mark.django_db(transaction=True)
def test_acknowledged_ballot_survives_server_killed_at_once(
    tree, make_member, voting_election, tmp_path
):
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    first_choice = election.candidates.first()

    client = Client()
    client.force_login(members[3].person)
    client.get(f"/elections/{election.pk}/vote/")
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}

    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NEWCOURSE_HOME": str(tmp_path),
        "NEWCOURSE_SECRET_KEY": settings.SECRET_KEY,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "newcourse", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes master and workers
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        body = urllib.parse.urlencode(
            {
                f"c{first_choice.pk}": "1",
                "confirm": "yes",
                "csrfmiddlewaretoken": cookies["csrftoken"],
            }
        )
        request = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        request.request(
            "POST",
            f"/elections/{election.pk}/vote/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "Referer": f"http://127.0.0.1:{port}/",
            },
        )
        page = request.getresponse().read().decode()
        os.killpg(server.pid, signal.SIGKILL)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    receipt = re.search(r'<code id="receipt">([A-Z0-9-]+)</code>', page)
    assert receipt is not None, page[:500]
    assert Ballot.objects.filter(election=election, receipt=receipt.group(1)).count() == 1
    assert Elector.objects.get(election=election, member=members[3]).has_voted
