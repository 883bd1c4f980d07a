from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "newcourse.elections"
    verbose_name = _("Offices and elections")
