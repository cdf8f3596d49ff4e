"""Who may change municipalities and neighbourhoods. Everybody reads them; platform
administrators create, change and delete them; the responsible managers of a neighbourhood
(`Neighbourhood.managers`) also change their neighbourhood."""

from typing import Any

import rules

from quartier.core.rules import is_admin


@rules.predicate
def manages_neighbourhood(user: Any, neighbourhood: Any) -> bool:
    if neighbourhood is None or neighbourhood.pk is None or not user.is_authenticated:
        return False
    return neighbourhood.managers.filter(pk=user.pk).exists()


rules.add_perm("neighbourhoods.add_municipality", is_admin)
rules.add_perm("neighbourhoods.change_municipality", is_admin)
rules.add_perm("neighbourhoods.delete_municipality", is_admin)
rules.add_perm("neighbourhoods.add_neighbourhood", is_admin)
rules.add_perm("neighbourhoods.change_neighbourhood", manages_neighbourhood | is_admin)
rules.add_perm("neighbourhoods.delete_neighbourhood", is_admin)
