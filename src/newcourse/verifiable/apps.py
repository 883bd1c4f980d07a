from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerifiableConfig(AppConfig):
    name = "newcourse.verifiable"
    verbose_name = _("Verifiable elections")
