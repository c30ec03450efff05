"""Back to an index of whole words (0009 stemmed them): a stemmed index could not find a word
typed in part; other forms of a word are now found by the query (web/fts.py: fts5_match)."""

from django.db import migrations

from eqtrack.web.fts import STEMMED, UNSTEMMED, retokenize

TABLE = {"table": "directory_service_search", "content": "directory_service"}


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_search_stemming")]
    operations = [
        migrations.RunPython(
            retokenize(**TABLE, tokenizer=UNSTEMMED), retokenize(**TABLE, tokenizer=STEMMED)
        )
    ]
