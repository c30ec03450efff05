"""The procurement permission matrix's cases for the delivery pages (see test_permissions.py)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from eqtrack.core.link_secrets import link_secret_hash
from eqtrack.procurement.models import ReturnLine, ReturnLink, SupplierReturn

# Who reads contracts (can_read_tenders), and who manages this one (can_manage_contract: the
# procurement officer, the administrator and the contract manager named on it).
READ = {
    "anonymous": 302,
    "outsider": 404,
    "viewer": 200,
    "owner": 404,
    "procurement": 200,
    "evaluator": 404,
    "other_evaluator": 404,
    "contract_manager": 200,
    "administrator": 200,
}
CHANGE = {**READ, "viewer": 403, "procurement": 302, "contract_manager": 302, "administrator": 302}


def _everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(READ, status)


def _link(w: dict, secret: str, **state: object) -> ReturnLink:
    fields = {
        "organisation": w["org"],
        "contract": w["contract"],
        "period_start": dt.date(2026, 4, 1),
        "period_end": dt.date(2026, 6, 30),
        "secret_hash": link_secret_hash(secret),
        "expires_at": timezone.now() + dt.timedelta(days=60),
    }
    return ReturnLink.objects.create(**{**fields, **state})


def cases(w: dict) -> list[tuple]:
    """(url name, method, url, data, {role: expected status}); 302 for visitors means "sent to
    sign in", 404 means the thing does not exist as far as that person can tell."""
    slug = w["org"].slug
    contract = w["contract"]
    kpi = w["kpi"]
    waiting = SupplierReturn.objects.create(
        organisation=w["org"],
        contract=contract,
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
        submitted_at=timezone.now(),
        submitted_by_name="Sam Supplier",
    )
    ReturnLine.objects.create(organisation=w["org"], supplier_return=waiting, kpi=kpi, delivered=0)
    unopened = _link(w, "unopened-secret")
    _link(w, "used-secret", opened_at=timezone.now(), used_at=timezone.now())
    _link(w, "revoked-secret", revoked_at=timezone.now())
    _link(w, "expired-secret", expires_at=timezone.now() - dt.timedelta(days=1))

    def url(name: str, *args: object) -> str:
        return reverse(name, args=[slug, *args])

    def returns(secret: str) -> str:
        return url("procurement-return-open", secret)

    return [
        # The supplier's link (before a manager withdraws it below): its page offers a button
        # and changes nothing.
        ("procurement-return-open", "get", returns("unopened-secret"), {}, _everyone(200)),
        ("procurement-contract-list", "get", url("procurement-contract-list"), {}, READ),
        (
            "procurement-contract-detail",
            "get",
            url("procurement-contract-detail", contract.pk),
            {},
            READ,
        ),
        (
            "procurement-contract-detail",
            "get",
            url("procurement-contract-detail", 999999),
            {},
            {
                **READ,
                "viewer": 404,
                "procurement": 404,
                "contract_manager": 404,
                "administrator": 404,
            },
        ),
        (
            "procurement-return-detail",
            "get",
            url("procurement-return-detail", contract.pk, waiting.pk),
            {},
            READ,
        ),
        ("procurement-kpi-rate", "get", url("procurement-kpi-rate", contract.pk, kpi.pk), {}, READ),
        (
            "procurement-return-link-send",
            "post",
            url("procurement-return-link-send", contract.pk),
            {"period": "2026-07-01_2026-09-30"},
            CHANGE,
        ),
        (
            "procurement-return-link-revoke",
            "post",
            url("procurement-return-link-revoke", contract.pk, unopened.pk),
            {},
            CHANGE,
        ),
        (
            "procurement-return-detail",
            "post",
            url("procurement-return-detail", contract.pk, waiting.pk),
            {"decision": "query", "note": "Which weeks?"},
            CHANGE,
        ),
        (
            "procurement-kpi-rate",
            "post",
            url("procurement-kpi-rate", contract.pk, kpi.pk),
            {"year_ending": "2027-03-31", "rating": "inadequate", "note": ""},
            CHANGE,
        ),
        # A link that grants nothing says why (a forged one is not found).
        ("procurement-return-open", "get", returns("no-such-secret"), {}, _everyone(404)),
        ("procurement-return-open", "post", returns("no-such-secret"), {}, _everyone(404)),
        ("procurement-return-open", "get", returns("used-secret"), {}, _everyone(410)),
        ("procurement-return-open", "post", returns("used-secret"), {}, _everyone(410)),
        ("procurement-return-open", "post", returns("revoked-secret"), {}, _everyone(410)),
        ("procurement-return-open", "post", returns("expired-secret"), {}, _everyone(410)),
        # The form without a link opened in this browser does not exist.
        ("procurement-return-form", "get", url("procurement-return-form"), {}, _everyone(404)),
        (
            "procurement-return-form",
            "post",
            url("procurement-return-form"),
            {f"delivered_{kpi.pk}": "3", "name": "Sam"},
            _everyone(404),
        ),
    ]
