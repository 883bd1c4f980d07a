"""The verifiable election's parts move to their own app (state only; tables renamed there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('elections', '0007_timetable_failures'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay: only Django's idea of which app owns them moves.
            state_operations=[
                migrations.RemoveField(
                    model_name='boardentry',
                    name='election',
                ),
                migrations.RemoveField(
                    model_name='seenciphertext',
                    name='election',
                ),
                migrations.RemoveField(
                    model_name='teller',
                    name='election',
                ),
                migrations.RemoveField(
                    model_name='teller',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='tellermessage',
                    name='teller',
                ),
                migrations.RemoveField(
                    model_name='votercredential',
                    name='election',
                ),
                migrations.DeleteModel(
                    name='AuditedBallot',
                ),
                migrations.DeleteModel(
                    name='BoardEntry',
                ),
                migrations.DeleteModel(
                    name='SeenCiphertext',
                ),
                migrations.DeleteModel(
                    name='Teller',
                ),
                migrations.DeleteModel(
                    name='TellerMessage',
                ),
                migrations.DeleteModel(
                    name='VoterCredential',
                ),
            ],
            database_operations=[],
        ),
    ]
