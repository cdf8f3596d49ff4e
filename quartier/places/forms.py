from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.places.models import Feature, Place, PlaceKind, PlaceStatus, SpaceRequest, Use


def _checkboxes(label: Any, choices: Any, required: bool = False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


class PlaceForm(forms.ModelForm):
    uses = _checkboxes(_("Possible uses"), Use.choices)
    features = _checkboxes(_("Features"), Feature.choices)

    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "status",
            "owner",
            "parent",
            "description",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "neighbourhood",
            "area_m2",
            "rooms",
            "features",
            "condition",
            "rent_eur_month",
            "available_from",
            "available_until",
            "use_approved",
            "uses",
            "restrictions",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "available_until": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "restrictions": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only actors the user may act for can be named as owner.
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["parent"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            kind=PlaceKind.BUILDING, parent__isnull=True
        ).exclude(pk=self.instance.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("“Until” must not be before “from”."))
        return data


class SpaceRequestForm(forms.ModelForm):
    uses = _checkboxes(_("Uses"), Use.choices, required=True)
    must_have = _checkboxes(_("Must have"), Feature.choices)
    nice_to_have = _checkboxes(_("Nice to have"), Feature.choices)

    class Meta:
        model = SpaceRequest
        fields = [
            "actor",
            "title",
            "description",
            "uses",
            "area_m2_min",
            "area_m2_max",
            "budget_eur_month",
            "start",
            "months",
            "latitude",
            "longitude",
            "radius_km",
            "must_have",
            "nice_to_have",
            "urgency",
            "current_place_ends",
            "status",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "current_place_ends": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, actors: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["actor"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("area_m2_min"), data.get("area_m2_max")
        if low is not None and high is not None and high < low:
            self.add_error("area_m2_max", _("The upper bound must not be below the lower."))
        if not 0 < (data.get("radius_km") or 0) <= 200:
            self.add_error("radius_km", _("Give a radius between 0 and 200 km."))
        return data


class PlaceFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all")), *PlaceKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *PlaceStatus.choices]
    )
    place = forms.CharField(
        label=_("Neighbourhood or municipality"), required=False, max_length=100
    )
