"""factory_boy factories for the plan model."""

import factory

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Period, Plan, Theme, Update


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"borough-{n}")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"plan-{n}")
    title = "Equalities Action Plan"
    published = True


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    plan = factory.SubFactory(PlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    label = factory.Sequence(lambda n: str(2020 + n))
    position = factory.Sequence(int)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Theme {n}")
    objective = "An objective."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    theme = factory.SubFactory(ThemeFactory)
    plan = factory.SelfAttribute("theme.plan")
    organisation = factory.SelfAttribute("theme.organisation")
    position = factory.Sequence(int)
    ref = factory.Sequence(lambda n: f"A{n}")
    text = factory.Sequence(lambda n: f"We will do thing {n}.")


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SelfAttribute("action.organisation")
    period = factory.SubFactory(PeriodFactory, plan=factory.SelfAttribute("..action.plan"))
    progress = factory.LazyFunction(lambda: ["Progress made."])
    status_text = "Ongoing/remain included in action plan"
    status_category = "ongoing"
