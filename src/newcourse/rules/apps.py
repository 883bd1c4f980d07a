from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "newcourse.rules"
    verbose_name = _("Rules")

    def ready(self) -> None:
        # `newcourse record verify` asks every app whose rows the record vouches for; the
        # record sits below this app and cannot ask for itself. Imported once models are ready.
        from newcourse.record.consistency import consistency_check_register  # noqa: PLC0415

        from .consistency import rulebook_matches_record  # noqa: PLC0415

        consistency_check_register(rulebook_matches_record)
