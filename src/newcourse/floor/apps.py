from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "newcourse.floor"
    verbose_name = _("The floor")
