"""Sets up the stand-in provider and serves it until stopped:

    python -m oidc_provider_site.serve PORT REDIRECT_URI USERNAME:EMAIL:PASSWORD ...

with OIDC_PROVIDER_DATA_DIR naming an empty directory for its database. It creates the tables,
an RSA key to sign ID tokens with (`creatersakey`), the people given, and one confidential
client, "eqtrack" (secret "eqtrack-secret"), allowed to send people back to REDIRECT_URI with
an authorisation code and not asking them to consent; then runs `runserver --noreload`."""

import os
import sys


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oidc_provider_site.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    port, redirect_uri, *people = argv
    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    for person in people:
        username, email, password = person.split(":", 2)
        get_user_model().objects.create_user(username, email=email, password=password)
    client = Client.objects.create(
        name="eqtrack",
        client_type="confidential",
        client_id="eqtrack",
        client_secret="eqtrack-secret",
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = [redirect_uri]
    client.scope = ["openid", "email", "profile"]
    client.save()
    client.response_types.set([ResponseType.objects.get(value="code")])
    print("provider ready to start", flush=True)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main(sys.argv[1:])
