import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from quartier.engines.textsearch.lexicon import german_lexicon

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings.prod")
application = get_wsgi_application()
# Import every page and API module (and the libraries behind them) now, not on the first
# request: with `gunicorn --preload` the workers share the result.
get_resolver().url_patterns  # noqa: B018 – the import is the point
# The search's German lexicon (about 60 MB) is read once here, too, instead of by each
# worker's first search.
german_lexicon()
