from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor, LegalForm
from quartier.funding.csv_formats import parse_day
from quartier.funding.models import (
    Eligible,
    FeeFloor,
    Funder,
    FundingArea,
    FundingProfile,
    FundingProgramme,
    FundingRegion,
    FundingType,
    IncomeLine,
    PlanLine,
    Receipt,
)
from quartier.projects.models import Phase

MULTI_FACETS = {
    "funding_types": FundingType,
    "areas": FundingArea,
    "regions": FundingRegion,
    "eligible": Eligible,
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class NavigatorFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    funding_types = forms.MultipleChoiceField(
        label=_("Type of funding"),
        required=False,
        choices=FundingType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.MultipleChoiceField(
        label=_("Funding area"),
        required=False,
        choices=FundingArea.choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    regions = forms.MultipleChoiceField(
        label=_("Funding region"),
        required=False,
        choices=FundingRegion.choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    eligible = forms.MultipleChoiceField(
        label=_("Eligible applicants"),
        required=False,
        choices=Eligible.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    funder = forms.MultipleChoiceField(
        label=_("Funder"),
        required=False,
        choices=Funder.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    open_deadline = forms.BooleanField(label=_("only with an open deadline"), required=False)


class ProgrammeForm(forms.ModelForm):
    funding_types = forms.MultipleChoiceField(
        label=_("Type of funding"),
        choices=FundingType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.MultipleChoiceField(
        label=_("Funding area"),
        choices=FundingArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    regions = forms.MultipleChoiceField(
        label=_("Funding region"),
        choices=FundingRegion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligible = forms.MultipleChoiceField(
        label=_("Eligible applicants"),
        choices=Eligible.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    legal_forms = forms.MultipleChoiceField(
        label=_("Legal forms that may apply"),
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: any legal form."),
    )
    phases = forms.MultipleChoiceField(
        label=_("Project phases"),
        choices=Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.CharField(label=_("Topics"), required=False, help_text=_("Separated by commas."))
    source_url = forms.URLField(label=_("Source"), required=False, assume_scheme="https")
    deadline_dates = forms.CharField(
        label=_("Deadline dates"),
        required=False,
        help_text=_("For fixed deadlines: dates as DD.MM.YYYY, separated by commas."),
    )

    class Meta:
        model = FundingProgramme
        fields = [
            "title", "summary", "funder_name", "funder", "funding_types", "areas", "regions",
            "eligible", "legal_forms", "non_profit_required", "min_age_months",
            "trustee_allowed", "topics", "phases", "min_amount", "max_amount", "funding_rate",
            "own_share", "volunteer_hours_count", "in_kind_counts", "deadline_kind",
            "deadline_dates", "deadline_month", "deadline_day", "draw_window_days",
            "source_url", "licence", "checked_on", "is_example", "is_published",
        ]  # fmt: skip
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "checked_on": DateInput()}

    LISTS = ("funding_types", "areas", "regions", "eligible", "legal_forms", "phases")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.instance
        if programme.pk:
            for name in self.LISTS:
                self.initial[name] = programme.values(name)
            self.initial["topics"] = ", ".join(programme.values("topics"))
            self.initial["deadline_dates"] = ", ".join(
                date.fromisoformat(d).strftime("%d.%m.%Y") for d in programme.deadline_dates
            )
        else:
            self.initial.setdefault("checked_on", date.today())

    def clean_deadline_dates(self) -> list[str]:

        raw = self.cleaned_data.get("deadline_dates") or ""
        try:
            return sorted(parse_day(v.strip()).isoformat() for v in raw.split(",") if v.strip())
        except ValueError as error:
            raise forms.ValidationError(_("Dates as DD.MM.YYYY, separated by commas.")) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.LISTS:
            values = data.get(name) or []
            data[name] = f"|{'|'.join(values)}|" if values else ""
        topics = [t.strip().lower() for t in (data.get("topics") or "").split(",") if t.strip()]
        data["topics"] = f"|{'|'.join(topics)}|" if topics else ""
        return data

    def _post_clean(self) -> None:
        # the model is validated by the service, with the stored form of the lists
        for name in (*self.LISTS, "topics", "deadline_dates"):
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])
        opts = self._meta
        for name in opts.fields or []:
            if name in self.cleaned_data and name not in (*self.LISTS, "topics", "deadline_dates"):
                setattr(self.instance, name, self.cleaned_data[name])


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class ProgrammeUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XML file"))


class FundingProfileForm(forms.ModelForm):
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        help_text=_("Separated by commas, e.g. kultur, nachbarschaft."),
    )
    non_profit = forms.NullBooleanField(
        label=_("Recognised as non-profit"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("not stated")), ("true", _("yes")), ("false", _("no"))]
        ),
    )
    seat_region = forms.ChoiceField(
        label=_("Seat (region)"),
        required=False,
        choices=[("", _("not stated")), *FundingRegion.choices[2:]],
    )

    class Meta:
        model = FundingProfile
        fields = [
            "applicant", "non_profit", "founded_on", "seat_region", "region", "topics",
            "total_costs", "own_funds", "volunteer_value", "in_kind_value",
        ]  # fmt: skip
        widgets = {"founded_on": DateInput()}
        help_texts = {"region": _("A region code such as DE-SN or DE-SN-14713000.")}

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = owners  # type: ignore[attr-defined]
        self.fields["applicant"].help_text = _(
            "An actor without a legal form counts as a group without a legal form."
        )
        if self.instance.pk:
            self.initial["topics"] = ", ".join(t for t in self.instance.topics.split("|") if t)

    def clean_topics(self) -> list[str]:
        return [
            t.strip().lower()
            for t in (self.cleaned_data.get("topics") or "").split(",")
            if t.strip()
        ]

    def _post_clean(self) -> None:
        pass  # the service validates


class GrantCreateForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=FundingProgramme.objects.none()
    )
    initiative: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Applying actor of the project"), queryset=Actor.objects.none()
    )
    trustee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Trustee (Träger)"),
        required=False,
        queryset=Actor.objects.none(),
        help_text=_("Leave empty when the project's actor applies itself."),
    )

    def __init__(
        self, *args: Any, programmes: Any, owners: Any, trustees: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["initiative"].queryset = owners  # type: ignore[attr-defined]
        self.fields["trustee"].queryset = trustees  # type: ignore[attr-defined]


class PlanLineForm(forms.ModelForm):
    class Meta:
        model = PlanLine
        fields = [
            "category",
            "description",
            "amount",
            "due_on",
            "fee_floor",
            "quantity",
            "rate",
            "justification",
        ]
        widgets = {"due_on": DateInput(), "justification": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "amount": _("For an honorarium with quantity and amount per unit it is calculated."),
            "justification": _(
                "Needed when an honorarium is below the fee floor: which recommendation and why."
            ),
        }

    def __init__(self, *args: Any, floors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fee_floor"].queryset = floors  # type: ignore[attr-defined]
        self.fields["amount"].required = False

    def _post_clean(self) -> None:
        pass


class IncomeLineForm(forms.ModelForm):
    class Meta:
        model = IncomeLine
        fields = ["kind", "description", "amount", "hourly_value"]
        help_texts = {
            "hourly_value": _(
                "Only for volunteer hours: the amount is then counted from the timesheet."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].required = False

    def _post_clean(self) -> None:
        pass


class VolunteerTimeForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Volunteer line"), queryset=IncomeLine.objects.none())
    person = forms.CharField(label=_("Person"), max_length=200)
    worked_on = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), max_digits=6, decimal_places=2)
    activity = forms.CharField(label=_("Activity"), max_length=200)

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    approved_amount = forms.DecimalField(
        label=_("Approved amount (€)"), max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    period_start = forms.DateField(label=_("Funding period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Funding period until"), widget=DateInput())
    withheld_percent = forms.DecimalField(
        label=_("Share withheld until the final check (%)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal("10"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
    )
    conditions_text = forms.CharField(
        label=_("Conditions of the approval"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DrawForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (€)"), max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class ReceiptForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Receipt.Kind.choices)
    paid_on = forms.DateField(label=_("Date"), widget=DateInput())
    payee = forms.CharField(label=_("Payee or payer"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount (€)"), max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    plan_line = forms.ModelChoiceField(
        label=_("Plan line"), required=False, queryset=PlanLine.objects.none()
    )
    file = forms.FileField(label=_("Receipt file"), required=False)

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_line"].queryset = lines  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    report_text = forms.CharField(
        label=_("Factual report (Sachbericht)"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
    )


class FeeCalculatorForm(forms.Form):
    preparation_hours = forms.DecimalField(
        label=_("Preparation (hours)"),
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        initial=2,
    )
    delivery_hours = forms.DecimalField(
        label=_("Delivery (hours)"),
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        initial=2,
    )
    follow_up_hours = forms.DecimalField(
        label=_("Follow-up (hours)"),
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        initial=1,
    )
    travel_hours = forms.DecimalField(
        label=_("Travel (hours)"), min_value=Decimal("0"), max_digits=6, decimal_places=2, initial=1
    )
    hourly_rate = forms.DecimalField(
        label=_("Hourly rate (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        initial=60,
    )
    travel_costs = forms.DecimalField(
        label=_("Travel costs (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        initial=0,
    )
    floor = forms.ModelChoiceField(
        label=_("Compare with the fee floor"), required=False, queryset=FeeFloor.objects.none()
    )

    def __init__(self, *args: Any, floors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["floor"].queryset = floors  # type: ignore[attr-defined]


class FairPayForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the public (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
