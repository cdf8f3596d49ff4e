"""Funding (M12–M14): the programme catalogue, a project's funding profile and watched
programmes, grants from the application to the Verwendungsnachweis, and fee floors.

Money is `Decimal` with two places in the database and integer cents in the engine
(`quartier.engines.eligibility`). Multi-valued facets are stored as `|a|b|` so that one
`contains` filter works on SQLite and PostgreSQL alike."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.core.models import TimeStampedModel

STALE_AFTER_DAYS = 365


class FundingType(models.TextChoices):
    """Förderart, the value list of the Förderdatenbank."""

    GRANT = "zuschuss", _("Grant")
    LOAN = "darlehen", _("Loan")
    GUARANTEE = "buergschaft", _("Guarantee (Bürgschaft)")
    EQUITY = "beteiligung", _("Equity")
    WARRANTY = "garantie", _("Warranty")
    OTHER = "sonstige", _("Other")


class FundingArea(models.TextChoices):
    """Förderbereich, the value list of the Förderdatenbank."""

    TRAINING = "aus-weiterbildung", _("Education and training")
    WORK = "arbeit", _("Work")
    ADVICE = "beratung", _("Advice")
    DIGITAL = "digitalisierung", _("Digitalisation")
    ENERGY = "energie", _("Energy efficiency and renewable energy")
    START_UP = "existenzgruendung", _("Business start-up and consolidation")
    RESEARCH = "forschung-innovation", _("Research and innovation")
    WOMEN = "frauenfoerderung", _("Advancement of women")
    HEALTH_SOCIAL = "gesundheit-soziales", _("Health and social affairs")
    INFRASTRUCTURE = "infrastruktur", _("Infrastructure")
    CULTURE = "kultur-medien-sport", _("Culture, media, sport")
    RURAL = "laendliche-entwicklung", _("Agriculture and rural development")
    MOBILITY = "mobilitaet", _("Mobility")
    REGIONAL = "regionalfoerderung", _("Regional development")
    SMART_CITIES = "smart-cities", _("Smart cities and regions")
    URBAN = "staedtebau", _("Urban development and renewal")
    ENVIRONMENT = "umwelt-naturschutz", _("Environment and nature protection")
    HOUSING = "wohnungsbau", _("Housing and modernisation")


class FundingRegion(models.TextChoices):
    """Fördergebiet: nationwide or a Land (ISO 3166-2 codes), plus the EU."""

    EU = "EU", _("EU-wide")
    DE = "DE", _("nationwide")
    BW = "DE-BW", "Baden-Württemberg"
    BY = "DE-BY", "Bayern"
    BE = "DE-BE", "Berlin"
    BB = "DE-BB", "Brandenburg"
    HB = "DE-HB", "Bremen"
    HH = "DE-HH", "Hamburg"
    HE = "DE-HE", "Hessen"
    MV = "DE-MV", "Mecklenburg-Vorpommern"
    NI = "DE-NI", "Niedersachsen"
    NW = "DE-NW", "Nordrhein-Westfalen"
    RP = "DE-RP", "Rheinland-Pfalz"
    SL = "DE-SL", "Saarland"
    SN = "DE-SN", "Sachsen"
    ST = "DE-ST", "Sachsen-Anhalt"
    SH = "DE-SH", "Schleswig-Holstein"
    TH = "DE-TH", "Thüringen"


class Eligible(models.TextChoices):
    """Förderberechtigte, the value list of the Förderdatenbank."""

    EDUCATION = "bildungseinrichtung", _("Educational institution")
    FOUNDER = "existenzgruender", _("Business founder")
    RESEARCH = "forschungseinrichtung", _("Research institution")
    UNIVERSITY = "hochschule", _("University")
    MUNICIPALITY = "kommune", _("Municipality")
    PUBLIC = "oeffentliche-einrichtung", _("Public institution")
    PRIVATE_PERSON = "privatperson", _("Private person")
    COMPANY = "unternehmen", _("Company")
    ASSOCIATION = "verband-vereinigung", _("Association")


class Funder(models.TextChoices):
    """Fördergeber: the Förderdatenbank's Bund, Land, EU – and what it lacks."""

    FEDERAL = "bund", _("Federal government")
    STATE = "land", _("Land")
    EU = "eu", _("EU")
    MUNICIPAL = "kommune", _("Municipality")
    FOUNDATION = "stiftung", _("Foundation")


class DeadlineKind(models.TextChoices):
    FIXED = "fixed", _("fixed dates")
    ROLLING = "rolling", _("any time (rolling)")
    YEARLY = "yearly", _("yearly call")


class FundingProgramme(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("In your own words."))
    funder_name = models.CharField(_("funding body"), max_length=200)
    funder = models.CharField(_("funder"), max_length=10, choices=Funder.choices)
    funding_types = models.CharField(_("type of funding"), max_length=200, blank=True)
    areas = models.CharField(_("funding areas"), max_length=500, blank=True)
    regions = models.CharField(_("funding region"), max_length=300, blank=True)
    eligible = models.CharField(_("eligible applicants"), max_length=300, blank=True)
    legal_forms = models.CharField(
        _("legal forms that may apply"), max_length=200, blank=True, help_text=_("Empty: any.")
    )
    non_profit_required = models.BooleanField(_("non-profit status required"), default=False)
    min_age_months = models.PositiveIntegerField(
        _("minimum age of the organisation (months)"), default=0
    )
    trustee_allowed = models.BooleanField(_("a trustee may apply for others"), default=False)
    topics = models.CharField(_("topics"), max_length=500, blank=True)
    phases = models.CharField(_("project phases"), max_length=200, blank=True)
    min_amount = models.DecimalField(
        _("minimum amount (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    max_amount = models.DecimalField(
        _("maximum amount (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    funding_rate = models.DecimalField(
        _("funding rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    own_share = models.DecimalField(
        _("own share (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    volunteer_hours_count = models.BooleanField(
        _("volunteer hours count as own share"), default=False
    )
    in_kind_counts = models.BooleanField(
        _("in-kind contributions count as own share"), default=False
    )
    deadline_kind = models.CharField(
        _("deadline"), max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.ROLLING
    )
    deadline_dates = models.JSONField(_("deadline dates"), default=list, blank=True)
    deadline_month = models.PositiveSmallIntegerField(
        _("month of the yearly call"), null=True, blank=True
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("day of the yearly call"), null=True, blank=True
    )
    next_deadline = models.DateField(_("next deadline"), null=True, blank=True, db_index=True)
    draw_window_days = models.PositiveSmallIntegerField(
        _("draw window (days)"),
        default=42,
        help_text=_("Funds may be drawn for what is due within this window."),
    )
    source_url = models.URLField(_("source"), blank=True)
    licence = models.CharField(_("licence of the record"), max_length=100, blank=True)
    checked_on = models.DateField(_("last checked"))
    is_example = models.BooleanField(_("example values"), default=False)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        indexes = [models.Index(fields=["is_published", "title"]), models.Index(fields=["funder"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:programme", args=[self.slug])

    @property
    def is_stale(self) -> bool:
        return self.checked_on < date.today() - timedelta(days=STALE_AFTER_DAYS)

    def values(self, field: str) -> list[str]:
        return [v for v in getattr(self, field).split("|") if v]

    def labels(self, field: str, choices: type[models.TextChoices]) -> list[str]:
        names = dict(choices.choices)
        return [str(names.get(v, v)) for v in self.values(field)]

    def funding_type_labels(self) -> list[str]:
        return self.labels("funding_types", FundingType)

    def area_labels(self) -> list[str]:
        return self.labels("areas", FundingArea)

    def region_labels(self) -> list[str]:
        return self.labels("regions", FundingRegion)

    def eligible_labels(self) -> list[str]:
        return self.labels("eligible", Eligible)


def joined(values: list[str] | tuple[str, ...]) -> str:
    """The stored form of a multi-valued facet: `|a|b|`, or empty."""
    clean = [v.strip() for v in values if v and v.strip()]
    return f"|{'|'.join(clean)}|" if clean else ""


class FundingProfile(TimeStampedModel):
    """What the eligibility check needs to know about a project beyond the project record:
    its applicant, topics, area and money."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="funding_profile"
    )
    applicant = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applicant"),
    )
    non_profit = models.BooleanField(_("recognised as non-profit"), null=True, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    seat_region = models.CharField(_("seat (region)"), max_length=40, blank=True)
    region = models.CharField(_("project area (region)"), max_length=40, blank=True)
    topics = models.CharField(_("topics"), max_length=500, blank=True)
    total_costs = models.DecimalField(
        _("total costs (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    own_funds = models.DecimalField(
        _("own funds (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    volunteer_value = models.DecimalField(
        _("value of volunteer hours (€)"), default=Decimal("0"), max_digits=12, decimal_places=2
    )
    in_kind_value = models.DecimalField(
        _("value of in-kind contributions (€)"),
        default=Decimal("0"),
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        verbose_name = _("funding profile")
        verbose_name_plural = _("funding profiles")

    def __str__(self) -> str:
        return str(self.project)


class ProgrammeWatch(models.Model):
    """A project watches a programme: its members are reminded of the deadline."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="programme_watches"
    )
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="watches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "programme"], name="one_watch_per_project")
        ]
        verbose_name = _("watched programme")
        verbose_name_plural = _("watched programmes")

    def __str__(self) -> str:
        return f"{self.project} → {self.programme}"


class Grant(TimeStampedModel):
    """A grant case (Förderfall) from the application to the closing."""

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("in preparation")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", pgettext_lazy("grant", "approved")
        REJECTED = "rejected", _("rejected")
        RUNNING = "running", pgettext_lazy("grant", "running")
        REPORT_SUBMITTED = "report_submitted", _("statement of use submitted")
        CHECKED = "checked", _("checked")
        CLOSED = "closed", _("closed")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("project"),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("programme"),
    )
    applicant = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="grants_applied",
        verbose_name=_("applicant"),
        help_text=_("In trustee mode: the trustee (Träger)."),
    )
    initiative = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants_in_trust",
        verbose_name=_("initiative the trustee acts for"),
    )
    co_applicants = models.ManyToManyField(
        "actors.Actor",
        blank=True,
        related_name="grants_co_applied",
        verbose_name=_("co-applicants"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARATION
    )
    requested_amount = models.DecimalField(
        _("requested amount (€)"), default=Decimal("0"), max_digits=12, decimal_places=2
    )
    approved_amount = models.DecimalField(
        _("approved amount (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    period_start = models.DateField(_("funding period from"), null=True, blank=True)
    period_end = models.DateField(_("funding period until"), null=True, blank=True)
    conditions_text = models.TextField(_("conditions of the approval"), blank=True)
    withheld_percent = models.DecimalField(
        _("share withheld until the final check (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
    )
    draw_window_days = models.PositiveSmallIntegerField(_("draw window (days)"), default=42)
    deviation_percent = models.PositiveSmallIntegerField(
        _("allowed deviation per plan line (%)"), default=20
    )
    drawn_total = models.DecimalField(
        _("drawn so far (€)"), default=Decimal("0"), max_digits=12, decimal_places=2
    )
    report_text = models.TextField(_("factual report (Sachbericht)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.programme} – {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("funding:grant", args=[self.pk])

    @property
    def in_trust(self) -> bool:
        return self.initiative_id is not None


class PlanLine(models.Model):
    """A cost line of the Ausgaben- und Finanzierungsplan; an honorarium line names its
    activity, unit and quantity and is compared with a fee floor."""

    class Category(models.TextChoices):
        PERSONNEL = "personnel", _("Personnel")
        HONORARIA = "honoraria", _("Honoraria")
        MATERIAL = "material", _("Material")
        RENT = "rent", _("Rent and room costs")
        TRAVEL = "travel", _("Travel")
        PUBLICITY = "publicity", _("Public relations")
        INVESTMENT = "investment", _("Investment")
        OTHER = "other", _("Other costs")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="plan_lines")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    fee_floor = models.ForeignKey(
        "FeeFloor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fee floor"),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    rate = models.DecimalField(
        _("amount per unit (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    justification = models.TextField(_("justification (fee floor)"), blank=True)

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")

    def __str__(self) -> str:
        return self.description


class IncomeLine(models.Model):
    class Kind(models.TextChoices):
        GRANT = "grant", _("This grant")
        OWN_FUNDS = "own_funds", _("Own funds")
        OTHER_FUNDER = "other_funder", _("Other funders")
        VOLUNTEER = "volunteer", _("Volunteer hours (valued)")
        IN_KIND = "in_kind", _("In-kind contributions")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="income_lines")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    hourly_value = models.DecimalField(
        _("value per volunteer hour (€)"), null=True, blank=True, max_digits=12, decimal_places=2
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("income line")
        verbose_name_plural = _("income lines")

    def __str__(self) -> str:
        return self.description


class VolunteerTime(models.Model):
    """A timesheet entry behind a volunteer-hours income line."""

    line = models.ForeignKey(IncomeLine, on_delete=models.CASCADE, related_name="timesheet")
    person = models.CharField(_("person"), max_length=200)
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    activity = models.CharField(_("activity"), max_length=200)

    class Meta:
        ordering = ["worked_on", "pk"]
        verbose_name = _("volunteer time")
        verbose_name_plural = _("volunteer times")

    def __str__(self) -> str:
        return f"{self.person} {self.worked_on}"


class Draw(models.Model):
    """A draw request (Mittelabruf)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="draws")
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    requested_on = models.DateField(_("requested on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["requested_on", "pk"]
        verbose_name = _("draw request")
        verbose_name_plural = _("draw requests")

    def __str__(self) -> str:
        return f"{self.amount} €"


class Receipt(models.Model):
    """An entry of the Belegliste: an expense or income with its receipt."""

    class Kind(models.TextChoices):
        EXPENSE = "expense", _("expense")
        INCOME = "income", _("income")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="receipts")
    number = models.PositiveIntegerField(_("no."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXPENSE)
    paid_on = models.DateField(_("date"))
    payee = models.CharField(_("payee or payer"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    plan_line = models.ForeignKey(
        PlanLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receipts",
        verbose_name=_("plan line"),
    )
    file = models.FileField(_("receipt file"), upload_to="funding/receipts/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="one_receipt_number_per_grant")
        ]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return f"{self.number}: {self.purpose}"


class FeeFloorTable(models.Model):
    """A versioned table of fee floors (Honoraruntergrenzen) from one source."""

    name = models.CharField(_("name"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200)
    version = models.CharField(_("version"), max_length=50)
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    source_url = models.URLField(_("source"), blank=True)
    is_example = models.BooleanField(_("example values"), default=False)
    note = models.TextField(_("note"), blank=True)
    checked_on = models.DateField(_("last checked"), null=True, blank=True)

    class Meta:
        ordering = ["name", "-effective_from"]
        verbose_name = _("fee-floor table")
        verbose_name_plural = _("fee-floor tables")

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def is_stale(self) -> bool:
        """Not checked at its source for more than a year (or never)."""
        return self.checked_on is None or self.checked_on < date.today() - timedelta(days=365)


class FeeFloor(models.Model):
    class Unit(models.TextChoices):
        PERFORMANCE = "performance", _("per performance")
        DAY = "day", _("per day")
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        HOUR = "hour", _("per hour")

    table = models.ForeignKey(FeeFloorTable, on_delete=models.CASCADE, related_name="floors")
    activity = models.CharField(_("activity"), max_length=200)
    unit = models.CharField(_("unit"), max_length=15, choices=Unit.choices)
    with_ksk = models.BooleanField(_("with artists' social insurance (KSK)"), null=True, blank=True)
    amount = models.DecimalField(_("floor (€)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["table", "activity", "unit", "pk"]
        verbose_name = _("fee floor")
        verbose_name_plural = _("fee floors")

    def __str__(self) -> str:
        ksk = {True: " (mit KSK)", False: " (ohne KSK)", None: ""}[self.with_ksk]
        return f"{self.activity}, {self.get_unit_display()}{ksk}: {self.amount} €"


class FairPayStatement(TimeStampedModel):
    """A project's fair-pay statement: its honoraria against the fee floors. Public only
    while the project's owners have published it (their consent); they may withdraw it."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="fair_pay_statement"
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fair-pay statement")
        verbose_name_plural = _("fair-pay statements")

    def __str__(self) -> str:
        return f"Fair Pay: {self.project_id}"
