import random
from datetime import datetime, timezone

from hypothesis import given, strategies as st

from wirehouse.clean.dedup import (
    Fingerprint, SimHashIndex, band_cuts, band_key, band_masks, hamming, mark_duplicates, normalise_text, simhash,
    text_sha1, to_signed,
)
from wirehouse.records import Article

BASE = (
    "Turkish warplanes struck Kurdish militant positions in northern Iraq on Tuesday, the defence ministry said. "
    "The strikes hit caves and ammunition depots in the Qandil mountains, according to the statement. "
    "Iraq's foreign ministry summoned the Turkish ambassador in Baghdad to protest against the raids. "
    "Local officials said two shepherds were wounded and that dozens of families had fled their villages. "
    "Analysts said the operation was the largest of its kind this year and warned of further escalation. "
    "The militants did not comment on the strikes, which came a week after an attack on a border post. "
    "Residents of the nearby town of Sidakan described hearing explosions for more than an hour before dawn. "
    "A spokesman for the regional government in Erbil called on both sides to avoid harming civilians and said "
    "that the authorities were sending tents, blankets and food to the families who had left their homes. "
    "The United Nations mission in Iraq said it was following the situation closely and urged restraint. "
    "Turkey has carried out regular cross-border operations against the group for decades, and maintains "
    "dozens of military outposts inside Iraqi territory, a presence that Baghdad has repeatedly condemned."
)
OTHER = (
    "The European Union pledged 40 million euros in humanitarian aid to Sudan on Monday. The money will pay for "
    "food, water and medical care for people displaced by fighting in Darfur and Kordofan, the commission said. "
    "Aid groups welcomed the pledge but said it covered only a fraction of the needs in the region."
)


def _article(aid, text, published=None):
    return Article(article_id=aid, url=f"https://x.example/{aid}", canonical_url=f"https://x.example/{aid}",
                   domain="x.example", title=None, text=text, published_at=published)


def test_sha1_ignores_case_space_punctuation():
    assert text_sha1("Hello,  World!") == text_sha1("hello world")
    assert text_sha1("hello world") != text_sha1("hello there")
    assert normalise_text("A  b,\nC") == "a b c"


def test_simhash_near_and_far():
    near = "By Harbor Wire\n" + BASE + "\nThis story was first published by Harbor Wire."
    assert hamming(simhash(BASE), simhash(near)) <= 6
    assert hamming(simhash(BASE), simhash(OTHER)) > 12
    assert simhash("") == 0


def test_signed_round_trip():
    h = simhash(BASE)
    assert 0 <= h < 2**64
    assert -(2**63) <= to_signed(h) < 2**63
    assert hamming(to_signed(h), h) == 0


def test_mark_duplicates_exact_near_and_unrelated():
    t1 = datetime(2026, 3, 1, tzinfo=timezone.utc)
    t2 = datetime(2026, 3, 2, tzinfo=timezone.utc)
    arts = [
        _article("copy", BASE.upper(), t2),  # exact (after normalisation), published later
        _article("orig", BASE, t1),
        _article("synd", "By Harbor Wire\n" + BASE + "\nThis story was first published by Harbor Wire.", t2),
        _article("other", OTHER, t1),
    ]
    out = {a.article_id: a.duplicate_of for a in mark_duplicates(arts)}
    assert out == {"copy": "orig", "orig": None, "synd": "orig", "other": None}
    assert [a.article_id for a in mark_duplicates(arts)] == ["copy", "orig", "synd", "other"]


def test_mark_duplicates_against_seen():
    seen = {"old": Fingerprint(text_sha1(BASE), simhash(BASE), None)}
    out = mark_duplicates([_article("new", BASE), _article("other", OTHER)], seen)
    assert [a.duplicate_of for a in out] == ["old", None]
    # a seen duplicate points on to its own canonical copy
    seen = {"root": Fingerprint(text_sha1(OTHER), simhash(OTHER)),
            "dup": Fingerprint(text_sha1(BASE), simhash(BASE), None, "root")}
    out = mark_duplicates([_article("new", BASE)], seen)
    assert out[0].duplicate_of == "root"


def test_undated_first_seen_wins():
    out = mark_duplicates([_article("a", BASE), _article("b", BASE)])
    assert [a.duplicate_of for a in out] == [None, "a"]


@given(st.integers(0, 2**64 - 1), st.lists(st.integers(0, 63), max_size=6, unique=True))
def test_index_finds_every_fingerprint_within_distance(h, bits):
    index = SimHashIndex(6)
    index.add("x", h)
    flipped = h
    for b in bits:
        flipped ^= 1 << b
    assert "x" in index.near(flipped)


@given(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1), st.integers(0, 31))
def test_warehouse_band_keys_are_equal_exactly_when_the_band_bits_are(a, b, distance):
    """The warehouse's band keys (band_cuts, sql/schema/015) name band and bits: two fingerprints
    share a key in a band exactly when they agree on its mask, never across bands; keys fit a BIGINT."""
    cuts, masks = band_cuts(distance), band_masks(distance)
    assert len(cuts) == len(masks)
    if b % 3 == 0:  # often agree on a band: a's bits there, b's elsewhere
        mask = masks[b % len(masks)]
        b = (b & ~mask & (2**64 - 1)) | (a & mask)
    for cut, mask in zip(cuts, masks):
        ka, kb = band_key(a, cut), band_key(b, cut)
        assert -(2**63) <= ka < 2**63
        assert (ka == kb) == ((a & mask) == (b & mask))
        assert band_key(to_signed(a), cut) == ka
    keys = [band_key(a, cut) for cut in cuts]
    assert len(set(keys)) == len(keys)


@given(st.integers(0, 2**64 - 1), st.lists(st.integers(0, 63), max_size=6, unique=True))
def test_every_pair_within_six_bits_shares_a_warehouse_band_key(h, bits):
    flipped = h
    for bit in bits:
        flipped ^= 1 << bit
    assert any(band_key(h, cut) == band_key(flipped, cut) for cut in band_cuts(6))


def test_index_rejects_far_fingerprints():
    rng = random.Random(7)
    index = SimHashIndex(6)
    h = rng.getrandbits(64)
    index.add("x", h)
    far = h ^ ((1 << 10) - 1)  # 10 bits differ
    assert index.near(far) == []


def _reference_simhash(text: str) -> int:
    """The fingerprint as first defined (blake2b-64 of each 3-word shingle, majority per bit):
    fingerprints already stored in a warehouse must keep matching new ones."""
    import hashlib

    words = normalise_text(text).split()
    if not words:
        return 0
    shingles = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)] or [" ".join(words)]
    votes = [0] * 64
    for shingle in shingles:
        digest = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            votes[bit] += (digest >> (63 - bit)) & 1
    return sum(1 << (63 - bit) for bit in range(64) if votes[bit] * 2 > len(shingles))


@given(st.text(max_size=300))
def test_simhash_is_the_stored_definition(text):
    assert simhash(text) == _reference_simhash(text)


def test_simhash_known_texts():
    for text in (BASE, OTHER, "one", "one two", "Genève à Zürich, l’été", "日本語 の テキスト"):
        assert simhash(text) == _reference_simhash(text)
