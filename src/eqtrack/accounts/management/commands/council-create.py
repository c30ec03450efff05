"""`eqtrack council-create`: the site operator adds a council and invites its first
administrator, who then runs everything else from the council's own pages."""

from django.core.management.base import BaseCommand, CommandError

from eqtrack.accounts.services import PeopleError, council_create


class Command(BaseCommand):
    help = (
        "Add a council to this site and e-mail its first administrator a link to choose a "
        "password. They invite everyone else, set up teams and import plans from the "
        "council's pages: no Django admin is needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='The council\'s name, e.g. "Maidstone Borough Council"')
        parser.add_argument(
            "--admin-email", required=True, help="The first administrator's work e-mail address"
        )
        parser.add_argument(
            "--admin-name", required=True, help='The first administrator\'s name, e.g. "Ann Lee"'
        )

    def handle(self, *args, **options):
        try:
            membership = council_create(
                name=options["name"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
            )
        except PeopleError as e:
            raise CommandError(f"{e.field or 'council'}: {e}") from e
        organisation = membership.organisation
        self.stdout.write(
            f"Added {organisation.name} (/{organisation.slug}/) and invited "
            f"{membership.user.email} as its administrator: they have been e-mailed a link "
            "to choose a password."
        )
