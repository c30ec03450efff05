"""Back to an index of whole words (0010 stemmed them): a stemmed index could not find a word
typed in part ("communit"); other forms of a word are now found by the query instead
(web/fts.py: fts5_match)."""

from django.db import migrations

from eqtrack.web.fts import STEMMED, UNSTEMMED, retokenize

TABLE = {"table": "plans_action_search", "content": "plans_action"}


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_search_stemming")]
    operations = [
        migrations.RunPython(
            retokenize(**TABLE, tokenizer=UNSTEMMED), retokenize(**TABLE, tokenizer=STEMMED)
        )
    ]
