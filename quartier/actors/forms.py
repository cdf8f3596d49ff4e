from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import (
    Actor,
    ContactPerson,
    LegalForm,
    Membership,
    Resource,
    ResourceKind,
    Sector,
    Tie,
    Topic,
)
from quartier.actors.selectors import DirectoryFilters
from quartier.actors.services import set_established
from quartier.core.images import clean_image
from quartier.neighbourhoods.models import Neighbourhood


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters; invalid values are dropped, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.MultipleChoiceField(label=_("Sector"), choices=Sector.choices, required=False)
    established = forms.TypedChoiceField(
        label=_("Established or new"),
        required=False,
        coerce=lambda v: v == "1",
        empty_value=None,
        choices=[("", _("all")), ("1", _("established actors")), ("0", _("new actors"))],
    )
    # A link from a neighbourhood's page filters by its id; people type a place instead,
    # so that the page does not list thousands of neighbourhoods in a select.
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        widget=forms.HiddenInput,
        queryset=Neighbourhood.objects.select_related("municipality"),
    )
    place = forms.CharField(
        label=_("Neighbourhood or municipality"), required=False, max_length=100
    )
    offers = forms.MultipleChoiceField(
        label=_("Offers"), choices=ResourceKind.choices, required=False
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=ResourceKind.choices, required=False
    )
    topic = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False
    )
    legal_form = forms.MultipleChoiceField(
        label=_("Legal form"), choices=LegalForm.choices, required=False
    )

    def to_filters(self) -> DirectoryFilters:
        data: dict[str, Any] = (
            self.cleaned_data
            if self.is_valid()
            else {name: value for name, value in getattr(self, "cleaned_data", {}).items()}
        )
        neighbourhood = data.get("neighbourhood")
        return DirectoryFilters(
            q=(data.get("q") or "").strip(),
            sectors=data.get("sector") or [],
            established=data.get("established"),
            neighbourhood=neighbourhood.pk if neighbourhood else None,
            place=(data.get("place") or "").strip(),
            offers=data.get("offers") or [],
            needs=data.get("needs") or [],
            topics=[t.pk for t in data.get("topic") or []],
            legal_forms=data.get("legal_form") or [],
        )


class ActorForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    established = forms.TypedChoiceField(
        label=_("Established or new"),
        required=False,
        coerce=str,
        choices=[
            ("", _("derive from the sector")),
            ("1", _("established actor")),
            ("0", _("new actor")),
        ],
        help_text=_(
            "The paper counts municipality, housing and real-estate companies, "
            "owners, businesses and welfare organisations as established."
        ),
    )

    class Meta:
        model = Actor
        fields = [
            "name",
            "short_description",
            "sector",
            "department",
            "legal_form",
            "goals",
            "limits",
            "topics",
            "capacity_hours_per_month",
            "neighbourhoods",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "website",
            "logo",
            "visibility",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "limits": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
            "neighbourhoods": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.established_set_by_hand:
            self.initial["established"] = "1" if self.instance.is_established else "0"

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and (len(postcode) != 5 or not postcode.isdigit()):
            raise forms.ValidationError(_("A German postcode has five digits."))
        return postcode

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return clean_image(logo)  # PNG, JPEG or WebP, pixel limit, no metadata
        return logo

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError(_("The position is outside the valid range."))
        return data

    def m2m_values(self) -> dict[str, Any]:
        """The topics and neighbourhoods chosen, for `services.create_actor`/`update_actor`."""
        return {name: self.cleaned_data[name] for name in ("topics", "neighbourhoods")}

    def apply_established(self, actor: Actor) -> None:
        choice = self.cleaned_data.get("established") or ""
        set_established(actor, choice == "1" if choice in ("0", "1") else None)


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["direction", "kind", "topic", "area_m2", "neighbourhood", "note"]


ResourceFormSet = inlineformset_factory(
    Actor, Resource, form=ResourceForm, extra=2, can_delete=True, max_num=30
)


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "public_consent"]


ContactFormSet = inlineformset_factory(
    Actor, ContactPerson, form=ContactForm, extra=1, can_delete=True, max_num=10
)


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class TieForm(forms.ModelForm):
    class Meta:
        model = Tie
        fields = ["kind", "since", "until", "note"]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "until": forms.DateInput(attrs={"type": "date"}),
        }
