from django.db import migrations, models
from django.db.models.functions import Now


def accept_existing(apps, schema_editor):
    """Memberships made before invitations existed stay what they were: accepted."""
    member = apps.get_model("alliances", "AllianceMember")
    member.objects.filter(accepted_at__isnull=True).update(accepted_at=Now())


class Migration(migrations.Migration):
    dependencies = [
        ("alliances", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="alliancemember",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted"),
        ),
        migrations.RunPython(accept_existing, migrations.RunPython.noop, elidable=True),
    ]
