"""Who may see and change funding records.

- Everybody sees published programmes, the deadline calendar and the fee-floor tables;
  editors (staff) curate programmes, import and export them.
- A project's funding page (its profile, the fitting programmes, watches) belongs to the
  members of the project's owner actors.
- A grant and its ledger are seen only by its applicant side – members of the applicant
  (in trustee mode: the Träger), of the initiative it acts for and of co-applicants – and
  by platform administrators. The applicant side drafts the finance plan while the grant is
  in preparation; the ledger (decision, draws, receipts, status) is kept by the applicant's
  members: in trustee mode the Träger keeps it and the initiative sees it."""

from typing import Any

import rules

from quartier.actors.models import Membership
from quartier.funding.models import FundingProgramme, Grant


@rules.predicate
def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_editor(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


@rules.predicate
def is_published(user: Any, programme: FundingProgramme | None) -> bool:
    return programme is not None and programme.is_published


@rules.predicate
def owns_project(user: Any, project: Any) -> bool:
    if project is None or not user.is_authenticated:
        return False
    return bool(project.owners.filter(memberships__user=user).exists())


def _members_of(user: Any, actor_ids: list[int]) -> bool:

    return Membership.objects.filter(user=user, actor_id__in=actor_ids).exists()


def applicant_side_ids(grant: Grant) -> list[int]:
    ids = [grant.applicant_id]
    if grant.initiative_id:
        ids.append(grant.initiative_id)
    ids += [a.pk for a in grant.co_applicants.all()]
    return ids


@rules.predicate
def on_applicant_side(user: Any, grant: Grant | None) -> bool:
    if grant is None or not user.is_authenticated:
        return False
    return _members_of(user, applicant_side_ids(grant))


@rules.predicate
def keeps_ledger(user: Any, grant: Grant | None) -> bool:
    if grant is None or not user.is_authenticated:
        return False
    return _members_of(user, [grant.applicant_id])


@rules.predicate
def in_preparation(user: Any, grant: Grant | None) -> bool:
    return grant is not None and grant.status == Grant.Status.PREPARATION


rules.add_perm("funding.view_programme", is_published | is_editor)
rules.add_perm("funding.change_programme", is_editor)
rules.add_perm("funding.manage_project_funding", owns_project | is_admin)
rules.add_perm("funding.view_grant", on_applicant_side | is_admin)
rules.add_perm("funding.change_plan", (on_applicant_side | is_admin) & in_preparation)
rules.add_perm("funding.keep_ledger", keeps_ledger | is_admin)
