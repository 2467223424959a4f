"""Snapshots store why a target stands where it does as a reason (code and figures), no longer as a
Vietnamese sentence. A sentence already stored is kept, readable, under the code "text" until the
nightly refresh (`thidua progress refresh`) recomputes every snapshot with a real reason."""

from django.db import migrations, models


def sentences_to_reasons(apps, schema_editor):
    Snapshot = apps.get_model("tracking", "ProgressSnapshot")
    for snapshot in Snapshot.objects.exclude(sentence="").only("pk", "sentence").iterator():
        Snapshot.objects.filter(pk=snapshot.pk).update(reason={"code": "text", "params": {"text": snapshot.sentence}})


def reasons_to_sentences(apps, schema_editor):
    Snapshot = apps.get_model("tracking", "ProgressSnapshot")
    for snapshot in Snapshot.objects.filter(reason__code="text").only("pk", "reason").iterator():
        Snapshot.objects.filter(pk=snapshot.pk).update(sentence=snapshot.reason["params"]["text"])


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_unit_plans")]

    operations = [
        migrations.AddField(
            model_name="progresssnapshot",
            name="reason",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(sentences_to_reasons, reasons_to_sentences),
        migrations.RemoveField(model_name="progresssnapshot", name="sentence"),
    ]
