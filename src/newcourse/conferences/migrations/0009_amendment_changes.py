"""An amendment keeps what it changes, worked out once (here, for the amendments already
submitted; `amendment_submit` for those to come).

It calls the library as it is when the migration runs, not a frozen copy: the changes must be
the ones the library's line numbers give, and a library that numbered lines otherwise would
need a migration of its own to work them out again (see `Amendment.changes`)."""

from django.db import migrations, models

from newcourse.documents import diff_documents, parse_document


def _source(title, text):
    """`Motion.document_source`, which a migration's historical model does not have."""
    escaped = text.replace("{", "{{").replace("}", "}}")
    return f"# {title}\n\n{escaped}\n"


def changes_worked_out(apps, schema_editor):
    Amendment = apps.get_model("conferences", "Amendment")
    for amendment in Amendment.objects.select_related("motion").iterator(chunk_size=200):
        motion = amendment.motion
        hunks = diff_documents(
            parse_document(_source(motion.title, motion.text)),
            parse_document(_source(motion.title, amendment.text)),
        )
        amendment.changes = [
            [hunk.old_start, list(hunk.old_lines), hunk.new_start, list(hunk.new_lines)]
            for hunk in hunks
        ]
        amendment.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0008_agenda_and_papers"),
    ]

    operations = [
        migrations.AddField(
            model_name="amendment",
            name="changes",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(changes_worked_out, migrations.RunPython.noop),
    ]
