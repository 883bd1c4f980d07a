"""New Course's settings, with the test channels registered (tests.live.apps)."""

from newcourse.settings import *  # noqa: F403
from newcourse.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.live.apps.LiveTestsConfig"]
