"""Calendar events are archived, not deleted, when an administrator removes one from the
calendar's page: its history stays, and seeding the calendar again leaves it out."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0012_edit_links'),
    ]

    operations = [
        migrations.AddField(
            model_name='calendarevent',
            name='archived_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalcalendarevent',
            name='archived_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
