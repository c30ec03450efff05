"""`eqtrack demo`: set up the database and load the sample plan and demo accounts."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.files import InputError
from eqtrack.web.demo import demo_load


class Command(BaseCommand):
    help = (
        "Set up a demo site, with a sample plan and demo accounts. Migrates the database, "
        "loads the sample plan from the seed reports, and creates the demo accounts."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            result, accounts = demo_load()
        except InputError as e:
            raise CommandError(str(e)) from None
        plan = result.plan
        actions = plan.actions.filter(archived_at__isnull=True).count()
        self.stdout.write(
            f"Loaded the sample plan: {plan.title}, {plan.organisation.name}: {actions} actions "
            f"over {plan.periods.count()} periods."
        )
        self.stdout.write(f"Plan page: /{plan.organisation.slug}/{plan.slug}/")
        self.stdout.write("Demo accounts (passwords are new each time you run the demo):")
        for account in accounts:
            self.stdout.write(f"  {account.username} / {account.password}   ({account.role})")
        round = plan.rounds.first()
        self.stdout.write(
            "Sign in at /sign-in/. The 2023 round is open at "
            f"/{plan.organisation.slug}/rounds/{round.pk}/ (demo-officer writes the Community "
            "Leader updates, demo-reviewer reviews them, demo-admin closes the round). "
            "Signed in, CL4 links an illustrative weighted resident survey."
        )
        slug = plan.organisation.slug
        self.stdout.write(
            f"Indicators read from the reports: /{slug}/{plan.slug}/indicators/ (signed in). "
            "demo-reviewer has confirmed five, which the plan page and dashboard show; the rest "
            "are suggestions to confirm, rename or reject (demo-officer's: CL2 and CL3)."
        )
        self.stdout.write(
            f"demo-admin runs the council from its page (/{slug}/#manage): people, teams, plan "
            "editing, glossary, calendar, consultations; no Django admin. The site operator's "
            "admin (/admin/) needs an account made with `eqtrack createsuperuser`."
        )
        self.stdout.write(
            f"Community directory: /{slug}/directory/ (made-up listings; Open Referral UK API at "
            f"/openreferral/services). Diversity calendar: /{slug}/diversity-calendar/. Policy "
            f"register and equality impact assessments: /{slug}/policies/ (signed in)."
        )
        self.stdout.write(
            f"Pay gaps and the workforce: /{slug}/pay-gaps/ (published; a made-up staff file of "
            f"600 people for 2025 and 2026, against the real Census 2021 figures for Maidstone); "
            f"demo-admin uploads and publishes at /{slug}/workforce/."
        )
        self.stdout.write(
            f"Have your say: /{slug}/have-your-say/ (an open survey anyone can answer, and a "
            "closed one with 2,000 made-up responses weighted to the census, its themes and its "
            "published results); demo-admin builds surveys and reads who has answered from each "
            f"consultation's page, /{slug}/consultations/. A quick poll is on /{slug}/."
        )
        self.stdout.write(
            f"Social value in procurement: /{slug}/tenders/ (demo-procurement; an illustrative "
            "tender with three bidders, scored by demo-evaluator and demo-evaluator-2, moderated, "
            f"confirmed by demo-admin and awarded), /{slug}/contracts/ (demo-contracts; its "
            f"contract with a year of accepted returns), /{slug}/social-value/ (the measures "
            "library); the plan page shows the social value delivered on the action it serves."
        )
