"""Edit links become one-time rows (a hash of the secret, opened, used, revoked) instead of
signed tokens that worked for 30 days; links already mailed stop working."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0011_search_filed_words'),
        ('organisations', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='EditLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('secret_hash', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField()),
                ('opened_at', models.DateTimeField(blank=True, null=True)),
                ('used_at', models.DateTimeField(blank=True, null=True)),
                ('revoked_at', models.DateTimeField(blank=True, null=True)),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='edit_links', to='directory.contact')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='organisations.organisation')),
                ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='edit_links', to='directory.service')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
    ]
