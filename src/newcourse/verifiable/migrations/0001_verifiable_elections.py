"""The verifiable election's parts in their own app: its typed state (new), and the tellers,
credentials, board and audited ballots declared over their existing tables."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('elections', '0008_verifiable_parts_move_out'),
        ('organisation', '0002_officers_hold_elected_office'),
    ]

    operations = [
        migrations.CreateModel(
            name='VerifiableElection',
            fields=[
                ('election', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name='verification', serialize=False, to='elections.election')),
                ('record_id', models.CharField(max_length=80, unique=True)),
                ('tellers', models.PositiveSmallIntegerField()),
                ('threshold', models.PositiveSmallIntegerField()),
                ('status', models.CharField(choices=[('ceremony', 'Tellers making the election key'), ('voting', 'Encrypted ballots on the board'), ('closed', "Board closed: awaiting the tellers' decryption"), ('counted', 'Decrypted and counted'), ('void', 'Void: too few tellers decrypted in time'), ('secret-ballot', 'Held as a secret ballot, not verifiable')], default='ceremony', max_length=20)),
                ('manifest', models.JSONField(blank=True, null=True)),
                ('fingerprint', models.CharField(blank=True, max_length=64)),
                ('election_key', models.CharField(blank=True, max_length=64)),
                ('qualified', models.JSONField(blank=True, default=list)),
                ('options', models.JSONField(blank=True, default=list)),
                ('aggregate', models.JSONField(blank=True, null=True)),
                ('board_head', models.CharField(blank=True, max_length=64)),
                ('counted', models.PositiveIntegerField(blank=True, null=True)),
                ('board_entries', models.PositiveIntegerField(blank=True, null=True)),
                ('totals', models.JSONField(blank=True, null=True)),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            # Declared over the existing elections_* tables, renamed in 0002.
            state_operations=[
                migrations.CreateModel(
                    name='Teller',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('index', models.PositiveSmallIntegerField()),
                        ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='tellers', to='elections.election')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.member')),
                    ],
                    options={
                        'db_table': 'elections_teller',
                        'ordering': ['election', 'index'],
                    },
                ),
                migrations.CreateModel(
                    name='TellerMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('public-key', 'Public key'), ('commitment', 'Commitment'), ('deal', 'Deal'), ('complaints', 'Check of the deals'), ('decryption-share', 'Decryption share')], max_length=20)),
                        ('document', models.JSONField()),
                        ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('teller', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='messages', to='verifiable.teller')),
                    ],
                    options={
                        'db_table': 'elections_tellermessage',
                    },
                ),
                migrations.CreateModel(
                    name='VoterCredential',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=64)),
                        ('weight', models.PositiveIntegerField(default=1)),
                        ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voter_credentials', to='elections.election')),
                    ],
                    options={
                        'db_table': 'elections_votercredential',
                        'ordering': ['election', 'key'],
                    },
                ),
                migrations.CreateModel(
                    name='AuditedBallot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tracker', models.CharField(max_length=64)),
                        ('document', models.JSONField()),
                        ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audited', to='elections.election')),
                    ],
                    options={
                        'db_table': 'elections_auditedballot',
                        'ordering': ['election', 'received_at', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('election', 'tracker'), name='one_audited_tracker')],
                    },
                ),
                migrations.CreateModel(
                    name='BoardEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('seq', models.PositiveIntegerField()),
                        ('prev', models.CharField(max_length=64)),
                        ('supersedes', models.PositiveIntegerField(blank=True, null=True)),
                        ('credential', models.CharField(max_length=64)),
                        ('tracker', models.CharField(max_length=64)),
                        ('hash', models.CharField(max_length=64)),
                        ('ballot', models.JSONField()),
                        ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='board', to='elections.election')),
                    ],
                    options={
                        'db_table': 'elections_boardentry',
                        'ordering': ['election', 'seq'],
                        'indexes': [models.Index(fields=['election', 'credential'], name='board_by_credential')],
                        'constraints': [models.UniqueConstraint(fields=('election', 'seq'), name='one_board_entry_per_seq'), models.UniqueConstraint(fields=('election', 'tracker'), name='one_board_tracker')],
                    },
                ),
                migrations.CreateModel(
                    name='SeenCiphertext',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('alpha', models.CharField(max_length=64)),
                        ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='elections.election')),
                    ],
                    options={
                        'db_table': 'elections_seenciphertext',
                        'constraints': [models.UniqueConstraint(fields=('election', 'alpha'), name='one_use_of_each_alpha')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='teller',
                    constraint=models.UniqueConstraint(fields=('election', 'index'), name='one_teller_per_index'),
                ),
                migrations.AddConstraint(
                    model_name='teller',
                    constraint=models.UniqueConstraint(fields=('election', 'member'), name='one_index_per_teller'),
                ),
                migrations.AddConstraint(
                    model_name='tellermessage',
                    constraint=models.UniqueConstraint(fields=('teller', 'kind'), name='one_file_per_teller_step'),
                ),
                migrations.AddConstraint(
                    model_name='votercredential',
                    constraint=models.UniqueConstraint(fields=('election', 'key'), name='one_credential_key_each'),
                ),
            ],
            database_operations=[],
        ),
    ]
