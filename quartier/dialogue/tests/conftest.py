from quartier.alliances.tests.conftest import setting  # noqa: F401
