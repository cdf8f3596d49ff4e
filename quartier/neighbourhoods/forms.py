from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.neighbourhoods.models import Challenge, Neighbourhood


class NeighbourhoodForm(forms.ModelForm):
    challenges = forms.MultipleChoiceField(
        label=_("Challenges"),
        choices=Challenge.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    boundary = forms.JSONField(
        label=_("Boundary (GeoJSON polygon)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: a GeoJSON Polygon, e.g. exported from a GIS."),
    )

    class Meta:
        model = Neighbourhood
        fields = [
            "description",
            "situation_type",
            "context",
            "challenges",
            "possibilities",
            "restrictions",
            "latitude",
            "longitude",
            "boundary",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "possibilities": forms.Textarea(attrs={"rows": 3}),
            "restrictions": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_challenges(self) -> list[Any]:
        return list(self.cleaned_data.get("challenges") or [])
