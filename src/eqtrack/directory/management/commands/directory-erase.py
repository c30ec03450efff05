"""`eqtrack directory-erase`: export or erase a directory contact's personal details on request."""

import json

from django.core.management.base import BaseCommand, CommandError

from eqtrack.directory.models import Contact
from eqtrack.directory.services import contact_erase


class Command(BaseCommand):
    help = (
        "Export or erase a contact's details, found by e-mail address. --export prints them "
        "as JSON; --erase erases them, leaving the listing, and the history of everything "
        "else, in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The contact's e-mail address")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true")
        action.add_argument("--erase", action="store_true")

    def handle(self, *args, **options):
        contacts = list(
            Contact.objects.filter(email__iexact=options["email"].strip()).select_related("service")
        )
        if not contacts:
            raise CommandError(f"no contact has the e-mail address {options['email']!r}")
        if options["export"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "listing": c.service.name,
                            "name": c.name,
                            "title": c.title,
                            "email": c.email,
                            "phone": c.phone,
                            "published": [
                                d for d in ("name", "email", "phone") if getattr(c, f"publish_{d}")
                            ],
                        }
                        for c in contacts
                    ],
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        for contact in contacts:
            contact_erase(contact=contact)
            self.stdout.write(f"Erased the contact details on {contact.service.name}.")
