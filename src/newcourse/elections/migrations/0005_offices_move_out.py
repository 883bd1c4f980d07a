"""Offices and terms move from the elections app to their own: step 1 of 3, state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('elections', '0004_approval_method'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are: only Django's idea of which app owns them moves.
            state_operations=[
                migrations.RemoveField(
                    model_name='office',
                    name='body',
                ),
            ],
            database_operations=[],
        ),
    ]
