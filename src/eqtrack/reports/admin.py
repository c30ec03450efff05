"""Admin for the glossary, which officers edit; every change kept."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GlossaryEntry


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(SimpleHistoryAdmin):
    list_display = ["term", "expansion", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["term", "expansion"]
