"""Who may see and change projects (see docs/projects.md).

- Everybody sees a publicly listed project. A project that is not listed is seen by its
  owner side and its participants' members, and by the alliance's members.
- The **owner side** runs the project: the administrators and editors of its owner actors
  (every membership of an owner actor), the alliance's steering (initiator and lead members,
  managers of its neighbourhoods) and platform administrators. They edit it, change its
  phase, end it, name the successor and approve measurements.
- Members of participating actors also enter and submit measurements.
- A measurement is approved or returned by the owner side or the alliance's steering, but
  never by the person who submitted it (four eyes), except platform administrators.
"""

from typing import Any

import rules

from quartier.alliances.rules import can_see_inside, steers


@rules.predicate
def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_owner_member(user: Any, project: Any) -> bool:
    if project is None or not user.is_authenticated:
        return False
    return project.owners.filter(memberships__user=user).exists()


@rules.predicate
def steers_alliance(user: Any, project: Any) -> bool:
    return bool(project is not None and project.alliance_id and steers.test(user, project.alliance))


@rules.predicate
def is_participant_member(user: Any, project: Any) -> bool:
    if project is None or not user.is_authenticated:
        return False
    return project.participants.filter(actor__memberships__user=user).exists()


@rules.predicate
def is_alliance_insider(user: Any, project: Any) -> bool:
    return bool(
        project is not None and project.alliance_id and can_see_inside.test(user, project.alliance)
    )


@rules.predicate
def is_listed(user: Any, project: Any) -> bool:
    return project is not None and project.is_public


owner_side = is_owner_member | steers_alliance | is_admin
can_view = is_listed | owner_side | is_participant_member | is_alliance_insider
can_contribute = owner_side | is_participant_member


@rules.predicate
def measurement_approver(user: Any, measurement: Any) -> bool:
    if measurement is None or not user.is_authenticated:
        return False
    project = measurement.indicator.project
    if not owner_side.test(user, project):
        return False
    return bool(user.is_superuser or measurement.submitted_by_id != user.pk)


rules.add_perm("projects.add_project", rules.is_authenticated)
rules.add_perm("projects.view_project", can_view)
rules.add_perm("projects.change_project", owner_side)
rules.add_perm("projects.contribute", can_contribute)
rules.add_perm("projects.approve_measurement", measurement_approver)
