"""Offices and terms move from the elections app to their own: step 2 of 3, state only:
the models are declared here over the existing tables, renamed in 0002."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('elections', '0005_offices_move_out'),
        ('organisation', '0002_officers_hold_elected_office'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are: only Django's idea of which app owns them moves.
            state_operations=[
                migrations.CreateModel(
                    name='Office',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=120, verbose_name='title')),
                        ('kind', models.CharField(choices=[('post', 'Single post'), ('committee', 'Committee'), ('delegation', 'Delegation'), ('tellers', 'Tellers')], max_length=20, verbose_name='kind')),
                        ('seats', models.PositiveSmallIntegerField(default=1, verbose_name='seats')),
                        ('term_months', models.PositiveSmallIntegerField(default=24, verbose_name='term (months)')),
                        ('consecutive_term_limit', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='limit on consecutive terms')),
                        ('method', models.CharField(choices=[('auto', 'Scottish STV for several seats, instant-runoff for one'), ('scottish-stv', 'Scottish STV'), ('meek', 'Meek STV'), ('ers97', 'ERS97 STV'), ('irv', 'Instant-runoff (alternative vote)'), ('plurality', 'Plurality (first past the post)'), ('approval', 'Approval (mark every candidate you approve of)')], default='auto', max_length=20, verbose_name='counting method')),
                        ('eligibility_months', models.PositiveSmallIntegerField(default=0, verbose_name='months in good standing needed to stand')),
                        ('recall_threshold_percent', models.PositiveSmallIntegerField(default=20, verbose_name='signatures needed for a recall (% of the electorate)')),
                        ('recall_majority', models.CharField(choices=[('simple', 'Simple majority'), ('two-thirds', 'Two thirds')], default='simple', max_length=20, verbose_name='majority needed to recall')),
                        ('verifiable', models.BooleanField(default=False, verbose_name='verifiable ballots')),
                        ('credentials_by_letter', models.BooleanField(default=False, verbose_name='voting credentials by printed letter instead of email')),
                        ('nomination_days', models.PositiveSmallIntegerField(default=14, verbose_name='days for nominations')),
                        ('voting_days', models.PositiveSmallIntegerField(default=7, verbose_name='days for voting')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offices', to='organisation.body')),
                    ],
                    options={
                        'db_table': 'elections_office',
                        'ordering': ['body__path', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Term',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('founding', models.BooleanField(default=False)),
                        ('began_on', models.DateField(verbose_name='began on')),
                        ('due_on', models.DateField(verbose_name='term ends on')),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended early on')),
                        ('end_reason', models.CharField(blank=True, choices=[('completed', 'Term completed'), ('recalled', 'Recalled by the members'), ('resigned', 'Resigned'), ('membership', 'No longer a member')], max_length=20)),
                        ('election', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='terms', to='elections.election')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='terms', to='organisation.member')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='terms', to='offices.office')),
                    ],
                    options={
                        'db_table': 'elections_term',
                        'ordering': ['office', '-began_on'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='office',
                    constraint=models.UniqueConstraint(fields=('body', 'title'), name='one_office_title_per_body'),
                ),
            ],
            database_operations=[],
        ),
    ]
