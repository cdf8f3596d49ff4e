"""Forms of the impact part: the SRS impact model, indicators (from the library or free) with
targets per period, a measurement with evidence, the review, the CSV upload."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.alliances.forms import DateInput
from quartier.engines.impact import parse_period
from quartier.projects.library import library
from quartier.projects.models import Evidence, Indicator, Project

SRS_LABELS = {
    "problem": _("Problem: what is the situation the project answers?"),
    "approach": _("Approach: what does the project do?"),
    "inputs": _("Inputs: money, rooms, working hours"),
    "outputs": _("Outputs: what the project offers and delivers"),
    "outcomes": _("Outcomes: what changes for the target groups"),
    "impact": _("Impact: what changes in the neighbourhood"),
    "target_groups": _("Target groups"),
    "outlook": _("Outlook"),
}


class ImpactModelForm(forms.Form):
    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in SRS_LABELS.items():
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=getattr(project, name),
            )


def parse_decimal(text: str) -> Decimal:
    """A number as people type it: `400`, `1.234,5` or `1234.5`."""
    text = text.strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def parse_targets(text: str, period: str) -> dict[datetime.date, Decimal]:
    """Lines `period: value` (`2026-03: 400`, `Q1/2026: 1200`, `2026: 5000`)."""
    targets: dict[datetime.date, Decimal] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        head, sep, tail = line.rpartition(":") if ":" in line else line.rpartition(";")
        try:
            if not sep:
                raise ValueError
            targets[parse_period(head.strip(), period)] = parse_decimal(tail)
        except (ValueError, InvalidOperation) as error:
            raise forms.ValidationError(
                _("Line %(line)s: write “period: value”, e.g. “2026-03: 400”."),
                params={"line": number},
            ) from error
    return targets


class IndicatorForm(forms.Form):
    library_key = forms.ChoiceField(
        label=_("From the library"),
        required=False,
        help_text=_(
            "Projects that measure alike can be compared. Choose an indicator of the library "
            "or leave this empty and describe your own."
        ),
    )
    title = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    definition = forms.CharField(
        label=_("Definition"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level = forms.ChoiceField(label=_("Level"), choices=Indicator.Level.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Indicator.Kind.choices, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Indicator.Direction.choices, required=False
    )
    aggregation = forms.ChoiceField(
        label=_("Counting"), choices=Indicator.Aggregation.choices, required=False
    )
    period = forms.ChoiceField(label=_("Period"), choices=Indicator.Period.choices, required=False)
    baseline_value = forms.CharField(label=_("Baseline"), max_length=30, required=False)
    baseline_on = forms.DateField(label=_("Baseline date"), required=False, widget=DateInput())
    targets = forms.CharField(
        label=_("Targets per period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per period: “2026-03: 400” (month), “Q2/2026: 1200”, “2026: 5000”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["library_key"].choices = [  # type: ignore[attr-defined]
            ("", _("– my own indicator –")),
            *((e["key"], e["title"]) for e in library()),
        ]

    def clean_baseline_value(self) -> Decimal | None:
        text = self.cleaned_data["baseline_value"]
        if not text.strip():
            return None
        try:
            return parse_decimal(text)
        except InvalidOperation as error:
            raise forms.ValidationError(_("Enter a number.")) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.get("library_key")
        entry = next((e for e in library() if e["key"] == key), None)
        if entry is None and not data.get("title"):
            self.add_error("title", _("Name the indicator or choose one from the library."))
        if entry is None and not data.get("level"):
            self.add_error("level", _("Choose the level."))
        period = data.get("period") or (entry or {}).get("period") or "month"
        data["effective_period"] = period
        if data.get("targets"):
            try:
                data["parsed_targets"] = parse_targets(data["targets"], period)
            except forms.ValidationError as error:
                self.add_error("targets", error)
        return data

    def service_fields(self) -> dict[str, Any]:
        """The fields for `add_indicator`: empty ones leave the library's values."""
        data = self.cleaned_data
        names = ["title", "definition", "level", "kind", "unit", "direction", "aggregation"]
        fields = {n: data[n] for n in names if data.get(n)}
        if data.get("period"):
            fields["period"] = data["period"]
        if data.get("baseline_value") is not None:
            fields["baseline_value"] = data["baseline_value"]
        if data.get("baseline_on"):
            fields["baseline_on"] = data["baseline_on"]
        return fields


class MeasurementForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=20,
        help_text=_("E.g. “2026-03” (month), “Q1/2026” (quarter) or “2026” (year)."),
    )
    value = forms.CharField(label=_("Value"), max_length=30, required=False)
    narrative = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_kind = forms.ChoiceField(
        label=_("Evidence"),
        required=False,
        choices=[("", _("– none –")), *Evidence.Kind.choices],
    )
    evidence_file = forms.FileField(label=_("File or photo"), required=False)
    evidence_url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    evidence_description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("For a photo: what it shows, for people who cannot see it."),
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.unit:
            self.fields["value"].label = f"{_('Value')} ({indicator.unit})"

    def clean_period(self) -> datetime.date:
        try:
            return parse_period(self.cleaned_data["period"], self.indicator.period)
        except ValueError as error:
            raise forms.ValidationError(_("This is not a period of this indicator.")) from error

    def clean_value(self) -> Decimal | None:
        text = self.cleaned_data["value"]
        if not text.strip():
            return None
        try:
            return parse_decimal(text)
        except InvalidOperation as error:
            raise forms.ValidationError(_("Enter a number.")) from error


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class LockForm(forms.Form):
    period_start = forms.DateField(widget=forms.HiddenInput)


class MeasurementImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "First line “indikator;zeitraum;wert;erzaehlung”. One bad line imports nothing; "
            "the report names it."
        ),
    )
