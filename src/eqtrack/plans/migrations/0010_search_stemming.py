"""Search finds words by their stem on SQLite too ("disabilities" finds "disability")."""

from django.db import migrations

from eqtrack.web.fts import STEMMED, UNSTEMMED, retokenize

TABLE = {"table": "plans_action_search", "content": "plans_action"}


class Migration(migrations.Migration):
    dependencies = [("plans", "0009_plan_content_version")]
    operations = [
        migrations.RunPython(
            retokenize(**TABLE, tokenizer=STEMMED), retokenize(**TABLE, tokenizer=UNSTEMMED)
        )
    ]
