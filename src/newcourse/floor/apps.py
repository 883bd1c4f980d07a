from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "newcourse.floor"
    verbose_name = _("The floor")

    def ready(self) -> None:
        from . import channels  # noqa: PLC0415 - the hall's live channel, once apps are loaded

        channels.register()
