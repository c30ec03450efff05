"""Every view, for every role: who gets the page, who is refused, and that a refused change
changes nothing. The plan is unpublished, so visitors must see none of it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import URLResolver, get_resolver

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Assessment, Impact, Policy
from eqtrack.importing.models import StatusWording
from eqtrack.notifications.models import Follow, Kind, NoticePreference
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Measure, MeasureValue, Plan, Update
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.models import LateOpening, ReportingRound, Review
from eqtrack.rounds.services import round_open, update_save_draft, update_submit

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "viewer",
    "owner",
    "other_owner",
    "reviewer",
    "manager",
    "administrator",
]
NO_UUID = "00000000-0000-4000-8000-000000000000"
MEMBERS = ["viewer", "owner", "other_owner", "reviewer", "manager", "administrator"]


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=4, periods=2))
    org = plan.organisation
    hr, it = (Team.objects.create(organisation=org, name=n) for n in ("HR", "IT"))
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(team=hr)
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    people = {
        "anonymous": None,
        "outsider": member_create(other.organisation, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
        "owner": member_create(org, Role.OWNER, teams=[hr]),
        "other_owner": member_create(org, Role.OWNER, teams=[it]),
        "reviewer": member_create(org, Role.REVIEWER),
        "manager": member_create(org, Role.MANAGER),
        "administrator": member_create(org, Role.ADMINISTRATOR),
    }
    round = round_open(
        plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=people["administrator"]
    )
    action.refresh_from_db()
    update = update_save_draft(
        round=round,
        action=action,
        progress=["Drafted."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=people["owner"],
    )
    update_submit(round=round, update=update, user=people["owner"])
    measure = _measure(action)
    proposed = _proposal(plan, people["administrator"])
    consultation = _consultation(plan, action)
    from eqtrack.consultations.services import draft_start

    consultation_draft = draft_start(
        organisation=org, user=people["administrator"], title="Half-way survey"
    )
    from eqtrack.assessments.services import assessment_start, policy_create

    policy = policy_create(organisation=org, title="Allocations", user=people["owner"])
    assessment = assessment_start(policy=policy, user=people["owner"])
    from eqtrack.assessments.models import Characteristic
    from eqtrack.consultations.models import ConsultationDocument, ConsultationFAQ
    from eqtrack.directory.models import CalendarEvent
    from eqtrack.reports.models import GlossaryEntry, WordTemplate
    from eqtrack.surveys.models import Poll

    WordTemplate.objects.create(organisation=org, filename="council.docx", content=b"x")
    survey, draft_survey = _surveys(org, people["administrator"])
    return {
        "other_org": other.organisation.slug,
        "survey": survey,
        "draft_survey": draft_survey,
        "membership": Membership.objects.get(user=people["viewer"]),
        "team": hr,
        "glossary_entry": GlossaryEntry.objects.create(
            organisation=org, term="EqIA", expansion="Equality Impact Assessment"
        ),
        "calendar_event": CalendarEvent.objects.create(
            organisation=org, title="Pride", starts_on=dt.date(2031, 6, 1)
        ),
        "characteristic": Characteristic.objects.get(organisation=org, name="Carers"),
        "policy": policy,
        "assessment": assessment,
        "plan": plan,
        "org": org.slug,
        "action": action,
        "measure": measure,
        "round": round,
        "update": update,
        "proposed": proposed,
        "consultation": consultation,
        "consultation_draft": consultation_draft,
        "consultation_document": ConsultationDocument.objects.create(
            organisation=org,
            consultation=consultation,
            title="The plan",
            filename="plan.pdf",
            content_type="application/pdf",
            content=b"%PDF-1.4\n",
            size=9,
        ),
        "poll": Poll.objects.create(organisation=org, question="Sundays?", options=["Yes", "No"]),
        "consultation_faq": ConsultationFAQ.objects.create(
            organisation=org, consultation=consultation, question="Who?", answer="Everyone."
        ),
        "staff_upload": _staff(org, people["administrator"]),
        "people": people,
    }


def _measure(action):
    """An indicator read from the HR action's progress, still to check (a suggestion)."""
    measure = Measure.objects.create(
        organisation=action.organisation, action=action, label="staff trained", unit="count"
    )
    MeasureValue.objects.create(
        organisation=action.organisation,
        measure=measure,
        update=action.updates.order_by("pk").first(),
        label="staff trained",
        value=12,
        text="12 staff trained",
    )
    return measure


def _proposal(plan, administrator):
    """An approved update of the last action (no team's), with a draft version never approved
    that the administrator has restored: a text waiting for review beside the approved one."""
    from eqtrack.plans.services import version_restore

    update = Update.objects.filter(action__plan=plan).order_by("-action_id", "pk").first()
    update.progress, update.state = ["Never approved."], Update.State.DRAFT
    update.save()
    draft = update.history.order_by("-history_id").first()
    update.progress, update.state = ["Approved."], Update.State.APPROVED
    update.save()
    version_restore(
        organisation=plan.organisation, obj=update, history_id=draft.history_id, user=administrator
    )
    update.refresh_from_db()
    assert update.proposed is not None
    return update


def _consultation(plan, action):
    import pandas as pd

    from eqtrack.consultations.services import consultation_create, profile_create
    from eqtrack.consultations.weighting import Margin

    profile = profile_create(
        organisation=plan.organisation,
        name="Borough",
        margins=[Margin("age", {"Under 35": 30, "35 and over": 70})],
    )
    responses = pd.DataFrame({"age": ["Under 35"] * 30 + ["35 and over"] * 70})
    return consultation_create(
        organisation=plan.organisation,
        title="Survey",
        responses_filename="s.csv",
        responses=responses.to_csv(index=False).encode(),
        profile=profile,
        action=action,
    )


def _surveys(org, administrator):
    """An open survey (a required choice, then a free-text question with a theme found in its
    answers) for a consultation of its own, and a draft survey nobody outside may read of."""
    from eqtrack.surveys.models import Question, Theme
    from eqtrack.surveys.services.building import question_add, survey_create, survey_open
    from eqtrack.surveys.tests.building_world import consultation_make

    survey = survey_create(consultation=consultation_make(org), user=administrator)
    question_add(
        survey=survey,
        user=administrator,
        kind=Question.Kind.ONE_CHOICE,
        text="How often do you visit a park?",
        required=True,
        options=["Every week", "Less often"],
    )
    free = question_add(
        survey=survey, user=administrator, kind=Question.Kind.FREE_TEXT, text="What would help?"
    )
    survey = survey_open(survey=survey, user=administrator)
    Theme.objects.create(organisation=org, question=free, number=1, top_words=["parking"])
    draft = survey_create(
        consultation=consultation_make(org, "Libraries, not yet announced"), user=administrator
    )
    question_add(
        survey=draft, user=administrator, kind=Question.Kind.FREE_TEXT, text="Which library?"
    )
    return survey, draft


def _staff(org, administrator):
    """An unpublished staff snapshot at 31 March 2031, a published one a year before, and a
    file waiting for its columns to be mapped."""
    from eqtrack.workforce.illustrative import illustrative_staff_csv
    from eqtrack.workforce.services import staff_snapshot_import, staff_upload_keep

    data = illustrative_staff_csv(people=30)
    for year, published in ((2031, False), (2030, True)):
        staff_snapshot_import(
            organisation=org,
            data=data,
            source="staff.csv",
            snapshot=dt.date(year, 3, 31),
            publish=published,
        )
    return staff_upload_keep(
        organisation=org,
        user=administrator,
        data=data.replace(b"employee_id", b"Payroll no", 1),
        source="payroll.csv",
        columns=["Payroll no", *data.decode().splitlines()[0].split(",")[1:]],
        snapshot=dt.date(2031, 3, 31),
    )


def _state():
    """Everything a refused request must leave alone."""
    from django.contrib.auth.models import User

    from eqtrack.assessments.models import Characteristic
    from eqtrack.consultations.models import (
        Consultation,
        ConsultationDocument,
        ConsultationDraft,
        ConsultationFAQ,
        PopulationProfile,
    )
    from eqtrack.directory.models import CalendarEvent
    from eqtrack.duty.models import DutyRecord
    from eqtrack.organisations.models import Organisation
    from eqtrack.reports.models import GlossaryEntry, WordTemplate
    from eqtrack.surveys.models import (
        Answer,
        Poll,
        PollVote,
        Question,
        Response,
        Survey,
        Theme,
        ThemeAssignment,
    )
    from eqtrack.workforce.models import StaffMember, StaffSnapshot, StaffUpload, WorkforceSettings

    return (
        list(Membership.history.values_list("history_id", flat=True)),
        list(Team.history.values_list("history_id", flat=True)),
        list(Organisation.history.values_list("history_id", flat=True)),
        list(User.objects.values_list("pk", "password")),
        GlossaryEntry.history.count(),
        WordTemplate.history.count(),
        CalendarEvent.history.count(),
        Characteristic.history.count(),
        Consultation.history.count(),
        PopulationProfile.history.count(),
        ConsultationDraft.objects.count(),
        ConsultationDocument.objects.count(),
        ConsultationFAQ.history.count(),
        list(Poll.history.values_list("history_id", flat=True)),
        PollVote.objects.count(),
        list(Survey.history.values_list("history_id", flat=True)),
        list(Question.history.values_list("history_id", flat=True)),
        list(Response.objects.values_list("pk", "submitted_at", "email_confirmed_at")),
        Answer.objects.count(),
        list(Theme.history.values_list("history_id", flat=True)),
        ThemeAssignment.objects.count(),
        list(Update.history.values_list("history_id", "state")),
        list(ReportingRound.objects.values_list("pk", "closed_at")),
        Review.objects.count(),
        list(LateOpening.history.values_list("history_id", flat=True)),
        Follow.objects.count(),
        list(NoticePreference.objects.values_list("user_id", "kind", "choice")),
        list(Plan.objects.values_list("pk", "published", "archived_at")),
        list(Measure.objects.values_list("pk", "state", "label", "reviewed_by")),
        list(MeasureValue.objects.values_list("pk", "label")),
        list(Action.history.values_list("history_id", flat=True)),
        Policy.history.count(),
        Assessment.history.count(),
        Impact.history.count(),
        list(StatusWording.objects.values_list("pk", "wording", "category", "archived_at")),
        list(StaffSnapshot.history.values_list("history_id", flat=True)),
        StaffMember.objects.count(),
        StaffUpload.objects.count(),
        WorkforceSettings.history.count(),
        DutyRecord.history.count(),
    )


# (name, method, url, data, expected status per role). 302 for visitors means "sent to sign in";
# 404 means the thing does not exist as far as that person can tell.
def _cases(w):
    o, p, r, a, u = w["org"], w["plan"].slug, w["round"].pk, w["action"].pk, w["update"].pk
    c = w["consultation"].pk
    doc, faq = w["consultation_document"].pk, w["consultation_faq"].pk
    poll = w["poll"].pk
    previews = {**dict.fromkeys(ROLES, 404), "administrator": 200}
    cd, cp = w["consultation_draft"].pk, w["consultation"].profile_id
    su, wd, pd = w["staff_upload"].pk, "2031-03-31", "2030-03-31"
    pol, ea = w["policy"].pk, w["assessment"].pk
    impact = w["assessment"].impacts.first().pk
    proposed = w["proposed"]
    theme = w["action"].theme_id
    proposal_url = f"/{o}/{p}/actions/{proposed.action_id}/updates/{proposed.pk}/proposal/"
    authors = {**dict.fromkeys(MEMBERS, 200), "viewer": 403}
    editors = {**dict.fromkeys(MEMBERS, 403), "owner": 200, "administrator": 200}
    edit_posts = {**dict.fromkeys(MEMBERS, 403), "owner": 302, "administrator": 302}
    members_read = {"anonymous": 404, "outsider": 404, **dict.fromkeys(MEMBERS, 200)}
    signed_in_read = {**members_read, "anonymous": 302}
    administrators_only = {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200}
    admins_only = {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200}
    m, checkers = w["measure"].pk, ("owner", "reviewer", "administrator")
    measure_checkers = {**dict.fromkeys(MEMBERS, 403), **dict.fromkeys(checkers, 200)}
    return [
        ("home", "get", "/", {}, dict.fromkeys(ROLES, 200)),
        ("healthz", "get", "/healthz", {}, dict.fromkeys(ROLES, 200)),
        ("sign-in", "get", "/sign-in/", {}, {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
        # The council's front page is for everyone (its members also see their open rounds).
        ("organisation-home", "get", f"/{o}/", {}, dict.fromkeys(ROLES, 200)),
        ("api-plans", "get", "/api/v1/plans/", {}, dict.fromkeys(ROLES, 200)),
        ("api-openapi", "get", "/api/openapi.json", {}, dict.fromkeys(ROLES, 200)),
        ("api-plan", "get", f"/api/v1/plans/{o}/{p}/", {}, members_read),
        (
            "api-committee-summary",
            "get",
            f"/api/v1/plans/{o}/{p}/committee-summary",
            {},
            members_read,
        ),
        ("plan-detail", "get", f"/{o}/{p}/", {}, members_read),
        ("plan-search", "get", f"/{o}/{p}/search/?q=action", {}, members_read),
        ("plan-dashboard", "get", f"/{o}/{p}/dashboard/", {}, members_read),
        ("committee-summary", "get", f"/{o}/{p}/dashboard/summary.pdf", {}, members_read),
        ("plan-download", "get", f"/{o}/{p}/download.csv", {}, members_read),
        ("action-history", "get", f"/{o}/{p}/actions/{a}/history/", {}, members_read),
        (
            "action-history",
            "post",
            f"/{o}/{p}/actions/{a}/history/",
            {"version": "nonsense"},
            {
                "anonymous": 404,
                "outsider": 404,
                "viewer": 403,
                "owner": 404,  # may restore, but there is no such version
                "other_owner": 403,
                "reviewer": 403,
                "manager": 403,
                "administrator": 404,
            },
        ),
        # A restored text waiting for review: the council's people read it; reviewers and
        # administrators decide (the administrator restored it, so may only withdraw it).
        ("update-proposal", "get", proposal_url, {}, members_read),
        (
            "update-proposal",
            "post",
            proposal_url,
            {"decision": ""},  # no decision: the form back with its error, nothing changes
            {**members_read, **dict.fromkeys(MEMBERS, 403), "reviewer": 200, "administrator": 200},
        ),
        (
            "follow",
            "post",
            f"/{o}/{p}/follow/action/{a}/",
            {"following": "1"},
            {"anonymous": 302, "outsider": 404, **dict.fromkeys(MEMBERS, 302)},
        ),
        # Everyone signed in chooses their own notices (whichever council they are of).
        (
            "notices",
            "get",
            "/account/notices/",
            {},
            {**dict.fromkeys(ROLES, 200), "anonymous": 302},
        ),
        (
            "notices",
            "post",
            "/account/notices/",
            {"round_opened": "off"},  # the other kinds missing: the form back, nothing saved
            {**dict.fromkeys(ROLES, 200), "anonymous": 302},
        ),
        (
            "notices",
            "post",
            "/account/notices/",
            {kind: "digest" for kind in Kind.values},
            {**dict.fromkeys(ROLES, 302)},
        ),
        ("rounds", "get", f"/{o}/{p}/rounds/", {}, signed_in_read),
        (
            "rounds",
            "post",
            f"/{o}/{p}/rounds/",
            {"period": "2032", "deadline": "01/01/2032"},
            # The 2031 round is still open: the administrator gets the form back with the reason.
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        ("round-detail", "get", f"/{o}/rounds/{r}/", {}, signed_in_read),
        (
            "round-update",
            "get",
            f"/{o}/rounds/{r}/actions/{a}/",
            {},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "owner": 200, "administrator": 200},
        ),
        (
            "round-update",
            "post",
            f"/{o}/rounds/{r}/actions/{a}/",
            {"progress": "Changed", "next_steps": "", "status_text": ""},
            # The update is submitted, so even its owner's save is refused: back to the update,
            # shown read-only, with the reason.
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "owner": 302, "administrator": 302},
        ),
        (
            "round-review",
            "get",
            f"/{o}/rounds/{r}/updates/{u}/review/",
            {},
            {
                **signed_in_read,
                **dict.fromkeys(MEMBERS, 403),
                "reviewer": 200,
                "administrator": 200,
            },
        ),
        (
            "round-review",
            "post",
            f"/{o}/rounds/{r}/updates/{u}/review/",
            {"decision": "return", "comment": "More detail"},
            {
                **signed_in_read,
                **dict.fromkeys(MEMBERS, 403),
                "reviewer": 302,
                "administrator": 302,
            },
        ),
        ("consultation-detail", "get", f"/{o}/consultations/{c}/", {}, signed_in_read),
        (
            "consultation-weighted",
            "get",
            f"/{o}/consultations/{c}/weighted.csv",
            {},
            signed_in_read,
        ),
        # Consultations and population profiles: the council's members read them; only those
        # who may manage consultations (administrators) change them.
        ("consultation-list", "get", f"/{o}/consultations/", {}, signed_in_read),
        ("consultation-new", "get", f"/{o}/consultations/new/", {}, admins_only),
        # No title: the administrator gets the form back with its error; nothing is kept.
        ("consultation-new", "post", f"/{o}/consultations/new/", {"title": ""}, admins_only),
        *[
            (
                "consultation-draft",
                "get",
                f"/{o}/consultations/new/{cd}/{step}/",
                {},
                {**admins_only, "administrator": status},
            )
            # The draft has a title only: the columns and answers pages send the administrator
            # to upload the responses first.
            for step, status in (
                ("details", 200),
                ("responses", 200),
                ("profile", 200),
                ("columns", 302),
                ("answers", 302),
                ("check", 200),
            )
        ],
        # Saving a draft with no responses: the check page again, saying what is missing.
        (
            "consultation-draft",
            "post",
            f"/{o}/consultations/new/{cd}/check/",
            {"save": "1"},
            admins_only,
        ),
        ("consultation-change", "get", f"/{o}/consultations/{c}/change/", {}, admins_only),
        (
            "consultation-change",
            "post",
            f"/{o}/consultations/{c}/change/",
            {"step": "check"},  # a draft of the change, nothing changed in the consultation
            {**admins_only, "administrator": 302},
        ),
        # A consultation's page: its administrators write it (a bad form comes back, nothing
        # kept); the public read the council's public consultations, and administrators
        # preview one that is not public yet (the world's is not).
        ("consultation-page-new", "get", f"/{o}/consultations/new-page/", {}, admins_only),
        ("consultation-page-new", "post", f"/{o}/consultations/new-page/", {}, admins_only),
        ("consultation-page-change", "get", f"/{o}/consultations/{c}/page/", {}, admins_only),
        ("consultation-profile", "get", f"/{o}/consultations/{c}/population/", {}, admins_only),
        (
            "consultation-profile",
            "post",
            f"/{o}/consultations/{c}/population/",
            {"profile": ""},
            admins_only,
        ),
        (
            "consultation-page-change",
            "post",
            f"/{o}/consultations/{c}/page/",
            {"title": ""},
            admins_only,
        ),
        (
            "consultation-document-add",
            "get",
            f"/{o}/consultations/{c}/documents/new/",
            {},
            admins_only,
        ),
        (
            "consultation-document-add",
            "post",
            f"/{o}/consultations/{c}/documents/new/",
            {"title": ""},
            admins_only,
        ),
        (
            "consultation-document-remove",
            "get",
            f"/{o}/consultations/{c}/documents/{doc}/remove/",
            {},
            admins_only,
        ),
        ("consultation-faq-add", "get", f"/{o}/consultations/{c}/questions/new/", {}, admins_only),
        (
            "consultation-faq-add",
            "post",
            f"/{o}/consultations/{c}/questions/new/",
            {"question": ""},
            admins_only,
        ),
        (
            "consultation-faq-change",
            "get",
            f"/{o}/consultations/{c}/questions/{faq}/",
            {},
            admins_only,
        ),
        (
            "consultation-faq-change",
            "post",
            f"/{o}/consultations/{c}/questions/{faq}/",
            {"question": ""},
            admins_only,
        ),
        (
            "consultation-faq-remove",
            "get",
            f"/{o}/consultations/{c}/questions/{faq}/remove/",
            {},
            admins_only,
        ),
        (
            "consultation-faq-move",
            "post",
            f"/{o}/consultations/{c}/questions/{faq}/move/",
            {"direction": "up"},  # the only question: it stays where it is
            {**admins_only, "administrator": 302},
        ),
        (
            "consultation-results-page",
            "get",
            f"/{o}/consultations/{c}/results-page/",
            {},
            admins_only,
        ),
        (
            "consultation-results-page",
            "post",
            f"/{o}/consultations/{c}/results-page/",
            {"charts": ["no-such-chart"]},
            admins_only,
        ),
        # Quick polls: administrators run them; anyone votes (no answer: the question again).
        ("poll-list", "get", f"/{o}/polls/", {}, admins_only),
        ("poll-new", "get", f"/{o}/polls/new/", {}, admins_only),
        ("poll-new", "post", f"/{o}/polls/new/", {"question": ""}, admins_only),
        ("poll-close", "get", f"/{o}/polls/{poll}/close/", {}, admins_only),
        ("poll", "get", f"/{o}/polls/{poll}/", {}, dict.fromkeys(ROLES, 200)),
        ("poll", "post", f"/{o}/polls/{poll}/", {"option": ""}, dict.fromkeys(ROLES, 200)),
        ("have-your-say", "get", f"/{o}/have-your-say/", {}, dict.fromkeys(ROLES, 200)),
        ("have-your-say-page", "get", f"/{o}/have-your-say/{c}/", {}, previews),
        ("have-your-say-results", "get", f"/{o}/have-your-say/{c}/results/", {}, previews),
        (
            "have-your-say-document",
            "get",
            f"/{o}/have-your-say/{c}/documents/{doc}/",
            {},
            members_read,  # not public yet: its members read its files
        ),
        ("profile-list", "get", f"/{o}/population-profiles/", {}, signed_in_read),
        ("profile-detail", "get", f"/{o}/population-profiles/{cp}/", {}, signed_in_read),
        ("profile-new", "get", f"/{o}/population-profiles/new/", {}, admins_only),
        ("profile-new", "post", f"/{o}/population-profiles/new/", {"source": ""}, admins_only),
        ("profile-new-census", "get", f"/{o}/population-profiles/new/census/", {}, admins_only),
        (
            "profile-new-census",
            "post",
            f"/{o}/population-profiles/new/census/",
            {"name": ""},
            admins_only,
        ),
        ("profile-new-upload", "get", f"/{o}/population-profiles/new/upload/", {}, admins_only),
        (
            "profile-new-upload",
            "post",
            f"/{o}/population-profiles/new/upload/",
            {"name": ""},
            admins_only,
        ),
        (
            "profile-archive",
            "get",
            f"/{o}/population-profiles/{cp}/archive/",
            {},
            admins_only,
        ),
        (
            "profile-archive",
            "post",
            f"/{o}/population-profiles/{cp}/archive/",
            {},  # the survey uses it: refused, back to the profile with the reason
            {**admins_only, "administrator": 302},
        ),
        # Workforce: staff figures are personal data until published, so only administrators
        # see and change them; the published figures are public, the rest exist for no one.
        ("workforce", "get", f"/{o}/workforce/", {}, admins_only),
        ("workforce", "post", f"/{o}/workforce/", {}, admins_only),  # no file: the form again
        ("workforce-settings", "get", f"/{o}/workforce/retention/", {}, admins_only),
        (
            "workforce-settings",
            "post",
            f"/{o}/workforce/retention/",
            {"keep_personal_months": "0"},  # refused by the form: nothing changed
            admins_only,
        ),
        ("workforce-columns", "get", f"/{o}/workforce/uploads/{su}/", {}, admins_only),
        ("workforce-columns", "post", f"/{o}/workforce/uploads/{su}/", {}, admins_only),
        ("workforce-snapshot", "get", f"/{o}/workforce/{wd}/", {}, admins_only),
        (
            "workforce-snapshot",
            "post",
            f"/{o}/workforce/{wd}/",
            {"step": "nonsense"},  # back to the page with a message, nothing changed
            {**admins_only, "administrator": 302},
        ),
        ("workforce-document", "get", f"/{o}/workforce/{wd}/pay-gaps.html", {}, admins_only),
        ("pay-gaps", "get", f"/{o}/pay-gaps/", {}, dict.fromkeys(ROLES, 200)),
        ("pay-gaps-snapshot", "get", f"/{o}/pay-gaps/{pd}/", {}, dict.fromkeys(ROLES, 200)),
        ("pay-gaps-snapshot", "get", f"/{o}/pay-gaps/{wd}/", {}, dict.fromkeys(ROLES, 404)),
        (
            "pay-gaps-document",
            "get",
            f"/{o}/pay-gaps/{pd}/pay-gaps.html",
            {},
            dict.fromkeys(ROLES, 200),
        ),
        (
            "pay-gaps-document",
            "get",
            f"/{o}/pay-gaps/{wd}/pay-gaps.html",
            {},
            dict.fromkeys(ROLES, 404),
        ),
        # The duty calendar: its dates and warnings are for the council's people; recording
        # when the information was published or the objectives set, for administrators.
        ("duty-calendar", "get", f"/{o}/duties/", {}, members_read),
        ("duty-record", "get", f"/{o}/manage/duty/", {}, admins_only),
        (
            "duty-record",
            "post",
            f"/{o}/manage/duty/",
            {"objectives_set_on_day": "1", "objectives_set_on_month": "1"},  # no year: refused
            admins_only,
        ),
        (
            "api-round-actions",
            "get",
            f"/api/v1/{o}/rounds/{r}/actions/",
            {},
            {**members_read, "anonymous": 401},
        ),
        # Writing through the API needs a token (tested in api/tests/test_writes.py per role);
        # a browser session alone is refused, so no page elsewhere can write through it.
        (
            "api-round-update",
            "put",
            f"/api/v1/{o}/rounds/{r}/actions/{a}/update",
            {"progress": ["x"], "revision": 0},
            dict.fromkeys(ROLES, 401),
        ),
        (
            "api-round-review",
            "post",
            f"/api/v1/{o}/rounds/{r}/updates/{u}/review",
            {"decision": "approve"},
            dict.fromkeys(ROLES, 401),
        ),
        # Are you sure? Asking changes nothing.
        (
            "round-detail",
            "get",
            f"/{o}/rounds/{r}/?close=confirm",
            {},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        # Closing the round comes last: after it, nothing in the round can change.
        (
            "round-detail",
            "post",
            f"/{o}/rounds/{r}/",
            {"close": "1"},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 302},
        ),
        # The round is closed now: its administrators may take late updates into it.
        (
            "round-late",
            "get",
            f"/{o}/rounds/{r}/late/",
            {},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        (
            "round-late",
            "post",
            f"/{o}/rounds/{r}/late/",
            {"step": "reopen", "reason": "Late"},  # no action chosen: the form back, no change
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        (
            "round-late",
            "post",
            f"/{o}/rounds/{r}/late/",
            {"step": "close", "opening": "999999"},  # no such late opening
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 404},
        ),
        (
            "import-start",
            "get",
            f"/{o}/import/",
            {},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        (
            "import-start",
            "post",
            f"/{o}/import/",
            {"target": "new"},  # no files: the administrator gets the form back with an error
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        (
            "import-statuses",
            "get",
            f"/{o}/import/statuses/",
            {},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
        ),
        (
            "import-statuses",
            "post",
            f"/{o}/import/statuses/",
            {"wording": "Nobody chose this", "forget": "1"},  # nothing to forget: no change
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 302},
        ),
        (
            "import-check",
            "get",
            f"/{o}/import/abcdefghijklmnopqrstuvwx/",
            {},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 404},
        ),
        (
            "import-check",
            "post",
            f"/{o}/import/abcdefghijklmnopqrstuvwx/",
            {"confirm": "1"},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 404},
        ),
        ("policy-register", "get", f"/{o}/policies/", {}, signed_in_read),
        ("policy-register-download", "get", f"/{o}/policies/register.xlsx", {}, signed_in_read),
        ("policy-add", "get", f"/{o}/policies/new/", {}, {**signed_in_read, **authors}),
        ("policy-add", "post", f"/{o}/policies/new/", {"title": ""}, {**signed_in_read, **authors}),
        ("policy-detail", "get", f"/{o}/policies/{pol}/", {}, signed_in_read),
        (
            "policy-detail",
            "post",
            f"/{o}/policies/{pol}/",
            {},  # a draft exists already: refused with a message, nothing changes
            {**signed_in_read, **dict.fromkeys(MEMBERS, 302), "viewer": 403},
        ),
        ("assessment-detail", "get", f"/{o}/assessments/{ea}/", {}, signed_in_read),
        (
            "assessment-detail",
            "post",
            f"/{o}/assessments/{ea}/",
            {"step": "approve"},  # not submitted: reviewers get the form back with the reason
            {
                **signed_in_read,
                **dict.fromkeys(MEMBERS, 403),
                "reviewer": 200,
                "administrator": 200,
            },
        ),
        # Signing off and publishing are for managers and administrators; this draft is not
        # ready, so they get the page back with the reason, and nothing changes.
        *[
            (
                "assessment-detail",
                "post",
                f"/{o}/assessments/{ea}/",
                {"step": step},
                {
                    **signed_in_read,
                    **dict.fromkeys(MEMBERS, 403),
                    "manager": 200,
                    "administrator": 200,
                },
            )
            for step in ("sign_off", "publish")
        ],
        (
            "assessment-detail",
            "post",
            f"/{o}/assessments/{ea}/",
            {"step": "submit"},  # the author's own draft, not ready: the reason, no change
            {**signed_in_read, **editors},
        ),
        (
            "assessment-screening",
            "get",
            f"/{o}/assessments/{ea}/screening/",
            {},
            {**signed_in_read, **editors},
        ),
        (
            "assessment-screening",
            "post",
            f"/{o}/assessments/{ea}/screening/",
            {"relevant": "yes", "reason": "It could."},
            {**signed_in_read, **edit_posts},
        ),
        (
            "assessment-impacts",
            "get",
            f"/{o}/assessments/{ea}/impacts/",
            {},
            {**signed_in_read, **editors},
        ),
        (
            "assessment-impacts",
            "post",
            f"/{o}/assessments/{ea}/impacts/",
            {},
            {**signed_in_read, **edit_posts},
        ),
        (
            "assessment-impact-action",
            "get",
            f"/{o}/assessments/{ea}/impacts/{impact}/action/",
            {},
            {**signed_in_read, **editors},
        ),
        (
            "assessment-impact-action",
            "post",
            f"/{o}/assessments/{ea}/impacts/{impact}/action/",
            {},  # nothing chosen: the form back with its errors for those who may edit
            {**signed_in_read, **editors},
        ),
        (
            "assessment-outcome",
            "get",
            f"/{o}/assessments/{ea}/outcome/",
            {},
            {**signed_in_read, **editors},
        ),
        (
            "assessment-outcome",
            "post",
            f"/{o}/assessments/{ea}/outcome/",
            {"outcome": "no_major_change"},
            {**signed_in_read, **edit_posts},
        ),
        ("assessment-download", "get", f"/{o}/assessments/{ea}/download.docx", {}, members_read),
        (
            "assessments-published",
            "get",
            f"/{o}/equality-impact-assessments/",
            {},
            dict.fromkeys(ROLES, 200),
        ),
        (
            "assessment-published",
            "get",
            f"/{o}/equality-impact-assessments/{ea}/",
            {},
            dict.fromkeys(ROLES, 404),  # not published
        ),
        # The directory's Open Referral API and the calendar are public, for everyone alike.
        # This site has two councils, so /openreferral/ cannot tell whose directory is meant
        # and answers 404 (saying so); /<council>/openreferral/ answers.
        *[
            (
                f"{prefix}oruk-{name}",
                "get",
                f"{base}/openreferral/{route}",
                {},
                dict.fromkeys(ROLES, status if base else 404),
            )
            for prefix, base in (("", ""), ("council-", f"/{o}"))
            for name, route, status in (
                ("index", "", 200),
                ("services", "services", 200),
                ("service", f"services/{NO_UUID}", 404),
                ("taxonomies", "taxonomies", 200),
                ("taxonomy", f"taxonomies/{NO_UUID}", 404),
                ("taxonomy-terms", "taxonomy_terms", 200),
                ("taxonomy-term", f"taxonomy_terms/{NO_UUID}", 404),
                ("service-at-locations", "service_at_locations", 200),
                ("service-at-location", f"service_at_locations/{NO_UUID}", 404),
            )
        ],
        ("diversity-calendar", "get", f"/{o}/diversity-calendar/", {}, dict.fromkeys(ROLES, 200)),
        (
            "diversity-calendar-feed",
            "get",
            f"/{o}/diversity-calendar.ics",
            {},
            dict.fromkeys(ROLES, 200),
        ),
        ("directory", "get", f"/{o}/directory/", {}, dict.fromkeys(ROLES, 200)),
        ("directory-signup", "get", f"/{o}/directory/join/group/", {}, dict.fromkeys(ROLES, 200)),
        # With no answers yet, checking them sends you to the first question.
        (
            "directory-signup-check",
            "get",
            f"/{o}/directory/join/check/",
            {},
            dict.fromkeys(ROLES, 302),
        ),
        (
            "directory-signup-done",
            "get",
            f"/{o}/directory/join/sent/",
            {},
            dict.fromkeys(ROLES, 200),
        ),
        (
            "directory-moderation",
            "get",
            f"/{o}/directory/moderation/",
            {},
            {
                **signed_in_read,
                **dict.fromkeys(MEMBERS, 403),
                "reviewer": 200,
                "administrator": 200,
            },
        ),
        (
            "directory-moderation",
            "post",
            f"/{o}/directory/moderation/",
            {"kind": "listing", "id": "0", "decision": "approve"},
            {
                **signed_in_read,
                **dict.fromkeys(MEMBERS, 403),
                "reviewer": 404,
                "administrator": 404,
            },
        ),
        ("directory-edit", "get", f"/{o}/directory/change/forged/", {}, dict.fromkeys(ROLES, 404)),
        # Without a link opened in this browser, being signed in grants no change.
        ("directory-edit-form", "post", f"/{o}/directory/change/", {}, dict.fromkeys(ROLES, 404)),
        (
            "directory-confirm",
            "post",
            f"/{o}/directory/confirm/forged/",
            {},
            dict.fromkeys(ROLES, 404),
        ),
        ("directory-listing", "get", f"/{o}/directory/{NO_UUID}/", {}, dict.fromkeys(ROLES, 404)),
        (
            "update-proposal",
            "post",
            proposal_url,
            {"decision": "reject", "revision": w["proposed"].revision},
            {**members_read, **dict.fromkeys(MEMBERS, 403), "reviewer": 302, "administrator": 302},
        ),
        # Editing the plan: its administrators only. Each post without its reason gets the
        # form back with the error, and changes nothing.
        *[
            (
                name,
                method,
                url,
                data,
                {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200},
            )
            for name, url in (
                ("plan-edit", f"/{o}/{p}/edit/"),
                ("plan-introduction", f"/{o}/{p}/edit/introduction/"),
                ("theme-add", f"/{o}/{p}/edit/themes/new/"),
                ("theme-edit", f"/{o}/{p}/edit/themes/{theme}/"),
                ("theme-archive", f"/{o}/{p}/edit/themes/{theme}/archive/"),
                ("action-add", f"/{o}/{p}/edit/actions/new/"),
                ("action-edit", f"/{o}/{p}/edit/actions/{a}/"),
                ("action-archive", f"/{o}/{p}/edit/actions/{a}/archive/"),
                ("plan-teams", f"/{o}/{p}/teams/"),
            )
            for method, data in (
                ("get", {}),
                ("post", {"title": "T", "text": "T", "theme": theme, "scope": "neither"}),
            )
            if not (name == "plan-edit" and method == "post")
        ],
        (
            "action-edit",
            "post",
            f"/{o}/{p}/edit/actions/{a}/",
            {"text": "Reworded.", "theme": theme, "reason": "Clearer"},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 302},
        ),
        (
            "plan-introduction",
            "post",
            f"/{o}/{p}/edit/introduction/",
            {"introduction": "The table below lists our actions.", "reason": "Clearer"},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 302},
        ),
        # Indicators read from the progress: the actions' owners (of their teams' actions),
        # reviewers and administrators check them. Confirming one without a name is refused
        # with the form back, and changes nothing.
        (
            "plan-indicators",
            "get",
            f"/{o}/{p}/indicators/",
            {},
            {**signed_in_read, **measure_checkers, "other_owner": 200},
        ),
        (
            "plan-indicators",
            "post",
            f"/{o}/{p}/indicators/",
            {"measure": m, f"m{m}-decision": "confirm", f"m{m}-label": " "},
            {**signed_in_read, **measure_checkers},
        ),
        (
            "action-indicators",
            "get",
            f"/{o}/{p}/actions/{a}/indicators/",
            {},
            {**signed_in_read, **measure_checkers},
        ),
        (
            "action-indicators",
            "post",
            f"/{o}/{p}/actions/{a}/indicators/",
            {"measure": m, f"m{m}-decision": "reject"},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), **dict.fromkeys(checkers, 302)},
        ),
        # Late: publishing changes what every later request here could see (before signing out).
        (
            "plan-publish",
            "post",
            f"/{o}/{p}/publish/",
            {"published": "1"},
            {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 302},
        ),
        # The council's people, teams and details: its administrators only. The posts are
        # empty or refused forms, so the administrator gets the form back and nothing changes.
        *[
            (name, method, url, {}, administrators_only)
            for name, url in (
                ("people", f"/{o}/manage/people/"),
                ("person-invite", f"/{o}/manage/people/invite/"),
                ("person-detail", f"/{o}/manage/people/{w['membership'].pk}/"),
                ("teams", f"/{o}/manage/teams/"),
                ("team-detail", f"/{o}/manage/teams/{w['team'].pk}/"),
                ("council-details", f"/{o}/manage/council/"),
            )
            for method in ("get", "post")
        ],
        (
            "person-detail",
            "post",
            f"/{o}/manage/people/{w['membership'].pk}/",
            {"step": "deactivate", "status-reason": ""},  # no reason: refused, the form back
            administrators_only,
        ),
        (
            "team-detail",
            "post",
            f"/{o}/manage/teams/{w['team'].pk}/",
            {"step": "rename", "name": "IT"},  # taken: refused, the form back with the reason
            administrators_only,
        ),
        # The logo is public (this council has none); the landing page sends each on.
        ("organisation-logo", "get", f"/{o}/logo", {}, dict.fromkeys(ROLES, 404)),
        ("landing", "get", "/signed-in/", {}, dict.fromkeys(ROLES, 302)),
        # A link that was never sent: the page saying to ask for a new invitation.
        ("invitation-accept", "get", "/invitation/MQ/forged-token/", {}, dict.fromkeys(ROLES, 200)),
        (
            "invitation-accept",
            "post",
            "/invitation/MQ/forged-token/",
            {"new_password1": "a long new password 9", "new_password2": "a long new password 9"},
            dict.fromkeys(ROLES, 200),
        ),
        *_manage_cases(w, signed_in_read),
        *_survey_cases(w, signed_in_read),
        ("sign-out", "post", "/sign-out/", {}, dict.fromkeys(ROLES, 200)),
        (
            "admin",
            "get",
            "/admin/",
            {},
            {**dict.fromkeys(ROLES, 302)},  # no role here is staff: the admin is for superusers
        ),
    ]


def _survey_cases(w, signed_in_read):
    """A consultation's survey: those who manage consultations (administrators) build it,
    type in paper responses, download the responses (residents' own words) and theme them;
    the council's members read the counts, the results and the paper copy; residents answer
    an open survey without signing in, and find nothing under another council's address."""
    o, other = w["org"], w["other_org"]
    survey, draft = w["survey"], w["draft_survey"]
    s, ds, sc = survey.pk, draft.pk, survey.consultation_id
    first, free = survey.questions.order_by("position")
    officer = f"/{o}/consultations/{sc}/survey/"
    question = f"{officer}questions/{free.pk}/"
    page = {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200}
    sent_on = {**page, "administrator": 302}
    everyone, no_one, started = (dict.fromkeys(ROLES, n) for n in (200, 404, 302))
    public, elsewhere = f"/{o}/surveys/{s}/", f"/{other}/surveys/{s}/"
    return [
        # Building: a bad form comes back with its errors (nothing kept); opening an open
        # survey says it is open already.
        ("building-survey", "get", officer, {}, page),
        ("building-start", "get", f"{officer}start/", {}, sent_on),  # it has a survey
        ("building-settings", "get", f"{officer}settings/", {}, page),
        ("building-settings", "post", f"{officer}settings/", {"identity": "x"}, page),
        ("building-preview", "get", f"{officer}preview/", {}, page),
        ("building-open", "get", f"{officer}open/", {}, page),
        ("building-open", "post", f"{officer}open/", {}, page),
        ("building-close", "get", f"{officer}close/", {}, page),
        ("building-monitoring", "get", f"{officer}monitoring/", {}, page),
        ("building-question-new", "get", f"{officer}questions/new/", {}, page),
        ("building-question-new", "post", f"{officer}questions/new/", {"kind": "x"}, page),
        (
            "building-question-new-details",
            "get",
            f"{officer}questions/new/free_text/",
            {},
            page,
        ),
        (
            "building-question-new-details",
            "post",
            f"{officer}questions/new/free_text/",
            {"text": ""},
            page,
        ),
        ("building-question", "get", question, {}, page),
        ("building-question", "post", question, {"text": ""}, page),
        ("building-question-delete", "get", f"{question}delete/", {}, page),
        ("building-question-move", "post", f"{question}move/", {"direction": "x"}, page),
        ("building-routing", "get", f"{question}routing/", {}, page),
        ("building-routing", "post", f"{question}routing/", {"condition": "x"}, page),
        ("building-routing-answers", "get", f"{question}routing/{first.pk}/", {}, page),
        (
            "building-routing-answers",
            "post",
            f"{question}routing/{first.pk}/",
            {"answers": "x"},
            page,
        ),
        # Results: the figures and the paper copy for the council's members; the responses
        # and typing one in for administrators (a paper response missing its required
        # answer is refused).
        ("survey-responses", "get", f"{officer}responses/", {}, signed_in_read),
        ("survey-results", "get", f"{officer}results/", {}, signed_in_read),
        ("survey-results-csv", "get", f"{officer}results.csv", {}, signed_in_read),
        ("survey-results-xlsx", "get", f"{officer}results.xlsx", {}, signed_in_read),
        ("survey-questions-docx", "get", f"{officer}questions.docx", {}, signed_in_read),
        ("survey-questions-pdf", "get", f"{officer}questions.pdf", {}, signed_in_read),
        ("survey-responses-csv", "get", f"{officer}responses.csv", {}, page),
        ("survey-responses-xlsx", "get", f"{officer}responses.xlsx", {}, page),
        ("survey-paper-new", "get", f"{officer}paper/new/", {}, page),
        ("survey-paper-new", "post", f"{officer}paper/new/", {}, page),
        # Themes of the free-text answers: administrators only.
        ("survey-themes", "get", f"{officer}themes/", {}, page),
        ("survey-question-themes", "get", f"{officer}themes/{free.pk}/", {}, page),
        ("survey-theme", "get", f"{officer}themes/{free.pk}/1/", {}, page),
        (
            "survey-theme",
            "post",
            f"{officer}themes/{free.pk}/1/",
            {"action": "rename", "name": "x" * 201},  # too long: refused
            page,
        ),
        ("survey-themes-unthemed", "get", f"{officer}themes/{free.pk}/no-theme/", {}, page),
        # Residents: an open survey answers anyone (with no response started, its pages go
        # back to the start; what only a program fills in is thanked and kept nowhere).
        ("survey-start", "get", public, {}, everyone),
        ("survey-start", "post", public, {"nickname": "bot"}, started),
        ("survey-question", "get", f"{public}questions/1/", {}, started),
        ("survey-check", "get", f"{public}check/", {}, started),
        ("survey-saved", "get", f"{public}saved/", {}, started),
        ("survey-done", "get", f"{public}done/", {}, everyone),
        ("survey-link-sent", "get", f"{public}check-your-email/", {}, everyone),
        ("survey-resume", "get", f"/{o}/surveys/resume/{'x' * 43}/", {}, no_one),
        # A draft survey says it is not open (and nothing of it, see test_responding_views).
        ("survey-start", "get", f"/{o}/surveys/{ds}/", {}, everyone),
        ("survey-done", "get", f"/{o}/surveys/{ds}/done/", {}, everyone),
        # Another council's address: no such survey.
        ("survey-start", "get", elsewhere, {}, no_one),
        ("survey-start", "post", elsewhere, {"nickname": "bot"}, no_one),
        ("survey-question", "get", f"{elsewhere}questions/1/", {}, no_one),
        ("survey-check", "get", f"{elsewhere}check/", {}, no_one),
        ("survey-saved", "get", f"{elsewhere}saved/", {}, no_one),
        ("survey-done", "get", f"{elsewhere}done/", {}, no_one),
        ("survey-link-sent", "get", f"{elsewhere}check-your-email/", {}, no_one),
    ]


def _manage_cases(w, signed_in_read):
    """The council's management pages (glossary, Word template, calendar, characteristics):
    for its administrators only; each good POST sends them back to the list (302)."""
    o = w["org"]
    entry, event = w["glossary_entry"].pk, w["calendar_event"].pk
    trait = w["characteristic"].pk
    page = {**signed_in_read, **dict.fromkeys(MEMBERS, 403), "administrator": 200}
    done = {**page, "administrator": 302}
    year = dt.date.today().year
    event_data = {
        "title": "Pride Month",
        "starts_on_day": "1",
        "starts_on_month": "6",
        "starts_on_year": "2031",
        "repeats": "YEARLY",
    }
    glossary, calendar = f"/{o}/manage/glossary/", f"/{o}/manage/calendar/"
    traits = f"/{o}/manage/characteristics/"
    return [
        ("manage-glossary", "get", glossary, {}, page),
        ("manage-glossary", "post", glossary, {"term": "VCS", "expansion": "Voluntary"}, done),
        ("manage-glossary-entry", "get", f"{glossary}{entry}/", {}, page),
        (
            "manage-glossary-entry",
            "post",
            f"{glossary}{entry}/",
            {"term": "EqIA", "expansion": "Equality impact assessment"},
            done,
        ),
        ("manage-glossary-remove", "get", f"{glossary}{entry}/remove/", {}, page),
        ("manage-glossary-remove", "post", f"{glossary}{entry}/remove/", {}, done),
        ("manage-word-template", "get", f"/{o}/manage/word-template/", {}, page),
        (
            "manage-word-template-download",
            "get",
            f"/{o}/manage/word-template/download/",
            {},
            page,
        ),
        ("manage-word-template", "post", f"/{o}/manage/word-template/", {"reset": "1"}, done),
        ("manage-calendar", "get", calendar, {}, page),
        ("manage-calendar", "post", calendar, {"year": str(year)}, done),
        ("manage-calendar-add", "get", f"{calendar}new/", {}, page),
        ("manage-calendar-add", "post", f"{calendar}new/", event_data, done),
        ("manage-calendar-event", "get", f"{calendar}{event}/", {}, page),
        ("manage-calendar-event", "post", f"{calendar}{event}/", event_data, done),
        ("manage-calendar-remove", "get", f"{calendar}{event}/remove/", {}, page),
        ("manage-calendar-remove", "post", f"{calendar}{event}/remove/", {}, done),
        ("manage-characteristics", "get", traits, {}, page),
        ("manage-characteristics", "post", traits, {"name": "Rural isolation"}, done),
        ("manage-characteristic", "get", f"{traits}{trait}/", {}, page),
        ("manage-characteristic", "post", f"{traits}{trait}/", {"step": "retire"}, done),
    ]


CHANGES = {
    *(
        (f"manage-{name}", "post")
        for name in (
            "glossary",
            "glossary-entry",
            "glossary-remove",
            "word-template",
            "calendar",
            "calendar-add",
            "calendar-event",
            "calendar-remove",
            "characteristics",
            "characteristic",
        )
    ),
    ("plan-publish", "post"),
    ("action-edit", "post"),
    ("assessment-screening", "post"),
    ("assessment-impacts", "post"),
    ("assessment-outcome", "post"),
    ("rounds", "post"),
    ("round-detail", "post"),
    ("round-review", "post"),
    ("update-proposal", "post"),
    ("action-indicators", "post"),
    ("follow", "post"),
    ("consultation-change", "post"),
    ("notices", "post"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(world, role, client):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, method, url, data, expected in _cases(world):
        before = _state()
        if method == "put":
            response = client.put(url, json.dumps(data), content_type="application/json")
        else:
            response = getattr(client, method)(url, data)
        if response.get("Content-Type", "").startswith("text/html"):
            # Every page, not only the home page, under the strict policy and with no inline
            # script for it to have to allow.
            policy = response.get("Content-Security-Policy", "")
            if "script-src 'self'" not in policy or "unsafe-inline" in policy:
                failures.append(f"{method.upper()} {url} ({name}): CSP {policy!r}")
            if re.search(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content):
                failures.append(f"{method.upper()} {url} ({name}): an inline script")
        if response.status_code != expected[role]:
            failures.append(
                f"{method.upper()} {url} ({name}): {response.status_code}, expected {expected[role]}"
            )
        allowed = (
            response.status_code in (200, 302)
            and (name, method) in CHANGES
            and (role != "anonymous")
        )
        if method in ("post", "put") and not allowed:
            assert _state() == before, f"{method.upper()} {url} as {role} changed something"
    assert failures == []


# The Open Referral UK API: public and read-only by its standard, listing approved, visible
# listings only; directory/tests/test_openreferral*.py check what each endpoint shows whom.
# The procurement pages have their own matrix, with the procurement roles, and its own check
# that every one of their URLs is in it (procurement/tests/test_permissions.py).
_OUTSIDE_THE_MATRIX = ("oruk-", "council-oruk-", "procurement-")


def _url_names(patterns, prefix=""):
    """Every named URL, however deeply included (the apps' URLs are all included), but the
    Django admin's (its own matrix is below) and single sign-on's (the library's)."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin" and not route.startswith("oidc"):
                yield from _url_names(pattern.url_patterns, route)
        elif pattern.name and not route.startswith("oidc"):
            yield pattern.name


def test_every_url_is_in_the_matrix(world):
    """A new view must be added to the matrix above."""
    covered = {name for name, *_ in _cases(world)}
    names = set(_url_names(get_resolver().url_patterns))
    assert len(names) > 90  # the walk reaches into the apps' included URLs
    missing = {n for n in names - covered if not n.startswith(_OUTSIDE_THE_MATRIX)}
    assert missing == set()


# The Django admin: every admin URL, for every role, on the person's own council's records and
# on another council's. Each member here is staff with every Django permission a council's
# administrator is given, the most anyone short of the operator can have.
ADMIN_ROLES = ["anonymous", "staff_without_role", *MEMBERS, "superuser"]


def _admin_urls(model, record):
    """(kind, url) for every admin URL of `model` about `record`; a URL of a kind not known
    here fails the test, so a new admin view must be added to this matrix."""
    from django.contrib import admin
    from django.urls import reverse

    model_admin = admin.site._registry[model]
    info = f"{model._meta.app_label}_{model._meta.model_name}"
    urls = []
    for pattern in model_admin.get_urls():
        name = pattern.name
        if name is None:  # <id>/: a redirect to the change page
            urls.append(("redirect", f"{reverse(f'admin:{info}_changelist')}{record.pk}/"))
        elif name in (f"{info}_changelist", f"{info}_add"):
            urls.append((name.rsplit("_", 1)[1], reverse(f"admin:{name}")))
        elif name in (f"{info}_change", f"{info}_history", f"{info}_delete"):
            urls.append((name.rsplit("_", 1)[1], reverse(f"admin:{name}", args=[record.pk])))
        elif name == f"{info}_simple_history":
            # A version's own key is history_id; the record's key is a field of the version.
            version = model.history.filter(**{model._meta.pk.attname: record.pk}).first()
            urls.append(("version", reverse(f"admin:{name}", args=[record.pk, version.pk])))
        elif name == "auth_user_password_change":
            urls.append(("password", reverse(f"admin:{name}", args=[record.pk])))
        else:
            raise AssertionError(f"admin URL {name} of {model._meta.label} is not in the matrix")
    return urls


@pytest.fixture
def admin_world():
    from eqtrack.accounts.tests.admin_world import council_fill, operator_records, staff_create

    operator_records()
    own, other = council_fill("Own Council"), council_fill("Other Council")
    people = {role: staff_create(own["organisation"], role) for role in MEMBERS}
    people["staff_without_role"] = staff_create(own["organisation"], None)
    people["anonymous"] = None
    from eqtrack.accounts.tests.factories import UserFactory

    people["superuser"] = UserFactory.create(is_staff=True, is_superuser=True)
    return {"own": own, "other": other, "people": people}


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_every_admin_page_for_every_role_on_own_and_other_councils(admin_world, role, client):
    from django.contrib import admin

    from eqtrack.accounts.admin_scoping import _council_owned
    from eqtrack.accounts.tests.admin_world import everything, record_of
    from eqtrack.organisations.models import Organisation

    user = admin_world["people"][role]
    operator = admin_world["people"]["superuser"]
    operator_client = type(client)()
    operator_client.force_login(operator)
    if user is not None:
        client.force_login(user)
    failures = []
    for model in admin.site._registry:
        for council in ("own", "other"):
            record = record_of(model, admin_world[council])
            for kind, url in _admin_urls(model, record):
                status = client.get(url).status_code
                # The operator sees everything: what they get is what anyone allowed gets.
                allowed = operator_client.get(url).status_code
                if role == "anonymous":
                    expected = 302  # to sign in
                elif role == "superuser" or kind == "redirect":
                    expected = allowed  # <id>/ sends anyone on to the change page
                elif kind in ("changelist", "add"):
                    administers = role == "administrator" and _council_owned(model)
                    expected = allowed if administers else 403
                    if kind == "add" and model is Organisation:
                        expected = 403  # a new council is the operator's to add
                else:
                    administers = role == "administrator" and council == "own"
                    expected = allowed if administers and _council_owned(model) else 404
                if status != expected:
                    failures.append(f"GET {url} ({kind}, {council}): {status}, expected {expected}")
            if role not in ("anonymous", "superuser"):
                # The change list shows the own council's records only (all, to the operator).
                page = client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
                listed = set(page.context["cl"].result_list) if page.status_code == 200 else set()
                if record in listed and council == "other":
                    failures.append(f"{model._meta.label}: the other council's {record} listed")
                mine = council == "own" and role == "administrator" and _council_owned(model)
                if mine and record not in listed:
                    failures.append(f"{model._meta.label}: own council's {record} not listed")
    # A forged POST to another council's record's change page changes nothing.
    if user is not None and role != "superuser":
        before = everything()
        for model in admin.site._registry:
            record = record_of(model, admin_world["other"])
            response = client.post(
                f"/admin/{model._meta.app_label}/{model._meta.model_name}/{record.pk}/change/",
                {"name": "Forged", "title": "Forged", "is_superuser": "on", "role": "viewer"},
            )
            if response.status_code != 404:
                failures.append(f"POST change {model._meta.label}: {response.status_code}")
        assert everything() == before, f"a forged POST as {role} changed something"
    for page in ("/admin/", *{f"/admin/{m._meta.app_label}/" for m in admin.site._registry}):
        status, allowed = client.get(page).status_code, operator_client.get(page).status_code
        if role == "anonymous":
            expected = 302
        elif role in ("administrator", "superuser") or page == "/admin/":
            expected = allowed
        else:
            expected = 404  # an app with nothing of theirs in it
        if page in ("/admin/auth/",) and role == "administrator":
            expected = allowed  # its people
        if page == "/admin/axes/" and role not in ("superuser", "anonymous"):
            expected = 404  # sign-in logs are the operator's
        if status != expected:
            failures.append(f"GET {page}: {status}, expected {expected}")
    assert failures == [], "\n".join(failures)
