"""The admin: versions listed and restored, archive instead of delete."""

import pytest

from eqtrack.plans.models import Action

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def test_an_actions_history_lists_its_versions_and_offers_restore(admin_client):
    action = ActionFactory(text="First wording.")
    action.text = "Second wording."
    action.save()
    page = admin_client.get(f"/admin/plans/action/{action.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    first = action.history.order_by("history_id").first()
    assert f"/admin/plans/action/{action.pk}/history/{first.history_id}/" in html
    # Reverting through the admin's form saves the old version as the newest.
    revert_url = f"/admin/plans/action/{action.pk}/history/{first.history_id}/"
    form = admin_client.get(revert_url)
    assert form.status_code == 200 and "First wording." in form.content.decode()


def test_nothing_can_be_deleted_in_the_admin(admin_client):
    action = ActionFactory()
    assert admin_client.get(f"/admin/plans/action/{action.pk}/delete/").status_code == 403
    changelist = admin_client.get("/admin/plans/action/").content.decode()
    assert "delete_selected" not in changelist
    assert "archive_selected" in changelist


def test_archive_and_restore_actions_keep_the_record_and_its_versions(admin_client):
    action = ActionFactory()
    response = admin_client.post(
        "/admin/plans/action/", {"action": "archive_selected", "_selected_action": [action.pk]}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.archived_at is not None
    admin_client.post(
        "/admin/plans/action/", {"action": "restore_selected", "_selected_action": [action.pk]}
    )
    action.refresh_from_db()
    assert action.archived_at is None
    assert [v.history_change_reason for v in action.history.order_by("history_id")] == [
        None,
        "Archived",
        "Restored from archive",
    ]
    assert Action.objects.filter(pk=action.pk).exists()
