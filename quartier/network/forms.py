"""Forms of the tandem pages (the services validate again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.network.models import Tandem


class OfferForm(forms.Form):
    topics = forms.CharField(label=_("Topics"), max_length=300, help_text=_("Separated by commas"))
    capacity = forms.IntegerField(
        label=_("Tandems at the same time"), min_value=1, max_value=10, initial=1
    )
    languages = forms.CharField(label=_("Languages"), max_length=100, initial="Deutsch")
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    available_until = forms.DateField(
        label=_("Available until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("What you offer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    active = forms.BooleanField(label=_("Open for requests"), required=False, initial=True)


class AgreementForm(forms.Form):
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))
    months = forms.IntegerField(
        label=_("Duration in months (3–12)"), min_value=3, max_value=12, initial=6
    )
    rhythm = forms.ChoiceField(
        label=_("Meeting rhythm"), choices=Tandem.Rhythm.choices, initial=Tandem.Rhythm.MONTHLY
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the meeting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    minutes = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[(m, f"{m // 60}:{m % 60:02d} h") for m in range(15, 481, 15)],
        initial=60,
    )
    note = forms.CharField(
        label=_("What you talked about"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for declining"), choices=Tandem.DeclineReason.choices
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in Tandem.Outcome.choices if c[0]]
    )
    review = forms.CharField(label=_("Your short review"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    review = forms.CharField(label=_("Your short review"), widget=forms.Textarea(attrs={"rows": 3}))
