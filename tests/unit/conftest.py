import pytest


@pytest.fixture(scope="session")
def enricher():
    from wirehouse.enrich import Enricher

    return Enricher.load()


@pytest.fixture
def contractions_looked_at(monkeypatch):
    """The positions at which ``clauses.contracted_aux`` is asked about a word (cleared by the test
    between texts): the work of reading contractions. A module that imported the function by name
    is counted too when the test points its name at ``clauses.contracted_aux``."""
    from wirehouse.enrich import clauses

    looked: list[int] = []
    original = clauses.contracted_aux

    def counted(low, k):
        looked.append(k)
        return original(low, k)

    monkeypatch.setattr(clauses, "contracted_aux", counted)
    return looked
