from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services
from quartier.alliances.diffs import compare_versions
from quartier.alliances.models import Agreement, AllianceMember
from quartier.alliances.selectors import members_of, missing_groups
from quartier.core.models import Notification


def test_the_founding_actor_becomes_initiator_and_only_its_members_may_found(setting):
    roles = {m.actor: m.role for m in setting.alliance.members.all()}
    assert roles == {setting.lead: "initiator", setting.partner: "partner"}
    with pytest.raises(PermissionDenied):
        services.create_alliance(
            name="Fremd", purpose="x", initiator=setting.lead, by=setting.outsider
        )


def test_members_leave_with_a_date_and_their_history_stays(setting):
    member = setting.alliance.members.get(actor=setting.partner)
    services.leave_alliance(member, by=setting.partner_admin)
    active, former = members_of(setting.alliance)
    assert [m.actor for m in active] == [setting.lead]
    assert [m.actor for m in former] == [setting.partner]
    assert former[0].left_on == timezone.localdate()
    # the actor may join again later; the old membership stays
    services.add_member(
        setting.alliance, actor=setting.partner, role="advisor", by=setting.lead_admin
    )
    assert setting.alliance.members.filter(actor=setting.partner).count() == 2


def test_an_actor_cannot_be_an_active_member_twice(setting):
    with pytest.raises(ValidationError):
        services.add_member(
            setting.alliance, actor=setting.partner, role="funder", by=setting.lead_admin
        )


def test_only_steering_members_add_others_and_the_last_lead_cannot_leave(setting):
    newcomer = ActorFactory()
    with pytest.raises(PermissionDenied):
        services.add_member(
            setting.alliance, actor=newcomer, role="partner", by=setting.partner_admin
        )
    initiator = setting.alliance.members.get(actor=setting.lead)
    with pytest.raises(ValidationError):
        services.leave_alliance(initiator, by=setting.lead_admin)
    with pytest.raises(ValidationError):
        services.update_member(initiator, role="partner", by=setting.lead_admin)


def test_a_partner_may_take_its_own_actor_out_but_not_another(setting):
    third = ActorFactory()
    services.add_member(setting.alliance, actor=third, role="partner", by=setting.lead_admin)
    other = setting.alliance.members.get(actor=third)
    with pytest.raises(PermissionDenied):
        services.leave_alliance(other, by=setting.partner_admin)


def test_missing_groups_are_named_with_actors_of_the_neighbourhood_who_could_fill_them(setting):
    neighbourhood = setting.alliance.neighbourhoods.get()
    school = ActorFactory(name="Schule am Bach", sector="school", neighbourhoods=[neighbourhood])
    missing = {m.group.key: m for m in missing_groups(setting.alliance, setting.outsider)}
    assert "housing" not in missing  # the housing company takes part
    assert "municipal" in missing
    assert missing["education"].suggestions == [school]
    assert str(missing["housing" if False else "municipal"].group.missing)


def _agreement(setting, **kwargs):
    return services.draft_agreement(
        setting.alliance,
        kind="cooperation",
        title="Kooperationsvereinbarung Nord",
        parties=[setting.lead, setting.partner],
        by=setting.lead_admin,
        **kwargs,
    )


def test_an_agreement_is_signed_when_all_parties_approve_the_same_latest_version(setting):
    agreement = _agreement(setting)
    version = agreement.versions.get()
    assert [c["key"] for c in version.clauses][:3] == ["purpose", "contributions", "decisions"]
    assert "Allianz Nord" in version.clauses[0]["text"]
    services.open_negotiation(agreement, by=setting.lead_admin)
    services.approve(agreement, party=setting.lead, version_number=1, by=setting.lead_admin)
    # a change makes version 2; the approval of version 1 does not count for it
    clauses = [dict(c) for c in version.clauses]
    clauses[2]["text"] += " Beschlüsse stehen im Protokoll."
    services.revise_agreement(agreement, clauses=clauses, note="Protokoll", by=setting.lead_admin)
    with pytest.raises(ValidationError):  # the partner read version 1
        services.approve(
            agreement, party=setting.partner, version_number=1, by=setting.partner_admin
        )
    services.approve(agreement, party=setting.partner, version_number=2, by=setting.partner_admin)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.NEGOTIATION
    services.approve(agreement, party=setting.lead, version_number=2, by=setting.lead_admin)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED
    assert agreement.signed_version == 2
    with pytest.raises(PermissionDenied):  # a signed agreement is no longer edited
        services.revise_agreement(agreement, clauses=clauses, by=setting.lead_admin)


def test_only_an_administrator_of_the_party_approves_for_it(setting):
    agreement = _agreement(setting)
    services.open_negotiation(agreement, by=setting.lead_admin)
    editor = MembershipFactory(actor=setting.partner, role="editor").user
    with pytest.raises(PermissionDenied):
        services.approve(agreement, party=setting.partner, version_number=1, by=editor)
    with pytest.raises(PermissionDenied):
        services.approve(agreement, party=setting.partner, version_number=1, by=setting.lead_admin)


def test_parties_must_be_members_and_unchanged_clauses_make_no_version(setting):
    with pytest.raises(ValidationError):
        services.draft_agreement(
            setting.alliance,
            kind="cooperation",
            title="x",
            parties=[setting.lead, ActorFactory()],
            by=setting.lead_admin,
        )
    agreement = _agreement(setting)
    with pytest.raises(ValidationError):
        services.revise_agreement(
            agreement, clauses=agreement.versions.get().clauses, by=setting.lead_admin
        )


def test_the_diff_shows_removed_and_added_words_per_clause(setting):
    agreement = _agreement(setting)
    v1 = agreement.versions.get()
    clauses = [dict(c) for c in v1.clauses]
    clauses[0]["text"] = clauses[0]["text"].replace("gemeinsam", "zusammen")
    clauses = [*clauses[:-1], {"key": "clause_1", "title": "Presse", "text": "<b>laut</b>"}]
    v2 = services.revise_agreement(agreement, clauses=clauses, by=setting.lead_admin)
    changes = {c.title: c for c in compare_versions(v1, v2)}
    assert changes["Zweck"].change == "changed"
    edits = [(s.op, s.text.strip()) for s in changes["Zweck"].segments if s.op != "equal"]
    assert set(edits) == {("delete", "gemeinsam"), ("insert", "zusammen")}
    assert changes["Presse"].change == "added"
    assert [(s.op, s.text) for s in changes["Presse"].segments] == [("insert", "<b>laut</b>")]
    assert changes["Streitigkeiten"].change == "removed"
    assert changes["Kosten"].change == "same"


def test_parties_hear_before_a_signed_agreement_ends_once_and_it_expires_after(setting):
    today = timezone.localdate()
    agreement = _agreement(setting, valid_until=today + timedelta(days=10))
    Agreement.objects.filter(pk=agreement.pk).update(status="signed")
    assert services.remind_and_expire(today) == {"expired": 0, "reminded": 1}
    assert services.remind_and_expire(today) == {"expired": 0, "reminded": 0}
    assert Notification.objects.filter(user=setting.partner_admin, title__contains="Nord").exists()
    assert services.remind_and_expire(today + timedelta(days=11)) == {"expired": 1, "reminded": 0}
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.EXPIRED


def test_a_measure_belongs_to_a_member_actor(setting):
    from quartier.alliances.models import Goal, Measure

    goal = services.save_goal(
        Goal(alliance=setting.alliance, title="Leerstand halbieren"), by=setting.lead_admin
    )
    with pytest.raises(ValidationError):
        services.save_measure(
            Measure(goal=goal, title="x", owner=ActorFactory()), by=setting.lead_admin
        )
    measure = services.save_measure(
        Measure(goal=goal, title="Register", owner=setting.partner, status="done"),
        by=setting.lead_admin,
    )
    assert measure.pk
    with pytest.raises(PermissionDenied):
        services.save_goal(Goal(alliance=setting.alliance, title="y"), by=setting.partner_admin)


def test_membership_roles_are_the_papers(setting):
    assert set(AllianceMember.Role.values) == {
        "initiator",
        "lead",
        "partner",
        "funder",
        "intermediary",
        "advisor",
    }


def test_the_daily_command_reminds_and_expires(setting):
    from io import StringIO

    from django.core.management import call_command

    agreement = _agreement(setting, valid_until=timezone.localdate() - timedelta(days=1))
    Agreement.objects.filter(pk=agreement.pk).update(status="signed")
    out = StringIO()
    call_command("remind_agreements", stdout=out)
    assert "1 abgelaufen" in out.getvalue()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.EXPIRED


def test_an_over_long_clause_is_refused_not_cut_off(setting):
    from quartier.alliances.services import CLAUSE_TEXT_MAX_LENGTH

    agreement = _agreement(setting)
    clauses = [dict(c) for c in agreement.versions.get().clauses]
    clauses[1]["text"] = "a" * (CLAUSE_TEXT_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as refused:
        services.revise_agreement(agreement, clauses=clauses, by=setting.lead_admin)
    assert "10000" in str(refused.value) and str(CLAUSE_TEXT_MAX_LENGTH + 1) in str(refused.value)
    assert agreement.versions.count() == 1
    clauses[1]["text"] = "a" * CLAUSE_TEXT_MAX_LENGTH
    version = services.revise_agreement(agreement, clauses=clauses, by=setting.lead_admin)
    assert version.clauses[1]["text"] == "a" * CLAUSE_TEXT_MAX_LENGTH
