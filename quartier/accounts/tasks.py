from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.accounts.models import User
from quartier.accounts.privacy import export_personal_data
from quartier.core.progress import fail_progress, finish_progress, report_progress


@task()
def build_personal_data_export(progress_id: str, user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        fail_progress(progress_id, _("The account no longer exists."))
        return
    report_progress(progress_id, done=0, total=1, message=_("Collecting your data"))
    data = export_personal_data(user)
    finish_progress(
        progress_id,
        result=data,
        result_url=reverse("accounts:export_download", args=[progress_id]),
        message=_("Your data is ready for download."),
    )
