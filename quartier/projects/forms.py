from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor
from quartier.actors.selectors import visible_actors
from quartier.alliances.forms import DateInput
from quartier.alliances.models import Agreement, Alliance
from quartier.alliances.rules import member_alliance_ids
from quartier.events.models import Event
from quartier.events.selectors import visible_events
from quartier.knowledge.models import Article, ChecklistRun, Topic
from quartier.knowledge.selectors import published_articles
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place
from quartier.projects.models import ENDED_PHASES, Participant, Phase, Project


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("all")), *Phase.choices]
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("all")), *Topic.choices]
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        widget=forms.HiddenInput,
        queryset=Neighbourhood.objects.all(),
    )
    alliance = forms.ModelChoiceField(
        label=_("Alliance"),
        required=False,
        widget=forms.HiddenInput,
        queryset=Alliance.objects.all(),
    )
    mine = forms.BooleanField(label=_("only my projects"), required=False)


def own_actors(user: Viewer) -> QuerySet[Actor]:
    if not user.is_authenticated:
        return Actor.objects.none()
    if user.is_superuser:
        return Actor.objects.order_by("name")
    return Actor.objects.filter(memberships__user=user).distinct().order_by("name")


def alliance_choices(user: Viewer, current: Alliance | None = None) -> QuerySet[Alliance]:
    if user.is_superuser:
        return Alliance.objects.order_by("name")
    query = Q(pk__in=member_alliance_ids(user)) | Q(neighbourhoods__managers=user)
    if current is not None:
        query |= Q(pk=current.pk)
    return Alliance.objects.filter(query).distinct().order_by("name")


def neighbourhood_choices(user: Viewer, project: Project | None) -> QuerySet[Neighbourhood]:
    """The neighbourhoods of the user's actors and alliances and those already set – not
    every neighbourhood of the country."""
    if user.is_superuser:
        return Neighbourhood.objects.order_by("name")
    query = (
        Q(actors__memberships__user=user)
        | Q(managers=user)
        | Q(alliances__in=member_alliance_ids(user))
    )
    if project is not None and project.pk:
        query |= Q(projects=project)
    return Neighbourhood.objects.filter(query).distinct().order_by("name")


def place_choices(user: Viewer, project: Project | None) -> QuerySet[Place]:
    neighbourhoods = neighbourhood_choices(user, project)
    query = Q(neighbourhood__in=neighbourhoods) | Q(owner__memberships__user=user)
    if project is not None and project.pk:
        query |= Q(projects=project)
    return Place.objects.filter(query).distinct().order_by("name")


class ProjectForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "owners",
            "alliance",
            "neighbourhoods",
            "places",
            "phase",
            "starts_on",
            "ends_on",
            "budget_total_eur",
            "budget_summary",
            "is_public",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "budget_summary": forms.Textarea(attrs={"rows": 3}),
            "owners": forms.CheckboxSelectMultiple,
            "neighbourhoods": forms.CheckboxSelectMultiple,
            "places": forms.CheckboxSelectMultiple,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.instance if self.instance.pk else None
        owners = own_actors(user)
        if project is not None:
            owners = (
                Actor.objects.filter(Q(pk__in=owners.values("pk")) | Q(owned_projects=project))
                .distinct()
                .order_by("name")
            )
        self.fields["owners"].queryset = owners  # type: ignore[attr-defined]
        self.fields["owners"].help_text = _("Your actors that run the project.")
        self.fields["alliance"].queryset = alliance_choices(  # type: ignore[attr-defined]
            user, project.alliance if project else None
        )
        self.fields["neighbourhoods"].queryset = neighbourhood_choices(user, project)  # type: ignore[attr-defined]
        self.fields["places"].queryset = place_choices(user, project)  # type: ignore[attr-defined]
        self.fields["places"].help_text = _("Places the project uses, e.g. from the brokering.")
        if project is not None:
            del self.fields["phase"]  # the phase changes on its own page, with a date
            self.initial["topics"] = project.topics
        else:
            self.fields["phase"].choices = [  # type: ignore[attr-defined]
                c for c in Phase.choices if c[0] not in ENDED_PHASES
            ]


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("New phase"), choices=[])
    on = forms.DateField(label=_("Since"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [  # type: ignore[attr-defined]
            c for c in Phase.choices if c[0] not in (project.phase, Phase.ENDED_LEARNED)
        ]


class EndForm(forms.Form):
    worked = forms.CharField(label=_("What worked?"), widget=forms.Textarea(attrs={"rows": 4}))
    failed = forms.CharField(
        label=_("What did not work?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    for_others = forms.CharField(
        label=_("What should others know?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    consent = forms.BooleanField(
        label=_(
            "We, the authors, agree that our lessons become a draft case report in the toolbox."
        ),
        required=False,
        help_text=_("The toolbox editors review the draft before anybody else reads it."),
    )


def partner_choices(project: Project, user: Viewer) -> QuerySet[Actor]:
    """Actors of the project's neighbourhoods and alliance, and the user's own – not every
    actor of the country."""

    query = Q(neighbourhoods__projects=project) | Q(memberships__user=user)
    if project.alliance_id:
        query |= Q(
            alliance_memberships__alliance=project.alliance_id,
            alliance_memberships__accepted_at__isnull=False,
        )
    return (
        visible_actors(user)
        .filter(pk__in=Actor.objects.filter(query).values("pk"))
        .order_by("name")
    )


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["actor", "role", "contribution", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def __init__(self, *args: Any, project: Project, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = partner_choices(project, user)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["actor"].disabled = True


class SuccessionForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Who takes over"), queryset=Actor.objects.none(), required=False
    )
    handover_on = forms.DateField(label=_("Handover date"), widget=DateInput(), required=False)
    note = forms.CharField(
        label=_("What is handed over"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    checklist = forms.ModelChoiceField(
        label=_("Handover checklist"),
        queryset=Article.objects.none(),
        required=False,
        help_text=_("A checklist from the toolbox that you tick off together."),
    )

    def __init__(self, *args: Any, project: Project, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = partner_choices(project, user)  # type: ignore[attr-defined]
        self.fields["checklist"].queryset = Article.objects.filter(  # type: ignore[attr-defined]
            kind=Article.Kind.CHECKLIST, status=Article.Status.PUBLISHED
        ).order_by("title")
        if project.handover_run_id:
            del self.fields["checklist"]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Planned for"), widget=DateInput())


class LinksForm(forms.Form):
    events = forms.ModelMultipleChoiceField(
        label=_("Events"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreements = forms.ModelMultipleChoiceField(
        label=_("Agreements"),
        queryset=Agreement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    checklist_runs = forms.ModelMultipleChoiceField(
        label=_("Checklist runs"),
        queryset=ChecklistRun.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    articles = forms.ModelMultipleChoiceField(
        label=_("Articles of the toolbox"),
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published articles on the project's topics (the 50 newest)."),
    )

    def __init__(self, *args: Any, project: Project, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        hoods = project.neighbourhoods.all()
        event_q = Q(neighbourhood__in=hoods) | Q(projects=project)
        if project.alliance_id:
            event_q |= Q(alliance=project.alliance_id)
        self.fields["events"].queryset = Event.objects.filter(  # type: ignore[attr-defined]
            pk__in=visible_events(user).filter(event_q).values("pk")
        ).order_by("-start")
        agreement_q = Q(projects=project)
        run_q = Q(actor__in=project.owners.all()) | Q(projects=project)
        if project.alliance_id:
            agreement_q |= Q(alliance=project.alliance_id)
            run_q |= Q(alliance=project.alliance_id)
        self.fields["agreements"].queryset = (  # type: ignore[attr-defined]
            Agreement.objects.filter(agreement_q).distinct().order_by("title")
        )
        self.fields["checklist_runs"].queryset = (  # type: ignore[attr-defined]
            ChecklistRun.objects.filter(run_q).distinct().order_by("title")
        )
        on_topic = published_articles().order_by("-pk")
        if project.topics:
            on_topic = on_topic.filter(tags__kind="topic", tags__value__in=project.topics)
        self.fields["articles"].queryset = (  # type: ignore[attr-defined]
            Article.objects.filter(
                Q(projects=project)
                | Q(pk__in=list(on_topic.values_list("pk", flat=True).distinct()[:50]))
            )
            .distinct()
            .order_by("title")
        )
        self.initial.update(
            articles=list(project.articles.all()),
            events=list(project.events.all()),
            agreements=list(project.agreements.all()),
            checklist_runs=list(project.checklist_runs.all()),
        )
