import pytest


@pytest.fixture(scope="session")
def enricher():
    from wirehouse.enrich import Enricher

    return Enricher.load()
