from django.db import migrations, models
from django.db.models import Count


def refuse_two_tellers_offices(apps, schema_editor):
    """A body with two tellers offices cannot be migrated silently: which one counts its
    verifiable elections is the body's decision, not the migration's."""
    Office = apps.get_model("offices", "Office")
    doubled = list(
        Office.objects.filter(kind="tellers")
        .values("body__slug")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("body__slug", flat=True)
    )
    if doubled:
        raise RuntimeError(
            "These bodies have more than one tellers office; keep one (rename the others' "
            "kind) before migrating: " + ", ".join(doubled)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0003_office_powers"),
    ]

    operations = [
        migrations.RunPython(refuse_two_tellers_offices, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="office",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "tellers")),
                fields=("body",),
                name="one_tellers_office_per_body",
            ),
        ),
    ]
