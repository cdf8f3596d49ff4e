from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.alliances.clauses import Clause
from quartier.alliances.models import Agreement, Alliance, AllianceMember, Goal, Measure
from quartier.neighbourhoods.models import Neighbourhood


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AllianceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Alliance.Status.choices]
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        widget=forms.HiddenInput,
        queryset=Neighbourhood.objects.all(),
    )
    mine = forms.BooleanField(label=_("only my alliances"), required=False)


def neighbourhood_choices(user: Any, alliance: Alliance | None) -> QuerySet[Neighbourhood]:
    """The neighbourhoods of the user's actors, those they manage and those already set –
    not every neighbourhood of the country."""
    query = Q(actors__memberships__user=user) | Q(managers=user)
    if alliance is not None and alliance.pk:
        query |= Q(alliances=alliance)
    if user.is_superuser:
        return Neighbourhood.objects.all().order_by("name")
    return Neighbourhood.objects.filter(query).distinct().order_by("name")


class AllianceForm(forms.ModelForm):
    class Meta:
        model = Alliance
        fields = ["name", "purpose", "status", "is_public", "neighbourhoods"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "neighbourhoods": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self, *args: Any, user: Any, initiators: QuerySet[Actor] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = neighbourhood_choices(user, self.instance)  # type: ignore[attr-defined]
        if initiators is not None:
            self.fields["initiator"] = forms.ModelChoiceField(
                label=_("Founded by (your actor)"),
                queryset=initiators,
                help_text=_("Your actor becomes the initiator of the alliance."),
            )
            if initiators.count() == 1:
                self.initial["initiator"] = initiators.first()


class MemberForm(forms.ModelForm):
    class Meta:
        model = AllianceMember
        fields = [
            "actor",
            "role",
            "responsibilities",
            "interests",
            "capacity_hours",
            "capacity_money",
            "capacity_rooms",
            "joined_on",
        ]
        widgets = {
            "responsibilities": forms.Textarea(attrs={"rows": 3}),
            "interests": forms.Textarea(attrs={"rows": 3}),
            "joined_on": DateInput(),
        }

    def __init__(self, *args: Any, actors: QuerySet[Actor] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actors is None:
            del self.fields["actor"]  # the actor of a membership does not change
        else:
            self.fields["actor"].queryset = actors  # type: ignore[attr-defined]


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["title", "owner", "starts_on", "due_on", "status"]
        widgets = {"starts_on": DateInput(), "due_on": DateInput()}

    def __init__(self, *args: Any, owners: QuerySet[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"), queryset=Actor.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(
        self, *args: Any, parties: QuerySet[Actor], with_kind: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = parties  # type: ignore[attr-defined]
        if not with_kind:
            del self.fields["kind"]


class ClausesForm(forms.Form):
    """One heading and one text field per clause, plus an empty clause to add one."""

    note = forms.CharField(label=_("What changed?"), max_length=300, required=False)

    def __init__(self, *args: Any, clauses: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clause_keys = [c["key"] for c in clauses] + ["new"]
        for number, clause in enumerate([*clauses, {"key": "new", "title": "", "text": ""}], 1):
            key = clause["key"]
            self.fields[f"title_{key}"] = forms.CharField(
                label=_("§ %(n)s heading") % {"n": number}
                if key != "new"
                else _("New clause: heading"),
                max_length=200,
                required=False,
                initial=clause["title"],
            )
            self.fields[f"text_{key}"] = forms.CharField(
                label=_("§ %(n)s text") % {"n": number} if key != "new" else _("New clause: text"),
                max_length=10000,
                required=False,
                initial=clause["text"],
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def clauses(self) -> list[Clause]:
        result: list[Clause] = []
        used = set(self.clause_keys)
        for key in self.clause_keys:
            title = self.cleaned_data.get(f"title_{key}", "")
            text = self.cleaned_data.get(f"text_{key}", "")
            if key == "new":
                if not (title or text):
                    continue
                n = 1
                while f"clause_{n}" in used:
                    n += 1
                key = f"clause_{n}"
            result.append({"key": key, "title": title, "text": text})
        return result
