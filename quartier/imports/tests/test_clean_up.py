from datetime import timedelta

from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.imports.models import ImportJob
from quartier.imports.services import clean_up_jobs


def test_import_jobs_with_their_rows_are_deleted_after_thirty_days(db):
    owner = UserFactory()
    old = ImportJob.objects.create(
        owner=owner, kind="actors", filename="alt.csv", file_format="csv"
    )
    new = ImportJob.objects.create(
        owner=owner, kind="actors", filename="neu.csv", file_format="csv"
    )
    ImportJob.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    assert clean_up_jobs() == 1
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [new.pk]
