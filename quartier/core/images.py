"""Uploaded images (place photos, actor logos): only PNG, JPEG and WebP, at most
IMAGE_MAX_PIXELS pixels, and written anew without metadata, so that EXIF data such as the
GPS position of the camera never becomes public. Files that a record no longer uses are
deleted once the change is committed."""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image(upload: object) -> ContentFile:
    """The upload as a new file without metadata (orientation applied); ValidationError
    when it is not a PNG, JPEG or WebP image or has too many pixels."""
    try:
        upload.seek(0)  # type: ignore[attr-defined]
        with Image.open(upload) as image:  # type: ignore[arg-type]
            if image.format not in FORMATS:
                raise ValidationError(
                    _("Only PNG, JPEG and WebP images are accepted."), code="format"
                )
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image has more than %(megapixels)s megapixels."),
                    params={"megapixels": settings.IMAGE_MAX_PIXELS // 1_000_000},
                    code="pixels",
                )
            image_format = image.format
            image.load()
            cleaned = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(_("The file is not a readable image."), code="image") from error
    if image_format == "JPEG" and cleaned.mode not in ("RGB", "L"):
        cleaned = cleaned.convert("RGB")
    out = io.BytesIO()
    # Saved without `exif=`, `icc_profile=` or text chunks: no metadata is carried over.
    cleaned.save(out, format=image_format, quality=90)
    name = PurePath(getattr(upload, "name", "") or "bild").stem[:80] or "bild"
    return ContentFile(out.getvalue(), name=f"{name}.{FORMATS[image_format]}")


def delete_file_on_commit(name: str) -> None:
    """Deletes a stored file once the transaction that stopped using it has committed."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
