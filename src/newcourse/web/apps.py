import logging
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from newcourse.i18n import compile_catalogues

logger = logging.getLogger(__name__)


class WebConfig(AppConfig):
    name = "newcourse.web"
    verbose_name = _("Web pages and commands")

    def ready(self) -> None:
        from . import sessions  # noqa: F401, PLC0415 - connects the session length to login

        # The .po files ship with the package; their compiled .mo files are generated into the
        # data directory (LOCALE_PATHS), so a fresh install needs no GNU gettext. Apps that come
        # earlier in INSTALLED_APPS load no translations in their ready(), so the catalogues are
        # in place before Django first reads them.
        source = Path(__file__).resolve().parent.parent / "locale"
        try:
            compile_catalogues(source, Path(settings.NEWCOURSE_HOME) / "locale")
        except (OSError, ValueError):
            # A broken or unwritable catalogue must not stop the server: it runs in English.
            logger.exception("Could not compile the translations in %s", source)
