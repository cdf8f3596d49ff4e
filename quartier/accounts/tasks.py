from django.utils.translation import gettext as _
from django_tasks import task

from quartier.accounts.models import User
from quartier.accounts.privacy import build_personal_data_export_file
from quartier.core.progress import fail_progress


@task()
def build_personal_data_export(progress_id: str, user_id: int) -> None:
    """Loads the person and runs `services.build_personal_data_export_file`."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        fail_progress(progress_id, _("The account no longer exists."))
        return
    build_personal_data_export_file(progress_id, user)
