from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor, Sector
from quartier.actors.selectors import visible_actors
from quartier.alliances.models import Alliance
from quartier.knowledge.models import Article, Phase, TagKind, Topic
from quartier.knowledge.services import Links
from quartier.neighbourhoods.models import SituationType
from quartier.places.models import Place

TAG_FORM_FIELDS = {
    "topics": (TagKind.TOPIC, _("Topics"), Topic.choices),
    "actor_groups": (TagKind.ACTOR_GROUP, _("Actor groups"), Sector.choices),
    "neighbourhood_types": (
        TagKind.NEIGHBOURHOOD_TYPE,
        _("Neighbourhood types"),
        SituationType.choices,
    ),
    "phases": (TagKind.PHASE, _("Project phases"), Phase.choices),
}
# Paths below /wissen/ that are not articles.
RESERVED_SLUGS = frozenset({"neu", "meine", "pruefung", "checklisten", "vorschau"})


def _any(label: Any, choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", _("all")), *list(choices)], required=False)


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label=_("Word in title or summary"), max_length=200, required=False)
    kind = _any(_("Type"), Article.Kind.choices)
    topic = _any(_("Topic"), Topic.choices)
    actor_group = _any(_("Actor group"), Sector.choices)
    neighbourhood_type = _any(_("Neighbourhood type"), SituationType.choices)
    phase = _any(_("Project phase"), Phase.choices)


def _names(value: str) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))


class ArticleForm(forms.ModelForm):
    """Writing an article: text, tags and links. Editors also set the status."""

    related_slugs = forms.CharField(
        label=_("Related articles"),
        required=False,
        max_length=2000,
        help_text=_("Short names of other articles, separated by commas."),
    )
    actor_slugs = forms.CharField(
        label=_("Actors"),
        required=False,
        max_length=2000,
        help_text=_("Short names of actors (from their address), separated by commas."),
    )
    place_ids = forms.CharField(
        label=_("Places"),
        required=False,
        max_length=2000,
        help_text=_("Numbers of places (from their address), separated by commas."),
    )

    class Meta:
        model = Article
        fields = ["kind", "title", "slug", "summary", "body", "place", "source", "status"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "body": forms.Textarea(attrs={"rows": 18}),
        }
        help_texts = {
            "slug": _("Left empty, it is made from the title."),
            "summary": _("At most 300 characters; shown first."),
            "body": _(
                "Markdown: ## heading, **bold**, - list. A checklist has sections "
                "(## Section) with items (- [ ] item)."
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["slug"].required = False
        if not user.has_perm("knowledge.set_status", self.instance):
            del self.fields["status"]
        article = self.instance
        for name, (kind, label, choices) in TAG_FORM_FIELDS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=article.tag_values(kind) if article.pk else [],
            )
        if article.pk:
            self.fields["related_slugs"].initial = ", ".join(
                a.slug for a in article.related.order_by("title")
            )
            self.fields["actor_slugs"].initial = ", ".join(
                a.slug for a in article.actors.order_by("name")
            )
            self.fields["place_ids"].initial = ", ".join(
                str(p) for p in article.places.order_by("pk").values_list("pk", flat=True)
            )
        order = [*self.Meta.fields, *TAG_FORM_FIELDS, "related_slugs", "actor_slugs", "place_ids"]
        self.order_fields(order)

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if not slug:
            base = slugify(self.cleaned_data.get("title") or self.data.get("title") or "")[:180]
            base = base or "beitrag"
            slug, number = base, 1
            while (
                slug in RESERVED_SLUGS
                or Article.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists()
            ):
                number += 1
                slug = f"{base}-{number}"
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved."))
        return slug

    def clean_related_slugs(self) -> list[Article]:
        names = _names(self.cleaned_data["related_slugs"])
        found = {a.slug: a for a in Article.objects.filter(slug__in=names).defer("body")}
        missing = [n for n in names if n not in found]
        if missing:
            raise forms.ValidationError(
                _("No article with the short name: %(names)s."),
                params={"names": ", ".join(missing)},
            )
        if self.instance.pk and self.instance.slug in found:
            raise forms.ValidationError(_("An article cannot be related to itself."))
        return [found[n] for n in names]

    def clean_actor_slugs(self) -> list[Actor]:
        names = _names(self.cleaned_data["actor_slugs"])
        found = {a.slug: a for a in visible_actors(self.user).filter(slug__in=names)}
        missing = [n for n in names if n not in found]
        if missing:
            raise forms.ValidationError(
                _("No actor with the short name: %(names)s."), params={"names": ", ".join(missing)}
            )
        return [found[n] for n in names]

    def clean_place_ids(self) -> list[Place]:
        names = _names(self.cleaned_data["place_ids"])
        if any(not n.isdigit() or len(n) > 18 for n in names):
            raise forms.ValidationError(_("Give the numbers of places, separated by commas."))
        found = {str(p.pk): p for p in Place.objects.filter(pk__in=[int(n) for n in names])}
        missing = [n for n in names if n not in found]
        if missing:
            raise forms.ValidationError(
                _("No place with the number: %(names)s."), params={"names": ", ".join(missing)}
            )
        return [found[n] for n in names]

    def links(self) -> Links:
        data = self.cleaned_data
        return Links(
            tags={spec[0]: list(data.get(name) or []) for name, spec in TAG_FORM_FIELDS.items()},
            related=data.get("related_slugs", []),
            actors=data.get("actor_slugs", []),
            places=data.get("place_ids", []),
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StartRunForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("For actor"), queryset=Actor.objects.none())
    title = forms.CharField(
        label=_("Undertaking"),
        max_length=200,
        help_text=_("For example: Interim use of the shop at Marktstraße 12"),
    )

    alliance = forms.ModelChoiceField(
        label=_("For the alliance (optional)"),
        queryset=Alliance.objects.none(),
        required=False,
        help_text=_("The alliance's members then see and tick the checklist too."),
    )

    def __init__(self, *args: Any, actors: Any, alliances: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors  # type: ignore[attr-defined]
        if alliances is not None and alliances.exists():
            self.fields["alliance"].queryset = alliances  # type: ignore[attr-defined]
        else:
            del self.fields["alliance"]
        first_two = list(actors[:2])
        self.has_actors = bool(first_two)
        if len(first_two) == 1:
            self.fields["actor"].initial = first_two[0].pk
