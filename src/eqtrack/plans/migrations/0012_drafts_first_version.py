"""A round's new update used to be stored first as approved, with the draft's words, and made
a draft in a second save; its first version in the history said "approved". Visitors' history
shows approved versions only, so those first versions are put right: they were drafts."""

from django.db import migrations


def first_versions_were_drafts(apps, schema_editor):
    HistoricalUpdate = apps.get_model("plans", "HistoricalUpdate")
    # Only rounds' drafts are saved with this reason (rounds.services.update_save_draft), and
    # an approved update is never saved as a draft: no real approval has it.
    HistoricalUpdate.objects.filter(state="approved", history_change_reason="Draft saved").update(
        state="draft"
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0011_search_whole_words")]
    operations = [migrations.RunPython(first_versions_were_drafts, migrations.RunPython.noop)]
