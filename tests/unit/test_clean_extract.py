"""extract_html / extract_article: encodings, empty, non-article and comment-only pages, the seed page."""

import importlib.util
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings as hsettings, strategies as st

from wirehouse.clean.extract import ExtractResult, decode_html, extract_article, extract_html
from wirehouse.crawl.urls import article_id
from wirehouse.records import Article, Page, Rejected
from wirehouse.settings import Settings

HAS_LANGID = importlib.util.find_spec("py3langid") is not None
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"
SEED_PAGE = FIXTURES / "seed-anbar.html"

PARAGRAPHS = [
    "Government troops and allied militias launched a broad offensive on Tuesday against rebel positions "
    "around the northern city, the army’s spokesman told reporters in the capital.",
    "According to officials, the fighting forced more than two thousand families to leave their homes, "
    "and aid agencies said their convoys could not reach the area for a third consecutive day.",
    "The rebels’ leader rejected the government’s offer of talks and accused the army of shelling "
    "residential districts, a charge the defence ministry denied in a statement on Wednesday.",
]


def page_html(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Offensive in the north</title>{head}'
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>{body}"
            "<footer>Copyright 2026 Example News</footer></body></html>")


ARTICLE = page_html(
    "<article><h1>Offensive in the north</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>",
    head='<meta property="og:type" content="article">'
         '<meta property="article:published_time" content="2026-04-07T08:00:00+02:00">',
)


def make_page(body: bytes, **kw) -> Page:
    defaults = dict(url="https://news.example/world/offensive", final_url="https://news.example/world/offensive",
                    status=200, body=body, fetched_at=datetime(2026, 5, 1, tzinfo=timezone.utc),
                    content_type="text/html; charset=utf-8", charset="utf-8")
    defaults.update(kw)
    return Page(**defaults)


def test_plain_article():
    r = extract_html(ARTICLE.encode("utf-8"), url="https://news.example/world/offensive")
    assert isinstance(r, ExtractResult)
    for p in PARAGRAPHS:
        assert p in r.text
    assert "Home" not in r.text and "Copyright" not in r.text
    assert r.text.count("\n\n") >= 2  # paragraphs stay blank-line separated
    assert r.language == ("en" if HAS_LANGID else None)
    assert r.published == "2026-04-07T06:00:00+00:00"
    assert r.title == "Offensive in the north"


def test_cp1252_served_as_utf8_is_readable():
    body = ARTICLE.encode("cp1252")  # smart quotes become single non-UTF-8 bytes
    r = extract_html(body, charset="utf-8")
    assert "army’s spokesman" in r.text
    assert "\ufffd" not in r.text
    assert r.encoding in ("cp1252", "utf-8+cp1252")


def test_declared_charsets_and_bom():
    text = page_html("<article>" + "".join(f"<p>{p} Zürich, São Paulo.</p>" for p in PARAGRAPHS) + "</article>",
                     charset="iso-8859-1")
    r = extract_html(text.replace("’", "'").encode("latin-1"))
    assert "Zürich, São Paulo." in r.text
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == ("<p>café</p>", "utf-8")
    assert decode_html("<p>café</p>".encode("utf-16"))[0] == "<p>café</p>"
    # UTF-8 page with one stray windows-1252 byte
    assert decode_html("<p>café “x”</p>".encode("utf-8") + b"\x93y\x94")[0] == "<p>café “x”</p>“y”"
    # a header charset wins over detection
    assert decode_html("<p>Привет, мир</p>".encode("cp1251"), "windows-1251")[0] == "<p>Привет, мир</p>"


def undeclared_page(paragraphs: list[str], title: str = "News") -> str:
    """A page with no charset anywhere (no <meta charset>, no XML declaration)."""
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")


WESTERN = [
    "The regional council met in Genève on Tuesday, then travelled to Zürich and to Besançon, where the "
    "mayors signed the new agreement on cross-border trains after a long night of talks.",
    "Officials said the first trains between Genève and Besançon would run in the spring, and that the line "
    "through Zürich would follow a year later if the federal budget allowed it.",
    "Le maire de Besançon a déclaré que l’accord était « une très bonne nouvelle » pour la région entière.",
]
CZECH = [
    "Příliš žluťoučký kůň úpěl ďábelské ódy. Městská rada v Brně schválila rozpočet po dlouhé debatě a "
    "starosta řekl, že je s výsledkem spokojený.",
    "Zastupitelé se shodli, že nové tramvaje začnou jezdit na jaře a že oprava mostu bude následovat.",
]
POLISH = [
    "Rada miejska w Łodzi przyjęła budżet po długiej debacie, powiedział rzecznik urzędu na konferencji. "
    "Zażółć gęślą jaźń: Łódź i Kraków dostaną nowe tramwaje.",
    "Radni zgodzili się, że pierwsze tramwaje pojadą wiosną, a remont mostu rozpocznie się w przyszłym roku.",
]


@pytest.mark.parametrize("paragraphs,encoding", [(WESTERN, "latin-1"), (WESTERN, "cp1252"), (WESTERN[:2], "latin-1")])
def test_western_page_without_charset_decodes_as_windows_1252(paragraphs, encoding):
    html = undeclared_page(paragraphs, title="Trains: Genève, Zürich, Besançon")
    body = html.replace("’", "'").encode(encoding) if encoding == "latin-1" else html.encode(encoding)
    text, used = decode_html(body)
    assert used == "cp1252"
    assert "Genève" in text and "Zürich" in text and "Besançon" in text
    r = extract_html(body)  # no HTTP charset either
    for word in ("Genève", "Zürich", "Besançon"):
        assert word in r.text, word
    assert "Genčve" not in r.text and "\ufffd" not in r.text
    assert r.title == "Trains: Genève, Zürich, Besançon"


@pytest.mark.parametrize("paragraphs,words", [
    (CZECH, ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "Městská rada v Brně", "spokojený")),
    (CZECH[1:], ("Zastupitelé se shodli", "následovat")),  # no byte that windows-1252 lacks
    (POLISH, ("Łodzi", "Zażółć gęślą jaźń: Łódź i Kraków", "przyszłym")),
])
def test_central_european_page_without_charset_decodes_as_windows_1250(paragraphs, words):
    body = undeclared_page(paragraphs).encode("cp1250")
    text, used = decode_html(body)
    assert used == "cp1250"
    r = extract_html(body)
    for word in words:
        assert word in r.text, word


UPPER = ["ZAŻÓŁĆ GĘŚLĄ JAŹŃ: RADA MIEJSKA W ŁODZI PRZYJĘŁA BUDŻET PO DŁUGIEJ DEBACIE.",
         "PŘÍLIŠ ŽLUŤOUČKÝ KŮŇ ÚPĚL ĎÁBELSKÉ ÓDY, ŘEKL STAROSTA BRNA.",
         "Radni zgodzili się, że pierwsze tramwaje pojadą wiosną."]


@pytest.mark.parametrize("paragraphs", [UPPER[:1], UPPER[1:2], UPPER])
def test_upper_case_central_european_text_without_charset(paragraphs):
    # upper-case windows-1250 letters form byte pairs that are valid UTF-8 ("ÓŁ" reads as "ӣ"),
    # and a detector may name a Japanese code page for them
    text, used = decode_html(undeclared_page(paragraphs).encode("cp1250"))
    assert used == "cp1250"
    for paragraph in paragraphs:
        assert paragraph in text


def test_utf8_page_with_some_windows_1252_bytes_stays_utf8():
    body = undeclared_page(WESTERN).encode("utf-8").replace("’".encode(), b"\x92")
    text, used = decode_html(body)
    assert used == "utf-8+cp1252"
    assert "Genève" in text and "l’accord" in text


def test_iso_8859_2_page_without_charset():
    body = undeclared_page(POLISH).encode("iso8859-2")  # ą, ś, ź sit where windows-1250 has ±, ¶, Ľ
    text, used = decode_html(body)
    assert used == "iso8859_2"
    assert "Zażółć gęślą jaźń: Łódź i Kraków" in text


def test_str_input_and_gzip_bytes():
    import gzip

    assert PARAGRAPHS[0] in extract_html(ARTICLE).text
    assert PARAGRAPHS[0] in extract_html(gzip.compress(ARTICLE.encode())).text


@pytest.mark.parametrize("body", [b"", b"   ", b"<html><body></body></html>", b"\x00\x01\x02 binary", b"%PDF-1.4 ..."])
def test_empty_and_junk_give_no_text(body):
    assert extract_html(body).text is None


def test_comment_only_page_gives_no_text():
    comments = "".join(
        f'<li class="comment"><div class="comment-author">Reader {i}</div>'
        f'<div class="comment-content"><p>I think the government should resign, comment number {i}.</p></div></li>'
        for i in range(6)
    )
    html = page_html(f'<div id="comments" class="comments-area"><h2>6 comments</h2><ol class="comment-list">{comments}</ol></div>')
    r = extract_html(html)
    assert r.text is None or "should resign" not in r.text


def test_seed_page_fixture_is_clean():
    r = extract_html(SEED_PAGE.read_bytes(), url="https://frontline.example/x")
    assert r.dateline == "BEIRUT, LEBANON"
    assert r.published == "2017-10-20T09:50:00+00:00"
    assert r.text.startswith("BEIRUT, LEBANON (12:50 P.M.) – Moments ago,")
    assert r.text.endswith("in the country’s northwest.")
    assert len(r.text.split("\n\n")) == 5
    for residue in ("Share this article", "ALSO READ", "RELATED ARTICLES", "MORE FROM AUTHOR", "Notice: All comments",
                    "moderation", "Discuss", "Be the First to Comment", "Notify of", "wpDiscuz", "AFP PHOTO",
                    "June 27, 2016", "Kurdish strongholds"):
        assert residue not in r.text, residue


def test_extract_article_ok():
    settings = Settings(languages=("en",), min_text_chars=200)
    out = extract_article(make_page(SEED_PAGE.read_bytes(), url="https://frontline.example/x?utm_source=rss",
                                    final_url="https://frontline.example/x?utm_source=rss"), settings)
    assert isinstance(out, Article), out
    assert out.canonical_url == "https://frontline.example/middle-east/2017/10/iraqi-forces-begin-western-anbar-offensive/"
    assert out.domain == "frontline.example"
    assert out.published_at == datetime(2017, 10, 20, 9, 50, tzinfo=timezone.utc)
    assert out.dateline == "BEIRUT, LEBANON" and out.language == ("en" if HAS_LANGID else None)
    assert out.article_id == article_id(out.canonical_url) and len(out.text_hash) == 40 and out.simhash > 0


@pytest.mark.parametrize(
    "page_kw,reason",
    [
        (dict(body=b"<html><body></body></html>"), "empty_text"),
        (dict(body=b"%PDF-1.4 binary", content_type="application/pdf"), "not_html"),
        (dict(body=b"\x89PNG\r\n\x1a\n\x00\x00", content_type=None), "not_html"),
        (dict(body=b"", status=200), "empty_body"),
        (dict(body=ARTICLE.encode(), status=404), "http_404"),
    ],
)
def test_extract_article_rejections(page_kw, reason):
    out = extract_article(make_page(**page_kw), Settings())
    assert isinstance(out, Rejected)
    assert out.reason == reason and out.stage == "clean"
    assert out.message and "news.example" in out.message


def test_too_short_and_language_and_listing():
    short = page_html("<article><p>The army said the road was open again on Monday morning.</p></article>")
    out = extract_article(make_page(short.encode()), Settings(min_text_chars=200))
    assert isinstance(out, Rejected) and out.reason in ("too_short", "empty_text")
    german = page_html("<article>" + "<p>Die Regierung hat am Dienstag neue Sanktionen gegen das Land beschlossen, "
                       "wie ein Sprecher des Außenministeriums in Berlin mitteilte. Die Maßnahmen treten sofort "
                       "in Kraft und betreffen vor allem Banken und Energieunternehmen.</p>" * 3 + "</article>")
    out = extract_article(make_page(german.encode()), Settings(languages=("en",), min_text_chars=50))
    # other languages are kept (and later loaded without enrichment), with their language
    assert isinstance(out, Article) and out.language == ("de" if HAS_LANGID else None)
    links = "".join(f'<li><a href="/world/story-{i}">Headline number {i} about the war</a></li>' for i in range(30))
    listing = page_html(f"<main><h1>World</h1><ul>{links}</ul></main>", head='<meta property="og:type" content="website">')
    out = extract_article(make_page(listing.encode()), Settings(min_text_chars=50))
    assert isinstance(out, Rejected) and out.reason in ("not_article", "empty_text", "too_short")


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
@example(b"\x8d\x00A\xc0")  # a byte windows-1252 leaves undefined, in a page read as Latin
def test_extract_html_never_raises_on_bytes(data):
    r = extract_html(data)
    assert r.text is None or isinstance(r.text, str)


@hsettings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_extract_html_never_raises_on_html_ish_text(text):
    r = extract_html(f"<html><body><article><p>{text}</p><p>{text[::-1]}</p></article></body></html>".encode("utf-8", "surrogatepass"))
    assert r.text is None or "\x00" not in r.text
