"""The verifiable election's tables take the app's name (data kept; foreign keys and the
PostgreSQL append-only triggers follow the rename)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('verifiable', '0001_verifiable_elections'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='auditedballot',
            table=None,
        ),
        migrations.AlterModelTable(
            name='boardentry',
            table=None,
        ),
        migrations.AlterModelTable(
            name='seenciphertext',
            table=None,
        ),
        migrations.AlterModelTable(
            name='teller',
            table=None,
        ),
        migrations.AlterModelTable(
            name='tellermessage',
            table=None,
        ),
        migrations.AlterModelTable(
            name='votercredential',
            table=None,
        ),
    ]
