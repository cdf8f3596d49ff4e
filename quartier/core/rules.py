"""Object permissions shared by the whole platform (django-rules).

Every app declares its permissions in its own rules.py with `rules.add_perm`; views ask
`viewer(request).has_perm(name, obj)`, or fetch the object with its app's
`access_<thing>(viewer, key, perm)`, templates `{% has_perm name user obj as ok %}`, and the
API the same: pages and endpoints share the access functions.
"""

from typing import Any

import rules


@rules.predicate
def is_admin(user: Any) -> bool:
    """A platform administrator (superuser) may do everything; the one definition."""
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def owns_record(user: Any, record: Any) -> bool:
    """True when the record belongs to the user (its `owner_id` or `user_id`)."""
    if record is None or not user.is_authenticated:
        return False
    owner_id = getattr(record, "owner_id", None) or getattr(record, "user_id", None)
    return owner_id is not None and owner_id == user.pk


rules.add_perm("core.view_taskprogress", owns_record)
