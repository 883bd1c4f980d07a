"""The test channels as an app, for a server started by a test (tests/web/test_web_serve.py),
which loads `tests.live.served_settings` so that its workers register them too."""

from pathlib import Path

from django.apps import AppConfig


class LiveTestsConfig(AppConfig):
    name = "tests.live"
    label = "live_tests"
    path = str(Path(__file__).resolve().parent)

    def ready(self) -> None:
        from tests.live import channels  # noqa: F401, PLC0415 - registers the channels
