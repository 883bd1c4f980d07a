"""The server keeps its scheduler running: a scheduler that dies is reported and started again,
and nothing is started once the server is stopping."""

import subprocess
import sys
import threading
import time

from newcourse.web.management.commands import serve


def _process(seconds: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds})"])


def test_a_scheduler_that_dies_is_started_again_and_reported(monkeypatch, caplog):
    started: list[subprocess.Popen[bytes]] = []

    def start():
        started.append(_process(30))
        return started[-1]

    monkeypatch.setattr(serve, "SUPERVISE_SECONDS", 0.05)
    dead = _process(0)
    dead.wait()
    scheduler = [dead]
    stopping = threading.Event()
    supervisor = threading.Thread(
        target=serve.supervise, args=(scheduler, start, "scheduler", stopping)
    )
    supervisor.start()
    try:
        deadline = time.monotonic() + 10
        while not started and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stopping.set()
        supervisor.join(timeout=10)
        for process in started:
            process.kill()
            process.wait()

    assert len(started) == 1
    assert scheduler[0] is started[0]
    assert "The scheduler stopped (exit code 0); starting it again" in caplog.text


def test_nothing_is_restarted_once_the_server_is_stopping(monkeypatch):
    monkeypatch.setattr(serve, "SUPERVISE_SECONDS", 0.05)
    dead = _process(0)
    dead.wait()
    scheduler = [dead]
    stopping = threading.Event()
    stopping.set()

    serve.supervise(scheduler, lambda: _process(30), "worker", stopping)

    assert scheduler[0] is dead
