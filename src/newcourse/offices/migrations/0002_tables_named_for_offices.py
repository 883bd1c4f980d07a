"""Offices and terms move to their own app: their tables take the app's name (data kept;
foreign keys follow the rename on SQLite 3.26+ and PostgreSQL)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('offices', '0001_offices_and_terms_from_elections'),
        ('elections', '0006_elections_point_at_offices'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='office',
            table=None,
        ),
        migrations.AlterModelTable(
            name='term',
            table=None,
        ),
    ]
