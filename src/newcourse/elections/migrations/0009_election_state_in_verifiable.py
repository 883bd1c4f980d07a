"""Election.crypto goes: its keys are VerifiableElection's fields now (verifiable 0003)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('elections', '0008_verifiable_parts_move_out'),
        ('verifiable', '0003_state_from_election_crypto'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='election',
            name='crypto',
        ),
    ]
