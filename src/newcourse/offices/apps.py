from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "newcourse.offices"
    verbose_name = _("Offices")

    def ready(self) -> None:
        # Holding office is the only source of an officer's rights: tell the organisation,
        # which sits below this app and cannot ask for itself.
        # Imported here, once the models are ready (Django forbids importing them earlier).
        # Imported here, once the models are ready (Django forbids importing them earlier).
        from newcourse.organisation.officers import officer_roll_register  # noqa: PLC0415

        from .selectors import TermRoll  # noqa: PLC0415

        officer_roll_register(TermRoll())
