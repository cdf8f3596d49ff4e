from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "quartier.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        # Pillow refuses images far above this size itself (decompression bombs).
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
