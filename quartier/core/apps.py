from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "quartier.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.conf import settings  # noqa: PLC0415 – configured once the apps are ready
        from PIL import Image  # noqa: PLC0415 – configured once the apps are ready

        # Pillow refuses images far above this size itself (decompression bombs).
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
        # each app's panels of "Meine Übersicht" (quartier/core/overview.py)
        autodiscover_modules("overview")
