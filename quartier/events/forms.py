import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.alliances.models import Alliance
from quartier.alliances.rules import active_members_q
from quartier.events import recurrence
from quartier.events.models import Event, Format, Series
from quartier.events.rules import inside_alliance_ids, steered_alliance_ids
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEMPLATE_FORM_FIELDS = [
    "title",
    "format",
    "description",
    "agenda",
    "place",
    "address",
    "online_url",
    "neighbourhood",
    "alliance",
    "organisers",
    "visibility",
    "capacity",
    "registration_open",
]


def organiser_choices(user: Any, current: QuerySet[Actor] | None = None) -> QuerySet[Actor]:
    """The actors the person may name as organisers (their own, and the member actors of
    the alliances they steer), and those already named."""
    if user.is_superuser:
        return Actor.objects.order_by("name")
    q = Q(memberships__user=user) | (
        Q(alliance_memberships__alliance_id__in=steered_alliance_ids(user))
        & active_members_q("alliance_memberships__")
    )
    if current is not None:
        q |= Q(pk__in=current.values("pk"))
    return Actor.objects.filter(pk__in=Actor.objects.filter(q).values("pk")).order_by("name")


class TemplateFieldsForm(forms.ModelForm):
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organising actors"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The actors you belong to, or the members of an alliance you steer."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.organisers.all() if self.instance.pk else None
        self.fields["organisers"].queryset = organiser_choices(user, current)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["organisers"] = list(self.instance.organisers.values_list("pk", flat=True))
        steered = Q(pk__in=steered_alliance_ids(user))
        if self.instance.alliance_id:
            steered |= Q(pk=self.instance.alliance_id)
        self.fields["alliance"].queryset = Alliance.objects.filter(steered)  # type: ignore[attr-defined]
        self.fields["alliance"].help_text = _("Only the steering of an alliance holds its events.")
        self.fields["place"].queryset = Place.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("place") or data.get("address") or data.get("online_url")):
            raise forms.ValidationError(
                _("Give a venue: a place, an address or an online link (at least one).")
            )
        if not data.get("organisers") and not data.get("alliance"):
            self.add_error("organisers", _("Name at least one organising actor, or an alliance."))
        return data


class EventForm(TemplateFieldsForm):
    class Meta:
        model = Event
        fields = [*TEMPLATE_FORM_FIELDS[:4], "start", "end", *TEMPLATE_FORM_FIELDS[4:], "cancelled"]
        widgets = {
            "start": DATETIME_WIDGET,
            "end": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["cancelled"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end must not be before the start."))
        return data


class SeriesForm(TemplateFieldsForm):
    repeat = forms.ChoiceField(
        label=_("Repeats"), choices=recurrence.REPEAT_CHOICES, initial="monthly_weekday"
    )
    rrule_text = forms.CharField(
        label=_("Advanced: recurrence rule (RRULE)"),
        required=False,
        max_length=250,
        help_text=_(
            "Only for “advanced”: a rule after RFC 5545, e.g. FREQ=MONTHLY;BYDAY=2TU (every "
            "second Tuesday) or FREQ=WEEKLY;INTERVAL=2;BYDAY=TU (every other Tuesday)."
        ),
    )
    until = forms.DateField(
        label=_("Last date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the series goes on; the next twelve months appear in the calendar."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=1, max_value=14 * 24 * 60, initial=120
    )

    class Meta:
        model = Series
        fields = [*TEMPLATE_FORM_FIELDS[:4], "first_start", *TEMPLATE_FORM_FIELDS[4:]]
        widgets = {
            "first_start": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    field_order = ["title", "format", "first_start", "duration_minutes", "repeat", "rrule_text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["duration_minutes"] = int(self.instance.duration.total_seconds() // 60)
            self.initial["repeat"] = recurrence.repeat_of(self.instance.rrule)
            self.initial["rrule_text"] = self.instance.rrule

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start = data.get("first_start")
        repeat = data.get("repeat")
        custom = (data.get("rrule_text") or "").strip()
        if repeat == recurrence.Repeat.CUSTOM and not custom:
            self.add_error("rrule_text", _("Give the rule, or choose one of the simple options."))
            return data
        if start and repeat:
            rule = recurrence.rule_for(repeat, start, custom)
            rule = recurrence.with_until(recurrence.normalise(rule), data.get("until"))
            try:
                recurrence.parse_rule(rule, start)
            except forms.ValidationError as error:
                self.add_error("rrule_text" if repeat == recurrence.Repeat.CUSTOM else None, error)
            else:
                self.instance.rrule = rule
        if data.get("duration_minutes"):
            self.instance.duration = datetime.timedelta(minutes=data["duration_minutes"])
        return data


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: # heading, - list, **bold**."),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision per line."),
    )

    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines()]


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Responsible person"), queryset=User.objects.none())
    owner_actor = forms.ModelChoiceField(
        label=_("For actor"), queryset=Actor.objects.none(), required=False
    )
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, owners: Any = None, actors: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["owner_actor"].queryset = actors  # type: ignore[attr-defined]
        self.fields["owner"].label_from_instance = _person  # type: ignore[attr-defined]


def _person(user: Any) -> str:
    return user.get_full_name() or user.email


class CalendarFilterForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.order_by("name"), required=False
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("all")), *Format.choices]
    )
    alliance = forms.ModelChoiceField(
        label=_("Alliance"), queryset=Alliance.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = Alliance.objects.filter(  # type: ignore[attr-defined]
            Q(is_public=True) | Q(pk__in=inside_alliance_ids(user))
        ).order_by("name")
