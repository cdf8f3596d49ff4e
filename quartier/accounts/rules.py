import rules

from quartier.core.rules import owns_record

rules.add_perm("accounts.revoke_apitoken", owns_record)
