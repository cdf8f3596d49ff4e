import factory

from quartier.knowledge.models import Article, ArticleTag

CHECKLIST_BODY = """Eine kurze Einleitung.

- [ ] Ein Punkt vor der ersten Überschrift

## Vorbereitung

- [ ] Eigentümer herausfinden
- [x] Idee beschreiben

Ein Absatz zwischen den Punkten.

## Gespräch

* [ ] Zuhören
- [ ] Ein Angebot machen
"""


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Article.Kind.GUIDE
    title = factory.Sequence(lambda n: f"Handreichung {n}")
    slug = factory.Sequence(lambda n: f"handreichung-{n}")
    summary = "Eine kurze Zusammenfassung."
    body = "Ein **kurzer** Text."
    status = Article.Status.PUBLISHED

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        """tags={"topic": ["vacancy"], ...}"""
        if create and extracted:
            ArticleTag.objects.bulk_create(
                ArticleTag(article=obj, kind=kind, value=value)
                for kind, values in extracted.items()
                for value in values
            )


class ChecklistFactory(ArticleFactory):
    kind = Article.Kind.CHECKLIST
    title = factory.Sequence(lambda n: f"Checkliste {n}")
    slug = factory.Sequence(lambda n: f"checkliste-{n}")
    body = CHECKLIST_BODY
