from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "newcourse.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import checks  # noqa: F401, PLC0415 - registers the system checks
