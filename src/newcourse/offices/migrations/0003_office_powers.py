from django.db import migrations, models


def powers_of_existing_offices(apps, schema_editor):
    """Offices created before powers existed get those of their kind: posts and committees
    keep the register and create offices; tellers and delegations nothing administrative."""
    Office = apps.get_model("offices", "Office")
    Office.objects.filter(kind__in=["post", "committee"]).update(powers=["offices", "register"])


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0002_tables_named_for_offices"),
    ]

    operations = [
        migrations.AddField(
            model_name="office",
            name="powers",
            field=models.JSONField(blank=True, default=list, verbose_name="powers"),
        ),
        migrations.RunPython(powers_of_existing_offices, migrations.RunPython.noop),
    ]
