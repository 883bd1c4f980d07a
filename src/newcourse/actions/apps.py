from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "newcourse.actions"
    verbose_name = _("Decisions and actions")
