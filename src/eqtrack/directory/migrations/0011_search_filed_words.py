"""Listings are found by the names of their categories and of the characteristics they
especially serve too (Service.words): their search_text made again with them. Saved with
update(), so SQLite's full-text triggers (0006) index it."""

from django.db import migrations


def search_text_for(
    *, name, description, group_name, group_description, terms, characteristics
):
    """directory.models.search_text_for as it was when this migration was written (frozen:
    a migration imports no live code)."""
    return "\n".join([name, description, group_name, group_description, *terms, *characteristics])


def refill(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    services = Service.objects.select_related("group").prefetch_related(
        "terms", "characteristics"
    )
    for service in services.iterator(chunk_size=500):
        Service.objects.filter(pk=service.pk).update(
            search_text=search_text_for(
                name=service.name,
                description=service.description,
                group_name=service.group.name,
                group_description=service.group.description,
                terms=[term.name for term in service.terms.all()],
                characteristics=[c.name for c in service.characteristics.all()],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_search_whole_words")]
    # Going back keeps the extra words, which do no harm: the code before this makes a
    # listing's text again, without them, whenever the listing is saved.
    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
