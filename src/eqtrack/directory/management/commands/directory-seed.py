"""`eqtrack directory-seed --organisation SLUG`: the directory's taxonomy, the characteristics
its sign-up offers and the year's diversity calendar, for a council starting out (a new
organisation has the first two from when it is set up; this gives them to older ones)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eqtrack.assessments.services import characteristics_seed
from eqtrack.directory.services import calendar_seed, taxonomy_seed
from eqtrack.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Give an organisation the directory's starting taxonomy and calendar. The taxonomy: "
        "voluntary and community groups, faith groups and places of worship, armed forces and "
        "veterans, …; the calendar: the diversity calendar's awareness days for a year. Running "
        "it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, metavar="SLUG")
        parser.add_argument("--year", type=int, default=timezone.localdate().year)

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"--organisation: there is no organisation {options['organisation']!r}"
            )
        taxonomy = taxonomy_seed(organisation=organisation)
        characteristics_seed(organisation=organisation)
        events = calendar_seed(organisation=organisation, year=options["year"])
        self.stdout.write(
            f"{organisation.name}: {taxonomy.terms.count()} directory categories, "
            f"{len(events)} calendar events."
        )
