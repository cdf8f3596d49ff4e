"""Actors (M1) and the ties between them (M3 data). Paper §4, §6: established and new actors
present their goals, interests, resources and limits so that the other side understands them."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel, Visibility


class Sector(models.TextChoices):
    MUNICIPAL = "municipal", _("municipal administration")
    HOUSING = "housing", _("housing company")
    REAL_ESTATE = "real_estate", _("real-estate company or private owner")
    BUSINESS = "business", _("business, retail, gastronomy, crafts")
    WELFARE = "welfare", _("welfare organisation or social provider")
    SCHOOL = "school", _("school")
    UNIVERSITY = "university", _("university")
    CULTURE = "culture", _("culture and socio-culture")
    CREATIVE = "creative", _("creative economy")
    CIVIL_SOCIETY = "civil_society", _("civil-society initiative or association")
    STARTUP = "startup", _("start-up")
    FOUNDATION = "foundation", _("foundation or funder")
    INTERMEDIARY = "intermediary", _("intermediary")
    CHURCH = "church", _("church or religious community")
    PUBLIC_BODY = "public_body", _("federal or state body")


# The paper's "established" actors (§ summary, §4); all other sectors count as "new".
ESTABLISHED_SECTORS = frozenset(
    {
        Sector.MUNICIPAL,
        Sector.HOUSING,
        Sector.REAL_ESTATE,
        Sector.BUSINESS,
        Sector.WELFARE,
        Sector.SCHOOL,
        Sector.UNIVERSITY,
        Sector.FOUNDATION,
        Sector.CHURCH,
        Sector.PUBLIC_BODY,
    }
)


class LegalForm(models.TextChoices):
    EV = "ev", _("registered association (e.V.)")
    GGMBH = "ggmbh", _("non-profit limited company (gGmbH)")
    GMBH = "gmbh", _("limited company (GmbH)")
    GBR = "gbr", _("civil-law partnership (GbR)")
    COOPERATIVE = "cooperative", _("cooperative (eG)")
    PUBLIC_LAW = "public_law", _("public-law body")
    FREELANCER = "freelancer", _("freelancer")
    INFORMAL = "informal", _("informal group")
    OTHER = "other", _("other")


class ResourceKind(models.TextChoices):
    SPACE = "space", _("space")
    MONEY = "money", _("money or funding")
    KNOW_HOW = "know_how", _("know-how")
    STAFF_TIME = "staff_time", _("staff time")
    NETWORK = "network", _("network access")
    PUBLICITY = "publicity", _("publicity")
    EQUIPMENT = "equipment", _("equipment")


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Actor(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    short_description = models.CharField(_("short description"), max_length=300)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    department = models.CharField(
        _("department"),
        max_length=200,
        blank=True,
        help_text=_("For municipal administrations: the office or department."),
    )
    is_established = models.BooleanField(
        _("established actor"),
        default=False,
        help_text=_("Derived from the sector unless set by hand."),
    )
    established_set_by_hand = models.BooleanField(default=False)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    goals = models.TextField(_("goals"), blank=True)
    limits = models.TextField(
        _("limits"), blank=True, help_text=_("What the actor cannot do, so that others know.")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="actors", verbose_name=_("interests (topics)")
    )
    capacity_hours_per_month = models.PositiveIntegerField(
        _("capacity for cooperation (hours per month)"), null=True, blank=True
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        blank=True,
        related_name="actors",
        verbose_name=_("active in neighbourhoods"),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="actors/logos/", blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=[
            (Visibility.PUBLIC, Visibility.PUBLIC.label),
            (Visibility.NETWORK, Visibility.NETWORK.label),
            (Visibility.PRIVATE, Visibility.PRIVATE.label),
        ],
        default=Visibility.PUBLIC,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        indexes = [models.Index(fields=["sector"]), models.Index(fields=["visibility"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", args=[self.slug])

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Resource(models.Model):
    """An offer or a need of an actor, typed so that offers and needs can be matched."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("offer")
        NEED = "need", _("need")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="resources")
    direction = models.CharField(_("offer or need"), max_length=5, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    topic = models.CharField(_("topic (for know-how)"), max_length=100, blank=True)
    area_m2 = models.PositiveIntegerField(_("area in m²"), null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in neighbourhood"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["direction", "kind", "pk"]
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        indexes = [models.Index(fields=["actor", "direction", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.get_kind_display()}"


class ContactPerson(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    public_consent = models.BooleanField(
        _("agrees to be shown publicly"),
        default=False,
        help_text=_("Without this consent only members of the actor see the person."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("administrator")
        EDITOR = "editor", _("editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "actor"], name="one_membership")]
        ordering = ["actor__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.actor}"


class Tie(TimeStampedModel):
    """A relation between two actors. Claimed by one side, it stays unconfirmed until the
    other side confirms or rejects it."""

    class Kind(models.TextChoices):
        COOPERATION = "cooperation", _("cooperation")
        FUNDING = "funding", _("funding")
        TENANCY = "tenancy", _("tenancy")
        MEMBERSHIP = "membership", _("membership")
        MENTORING = "mentoring", _("mentoring")
        SUPPLY = "supply", _("supply")
        OTHER = "other", _("other")

    class Origin(models.TextChoices):
        SELF_REPORTED = "self_reported", _("self-reported")
        ALLIANCE = "alliance", _("alliance")
        PROJECT = "project", _("project")
        EVENT = "event", _("event")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("unconfirmed")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")
        INITIATED = "initiated", _("initiated")  # „angebahnt“ by an accepted introduction

    source = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="ties_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="ties_in", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    directed = models.BooleanField(
        _("directed"),
        default=False,
        help_text=_("E.g. funding goes from funder to funded; cooperation has no direction."),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    origin = models.CharField(
        _("source"), max_length=20, choices=Origin.choices, default=Origin.SELF_REPORTED
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    claimed_by = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="+", verbose_name=_("claimed by")
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="tie_between_two_actors"
            ),
            # one open tie (unconfirmed or confirmed) per pair and kind, whichever side
            # proposed it: two simultaneous proposals give one tie
            models.UniqueConstraint(
                Least("source", "target"),
                Greatest("source", "target"),
                models.F("kind"),
                condition=~models.Q(status="rejected"),
                name="tie_open_once_per_pair_and_kind",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.source} – {self.target} ({self.get_kind_display()})"

    def other_side(self, actor: Actor) -> Actor:
        return self.target if actor.pk == self.source_id else self.source

    @property
    def answering_actor_id(self) -> int:
        return self.target_id if self.claimed_by_id == self.source_id else self.source_id


DIRECTED_KINDS = frozenset(
    {Tie.Kind.FUNDING, Tie.Kind.TENANCY, Tie.Kind.MEMBERSHIP, Tie.Kind.MENTORING, Tie.Kind.SUPPLY}
)


class Invitation(models.Model):
    """An invitation to become a member of an actor, sent by e-mail to somebody who has no
    account yet. It is accepted once, by whoever opens the link while logged in, within
    INVITATION_DAYS."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_open_once_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.actor}"


INVITATION_DAYS = 14
