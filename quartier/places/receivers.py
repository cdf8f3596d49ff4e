"""A photo's file is deleted with its row – through the services, the admin or the cascade
of a deleted place – once the deletion has committed (a rollback keeps both)."""

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from quartier.core.images import delete_file_on_commit
from quartier.places.models import PlacePhoto


@receiver(post_delete, sender=PlacePhoto, dispatch_uid="places.photo_file_deleted")
def delete_photo_file(sender: type[PlacePhoto], instance: PlacePhoto, **kwargs: Any) -> None:
    delete_file_on_commit(instance.image.name)
