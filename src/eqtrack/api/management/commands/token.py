"""`eqtrack token`: make, list and revoke a person's API tokens."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from eqtrack.api.models import ApiToken
from eqtrack.api.services import token_create, token_revoke


class Command(BaseCommand):
    help = (
        "Make, list or revoke API tokens. A token acts as its person, with their role: "
        "`eqtrack token create --user jo --name 'Power BI'` prints a new token once."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["create", "list", "revoke"])
        parser.add_argument("--user", required=True, help="The person's user name")
        parser.add_argument("--name", default="", help="What the token is for (create)")
        parser.add_argument("--prefix", default="", help="The token's first characters (revoke)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"--user: there is no user {options['user']!r}")
        if options["what"] == "create":
            try:
                token, key = token_create(user=user, name=options["name"])
            except ValueError as e:
                raise CommandError(f"--name: {e}") from None
            self.stdout.write(f"Token {token.name!r} for {user.username} (shown only now):\n{key}")
            self.stdout.write("Send it as the header  Authorization: Bearer <token>")
        elif options["what"] == "list":
            for token in ApiToken.objects.filter(user=user):
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "live"
                self.stdout.write(f"{token.prefix}…  {token.name}  ({state})")
        else:
            tokens = ApiToken.objects.filter(
                user=user, prefix=options["prefix"], revoked_at__isnull=True
            )
            if not options["prefix"] or tokens.count() != 1:
                raise CommandError("--prefix: name one live token by its first characters")
            token_revoke(token=tokens.get())
            self.stdout.write(f"Revoked {options['prefix']}….")
