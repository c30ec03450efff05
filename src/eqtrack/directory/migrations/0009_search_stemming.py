"""Directory search finds words by their stem on SQLite too ("carers" finds "carer")."""

from django.db import migrations

from eqtrack.web.fts import STEMMED, UNSTEMMED, retokenize

TABLE = {"table": "directory_service_search", "content": "directory_service"}


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_calendar_moving_dates")]
    operations = [
        migrations.RunPython(
            retokenize(**TABLE, tokenizer=STEMMED), retokenize(**TABLE, tokenizer=UNSTEMMED)
        )
    ]
