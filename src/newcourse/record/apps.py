from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordConfig(AppConfig):
    name = "newcourse.record"
    verbose_name = _("Open record")
