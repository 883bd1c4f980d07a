"""Offices and terms move from the elections app to their own: step 3 of 3, state only:
elections now refer to offices.Office and offices.Term."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('elections', '0005_offices_move_out'),
        ('offices', '0001_offices_and_terms_from_elections'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are: only Django's idea of which app owns them moves.
            state_operations=[
                migrations.AlterField(
                    model_name='election',
                    name='office',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='elections', to='offices.office'),
                ),
                migrations.RemoveField(
                    model_name='term',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='term',
                    name='election',
                ),
                migrations.RemoveField(
                    model_name='term',
                    name='member',
                ),
                migrations.AlterField(
                    model_name='election',
                    name='recall_of',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='recall_votes', to='offices.term'),
                ),
                migrations.AlterField(
                    model_name='recallpetition',
                    name='term',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recall_petitions', to='offices.term'),
                ),
                migrations.DeleteModel(
                    name='Office',
                ),
                migrations.DeleteModel(
                    name='Term',
                ),
            ],
            database_operations=[],
        ),
    ]
