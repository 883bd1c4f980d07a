import datetime

from django.db import migrations, models


def expire_in_ninety_days(apps, schema_editor):
    """Tokens made before expiry existed run 90 days from their creation."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.all():
        token.expires_at = token.created_at + datetime.timedelta(days=90)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(expire_in_ninety_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
        migrations.CreateModel(
            name="FailedAttempt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("scope", models.CharField(max_length=20)),
                ("account", models.CharField(max_length=64)),
                ("address", models.CharField(max_length=64)),
                ("at", models.DateTimeField(db_index=True)),
            ],
            options={
                "indexes": [
                    models.Index(fields=["scope", "account", "at"], name="attempt_by_account"),
                    models.Index(fields=["scope", "address", "at"], name="attempt_by_address"),
                ],
            },
        ),
    ]
