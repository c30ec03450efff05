"""The characteristics page: the services directly (who may, what is checked, the protected
ones never retired, retired ones kept by past assessments), and the page end to end."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Characteristic
from eqtrack.assessments.services import (
    AssessmentError,
    assessment_start,
    characteristic_add,
    characteristic_restore,
    characteristic_retire,
    policy_create,
)
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough", slug="borough")  # seeded with 13


@pytest.fixture
def admin(council):
    return member_create(council, Role.ADMINISTRATOR, username="ada")


def _named(council, name):
    return Characteristic.objects.get(organisation=council, name=name)


def _history():
    return list(Characteristic.history.values_list("history_id", flat=True))


# The services


def test_a_local_characteristic_is_checked_added_retired_and_restored(council, admin):
    before = _history()
    for name, hint, message in [
        ("  ", "", "give the characteristic a name"),
        ("x" * 101, "", "100 characters or fewer"),
        ("Rural", "y" * 301, "300 characters or fewer"),
        ("carers", "", "already a characteristic called 'carers'"),
    ]:
        with pytest.raises(AssessmentError, match=message):
            characteristic_add(organisation=council, name=name, hint=hint, user=admin)
    assert _history() == before
    rural = characteristic_add(
        organisation=council, name=" Rural  isolation ", hint="Far from services.", user=admin
    )
    assert (rural.name, rural.statutory, rural.retired_at) == ("Rural isolation", False, None)
    characteristic_retire(characteristic=rural, user=admin)
    retired_at = Characteristic.objects.get(pk=rural.pk).retired_at
    assert retired_at is not None
    characteristic_retire(characteristic=rural, user=admin)  # again: the first date stays
    assert Characteristic.objects.get(pk=rural.pk).retired_at == retired_at
    characteristic_restore(characteristic=rural, user=admin)
    assert Characteristic.objects.get(pk=rural.pk).retired_at is None
    reasons = [v.history_change_reason for v in rural.history.order_by("history_id")]
    assert reasons == [
        "Characteristic added",
        "Characteristic retired",
        "Characteristic back in use",
    ]


def test_the_protected_characteristics_are_never_retired(council, admin):
    before = _history()
    with pytest.raises(AssessmentError, match="Equality Act 2010"):
        characteristic_retire(characteristic=_named(council, "Race"), user=admin)
    assert _named(council, "Race").retired_at is None
    assert _history() == before


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OWNER, Role.REVIEWER, Role.MANAGER])
def test_only_administrators_change_the_characteristics(council, admin, role):
    carers = _named(council, "Carers")
    outsider = member_create(Organisation.objects.create(name="O", slug="o"), Role.ADMINISTRATOR)
    before = _history()
    for user in (member_create(council, role), outsider):
        with pytest.raises(PermissionDenied):
            characteristic_add(organisation=council, name="Rural", user=user)
        with pytest.raises(PermissionDenied):
            characteristic_retire(characteristic=carers, user=user)
        with pytest.raises(PermissionDenied):
            characteristic_restore(characteristic=carers, user=user)
    assert _history() == before


# The page


def test_the_page_lists_protected_local_and_retired_in_constant_queries(
    client, council, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    characteristic_retire(characteristic=_named(council, "Carers"), user=admin)
    with django_assert_max_num_queries(12) as few:
        client.get("/borough/manage/characteristics/")
    for n in range(30):
        characteristic_add(organisation=council, name=f"Local {n}", user=admin)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/borough/manage/characteristics/")
    html = page.content.decode()
    protected = html[html.index("Protected characteristics") : html.index("Local characteristics")]
    assert "Sexual orientation" in protected and "Poverty" not in protected
    assert "Poverty and socio-economic disadvantage" in html and "Local 29" in html
    retired = html[html.index(">Retired<") : html.index("Add a local characteristic")]
    assert "Carers" in retired and "Use it again" in retired
    assert "the law does not protect" in html  # plain-English help on local characteristics


def test_a_local_characteristic_added_on_the_page_is_in_new_assessments(client, council, admin):
    client.force_login(admin)
    author = member_create(council, Role.OWNER)
    policy = policy_create(organisation=council, title="Parking", user=author)
    earlier = assessment_start(policy=policy, user=author)
    added = client.post(
        "/borough/manage/characteristics/", {"name": "Rural isolation", "hint": "Far out."}
    )
    assert added.status_code == 302
    rural = _named(council, "Rural isolation")
    assert not earlier.impacts.filter(characteristic=rural).exists()
    earlier.state = earlier.State.SIGNED_OFF  # so a new version may start
    earlier.save()
    later = assessment_start(policy=policy, user=author)
    assert later.impacts.filter(characteristic=rural).exists()


def test_a_duplicate_gives_the_message_and_changes_nothing(client, council, admin):
    client.force_login(admin)
    before = _history()
    page = client.post("/borough/manage/characteristics/", {"name": "Carers"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("There is already a characteristic called &#x27;Carers&#x27;") == 2
    assert 'href="#id_name"' in html
    empty = client.post("/borough/manage/characteristics/", {"name": ""})
    assert "Enter the name of the characteristic" in empty.content.decode()
    assert _history() == before


def test_retiring_asks_first_and_past_assessments_keep_it(client, council, admin):
    client.force_login(admin)
    author = member_create(council, Role.OWNER)
    assessment = assessment_start(
        policy=policy_create(organisation=council, title="Parking", user=author), user=author
    )
    carers = _named(council, "Carers")
    confirm = client.get(f"/borough/manage/characteristics/{carers.pk}/").content.decode()
    assert "Retire Carers?" in confirm
    done = client.post(f"/borough/manage/characteristics/{carers.pk}/", {"step": "retire"})
    assert done.status_code == 302
    assert _named(council, "Carers").retired_at is not None
    assert assessment.impacts.filter(characteristic=carers).exists()
    client.post(f"/borough/manage/characteristics/{carers.pk}/", {"step": "restore"})
    assert _named(council, "Carers").retired_at is None


def test_a_protected_characteristic_cannot_be_retired_on_the_page(client, council, admin):
    client.force_login(admin)
    race = _named(council, "Race")
    page = client.get(f"/borough/manage/characteristics/{race.pk}/").content.decode()
    assert "Race cannot be retired" in page
    done = client.post(
        f"/borough/manage/characteristics/{race.pk}/", {"step": "retire"}, follow=True
    )
    assert "The nine protected characteristics of the Equality Act 2010" in done.content.decode()
    assert _named(council, "Race").retired_at is None


def test_a_characteristic_of_another_council_is_not_found(client, council, admin):
    other = Organisation.objects.create(name="Other", slug="other")
    theirs = _named(other, "Carers")
    client.force_login(admin)
    response = client.post(f"/borough/manage/characteristics/{theirs.pk}/", {"step": "retire"})
    assert response.status_code == 404
    assert _named(other, "Carers").retired_at is None
