from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "newcourse.floor"
    verbose_name = _("The floor")

    def import_models(self) -> None:
        super().import_models()
        # The minutes' PDF lives in a module of its own; loaded with the hall's models, it is
        # registered before migrations or any query look for it.
        import_module(f"{self.name}.models_minutes")
