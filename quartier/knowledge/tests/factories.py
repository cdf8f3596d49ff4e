import factory

from quartier.knowledge.models import Article


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    kind = Article.Kind.GUIDE
    title = factory.Sequence(lambda n: f"Handreichung {n}")
    slug = factory.Sequence(lambda n: f"handreichung-{n}")
    summary = "Eine kurze Zusammenfassung."
    body = "Ein **kurzer** Text."
    status = Article.Status.PUBLISHED
