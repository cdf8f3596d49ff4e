"""Places (M7) and space requests (M8, M9). Paper §5: vacancy and unused public spaces used
creatively (also in between); §6: functioning uses keep a place ("Geschützte Perspektiven");
§7: anchor properties (Quartiersimmobilien) and planning-law obstacles to interim use."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel


class PlaceKind(models.TextChoices):
    SHOP = "shop", _("shop")
    OFFICE = "office", _("office")
    HALL = "hall", _("hall")
    BUILDING = "building", _("whole building")
    APARTMENT = "apartment", _("apartment")
    CHURCH = "church", _("church property")
    SQUARE = "square", _("public square or outdoor space")
    FALLOW = "fallow", _("fallow land")
    OTHER = "other", _("other")


class PlaceStatus(models.TextChoices):
    VACANT = "vacant", _("vacant")
    OFFERED = "offered", _("offered")
    INTERIM = "interim", _("in interim use")
    PERMANENT = "permanent", _("in permanent use")
    UNAVAILABLE = "unavailable", _("unavailable")


AVAILABLE_STATUSES = (PlaceStatus.VACANT, PlaceStatus.OFFERED)


class Use(models.TextChoices):
    """Possible uses, shared by places and requests."""

    STUDIO = "studio", _("studio")
    WORKSHOP = "workshop", _("workshop or makerspace")
    GALLERY = "gallery", _("gallery or exhibition")
    EVENTS = "events", _("events and culture")
    COWORKING = "coworking", _("coworking")
    OFFICE = "office", _("office")
    POPUP = "popup", _("pop-up retail")
    GASTRONOMY = "gastronomy", _("gastronomy")
    MEETING = "meeting", _("neighbourhood meeting and social")
    EDUCATION = "education", _("education")
    STORAGE = "storage", _("storage")
    REHEARSAL = "rehearsal", _("rehearsal room")
    URBAN_PRODUCTION = "urban_production", _("urban production")
    HOUSING = "housing", _("community housing")


class Feature(models.TextChoices):
    """Features of a place that a request may require or wish for."""

    GROUND_FLOOR = "ground_floor", _("ground floor")
    SHOP_WINDOW = "shop_window", _("shop window")
    STEP_FREE = "step_free", _("step-free access")
    ACCESSIBLE_WC = "accessible_wc", _("accessible WC")
    ELECTRICITY = "electricity", _("electricity")
    WATER = "water", _("water")
    HEATING = "heating", _("heating")
    INTERNET = "internet", _("internet")


class Condition(models.TextChoices):
    READY = "ready", _("ready to use")
    MINOR = "minor", _("needs minor work")
    MAJOR = "major", _("needs major work")


def _check_keys(values: object, allowed: type[models.TextChoices], field: str) -> dict[str, Any]:
    if not isinstance(values, list) or any(v not in allowed.values for v in values):
        return {field: _("Choose from the list.")}
    return {}


class Place(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PlaceStatus.choices, default=PlaceStatus.VACANT
    )
    owner = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("owning actor"),
        help_text=_("Optional: a vacancy register may not know the owner."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_spaces",
        verbose_name=_("part of (anchor property)"),
    )
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("neighbourhood"),
    )
    vacant_since = models.DateField(
        _("vacant since"),
        null=True,
        blank=True,
        help_text=_("Set when the place becomes vacant; the vacancy register counts from here."),
    )
    area_m2 = models.PositiveIntegerField(_("area in m²"))
    rooms = models.PositiveSmallIntegerField(_("rooms"), null=True, blank=True)
    features = models.JSONField(_("features"), default=list, blank=True)
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.READY
    )
    rent_eur_month = models.DecimalField(
        _("monthly rent in EUR"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when the place is free against running costs."),
    )
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(
        _("available until"), null=True, blank=True, help_text=_("Empty means open-ended.")
    )
    use_approved = models.BooleanField(
        _("use approved under planning law"),
        default=False,
        help_text=_("Whether the intended uses are covered by the building permit."),
    )
    uses = models.JSONField(_("possible uses"), default=list, blank=True)
    restrictions = models.TextField(_("restrictions (noise, hours …)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_until__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="place_available_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {
            **_check_keys(self.uses, Use, "uses"),
            **_check_keys(self.features, Feature, "features"),
        }
        if errors:
            raise ValidationError(errors)

    def get_uses_display(self) -> list[str]:
        labels = dict(Use.choices)
        return [str(labels[u]) for u in self.uses if u in labels]

    def get_features_display(self) -> list[str]:
        labels = dict(Feature.choices)
        return [str(labels[f]) for f in self.features if f in labels]


class SpaceRequest(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FOUND = "found", _("found a place")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Urgency(models.TextChoices):
        LOW = "low", _("can wait")
        NORMAL = "normal", _("normal")
        HIGH = "high", _("urgent")

    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="space_requests",
        verbose_name=_("requesting actor"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uses = models.JSONField(_("uses"), default=list)
    area_m2_min = models.PositiveIntegerField(_("area from (m²)"))
    area_m2_max = models.PositiveIntegerField(_("area up to (m²)"))
    budget_eur_month = models.DecimalField(
        _("monthly budget in EUR"), max_digits=9, decimal_places=2
    )
    start = models.DateField(_("needed from"))
    months = models.PositiveSmallIntegerField(_("for months"), validators=[MinValueValidator(1)])
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    radius_km = models.FloatField(_("search radius in km"), default=5)
    must_have = models.JSONField(_("must have"), default=list, blank=True)
    nice_to_have = models.JSONField(_("nice to have"), default=list, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    current_place_ends = models.DateField(
        _("our current place ends on"),
        null=True,
        blank=True,
        help_text=_("If you are about to lose your place: such requests get priority."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("space request")
        verbose_name_plural = _("space requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_m2_max__gte=models.F("area_m2_min")),
                name="request_area_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("places:request_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {
            **_check_keys(self.uses, Use, "uses"),
            **_check_keys(self.must_have, Feature, "must_have"),
            **_check_keys(self.nice_to_have, Feature, "nice_to_have"),
        }
        if errors:
            raise ValidationError(errors)

    @property
    def displaced(self) -> bool:
        return self.current_place_ends is not None

    def get_uses_display(self) -> list[str]:
        labels = dict(Use.choices)
        return [str(labels[u]) for u in self.uses if u in labels]


class Match(TimeStampedModel):
    """A brokered match of a space request and a place (Vermittlung), carried through
    proposed → requested → viewing → agreed → in use → ended, or declined with a reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        REQUESTED = "requested", _("requested by the initiative")
        VIEWING = "viewing", _("viewing")
        AGREED = "agreed", _("agreed")
        IN_USE = "in_use", _("in use")
        ENDED = "ended", _("ended")
        DECLINED = "declined", _("declined")

    request = models.ForeignKey(
        SpaceRequest,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("space request"),
    )
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="matches", verbose_name=_("place")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "place"], name="one_match_per_request_and_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ↔ {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("places:match_detail", args=[self.pk])


class UseAgreement(TimeStampedModel):
    """The interim-use agreement generated when a match is agreed. Two agreements for
    overlapping periods of one place are refused (the place row is locked while checking)."""

    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="agreement")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="agreements")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    rent_eur_month = models.DecimalField(
        _("monthly rent in EUR"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    use = models.CharField(_("use"), max_length=300)

    class Meta:
        ordering = ["start"]
        verbose_name = _("interim-use agreement")
        verbose_name_plural = _("interim-use agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="agreement_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.start} – {self.end}"


def _validate_photo_size(upload: object) -> None:
    if getattr(upload, "size", 0) > PHOTO_MAX_BYTES:
        raise ValidationError(_("A photo may be at most 5 MB."))


PHOTO_MAX_BYTES = 5 * 1024 * 1024


class PlacePhoto(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"),
        upload_to="places/photos/",
        validators=[_validate_photo_size, FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    description = models.CharField(
        _("what the photo shows"),
        max_length=200,
        help_text=_("Shown to people who cannot see the photo."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.description


class PlaceUse(models.Model):
    """The history of uses of a place: who used it for what, from when until when."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="uses_history")
    user_name = models.CharField(_("used by"), max_length=200)
    use = models.CharField(_("use"), max_length=300)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    match = models.OneToOneField(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="place_use"
    )

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("use of a place")
        verbose_name_plural = _("uses of places")

    def __str__(self) -> str:
        return f"{self.place}: {self.user_name}"
