"""The nasty-input corpus: hostile pages, feeds, sitemaps, OPML files and WARC files, made by code.

Every case is a function that builds its bytes. Cases up to ``SMALL_BYTES`` are also kept as
files in ``tests/fixtures/nasty/`` (so they can be opened and read by hand);
``python -m tests.fuzz.nasty`` writes them again, and a test checks that the files match. The
large cases (100k nested elements, a 5 MB attribute, gzip bombs) exist only in memory.

Kinds: ``html`` (through ``extract`` and the clean stage), ``feed``, ``sitemap``, ``opml``,
``warc``. External entities point at ``/etc/passwd`` and at ``LOOPBACK_MARK``, which the sandbox
rewrites to a loopback port that counts connections.
"""

from __future__ import annotations

import gzip
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tests.fuzz.sandbox import LOOPBACK_MARK

CORPUS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "nasty"
SMALL_BYTES = 4096
LOOP = LOOPBACK_MARK.decode()

PARAGRAPH = ("<p>The minister said on Tuesday that talks with the rebels in Kyiv would resume next week, "
             "after police in Baghdad arrested twelve protesters outside the parliament building.</p>")
ARTICLE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks resume | Fuzz Post</title>'
    '<link rel="canonical" href="http://fuzz.example/2026/03/talks">'
    '<meta property="article:published_time" content="2026-03-01T08:00:00Z"></head>'
    '<body><article><h1>Talks resume</h1>' + PARAGRAPH * 4 + "</article></body></html>"
).encode()
POLISH = "<p>Zażółć gęślą jaźń: w Łodzi i Gdańsku ministrowie spotkali się we wtorek, aby omówić budżet.</p>"


@dataclass(frozen=True)
class Case:
    kind: str  # html, feed, sitemap, opml, warc
    name: str  # file name in tests/fixtures/nasty/<kind>/
    make: Callable[[], bytes]


CASES: list[Case] = []


def case(kind: str, name: str):
    def register(make: Callable[[], bytes]) -> Callable[[], bytes]:
        CASES.append(Case(kind, name, lru_cache(maxsize=1)(make)))
        return make
    return register


def _html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Fuzz</title></head><body>{body}</body></html>"


def _gzip(data: bytes, level: int = 9) -> bytes:
    return gzip.compress(data, level, mtime=0)  # the same bytes on every run


def gzip_bomb(head: bytes, filler: bytes = b" ", gigabytes: int = 2) -> bytes:
    """A gzip file of concatenated members: ``head`` then ``gigabytes`` GB of ``filler`` (about 2 MB
    on disk). Readers go through every member, so it inflates to the full size."""
    block = 64 << 20
    member = _gzip(filler * (block // len(filler)), 9)
    return _gzip(head) + member * (gigabytes * (1 << 30) // block)


# ---------------------------------------------------------------------------------------------
# HTML pages

for _cut in (40, 211, 330, 777, len(ARTICLE) - 9):
    case("html", f"truncated-at-{_cut}.html")(lambda c=_cut: ARTICLE[:c])
case("html", "truncated-mid-utf8.html")(lambda: _html(POLISH).encode()[:-len("</p></body></html>") - 3 - 1])
case("html", "truncated-in-comment.html")(lambda: _html(PARAGRAPH * 2 + "<!-- never closed " + PARAGRAPH).encode())
case("html", "truncated-in-script.html")(lambda: _html(PARAGRAPH + "<script>var a = '" + PARAGRAPH).encode())
case("html", "truncated-in-entity.html")(lambda: _html(PARAGRAPH * 3).encode() + b"&#x1F6")
case("html", "random-bytes.bin")(lambda: random.Random(19).randbytes(2048))
case("html", "random-markup.html")(lambda: "".join(random.Random(20).choice('<>/="\' abpdiv!-&#;\n') for _ in range(3000)).encode())
case("html", "nested-divs-100k.html")(lambda: _html("<div>" * 100_000 + PARAGRAPH * 3 + "</div>" * 100_000).encode())
case("html", "nested-unclosed-divs-100k.html")(lambda: ("<html><body>" + "<div>" * 100_000 + PARAGRAPH * 3).encode())
case("html", "nested-inline-100k.html")(lambda: _html("<b><i>" * 50_000 + PARAGRAPH * 3).encode())
case("html", "nested-tables-30k.html")(lambda: _html("<table><tr><td>" * 30_000 + PARAGRAPH * 3).encode())
case("html", "nested-lists-50k.html")(lambda: _html("<ul><li>" * 50_000 + PARAGRAPH * 3).encode())
case("html", "huge-attribute-5mb.html")(lambda: _html(f'<div class="{"a" * 5_000_000}">' + PARAGRAPH * 3 + "</div>").encode())
case("html", "huge-attribute-spaces-5mb.html")(lambda: _html(f'<div class="{"a " * 2_500_000}">' + PARAGRAPH * 3 + "</div>").encode())
case("html", "many-attributes-100k.html")(
    lambda: _html("<div " + " ".join(f"a{i}=x" for i in range(100_000)) + ">" + PARAGRAPH * 3 + "</div>").encode())
case("html", "huge-comment-10mb.html")(lambda: _html("<!--" + "x" * 10_000_000 + "-->" + PARAGRAPH * 3).encode())
case("html", "huge-title-1mb.html")(lambda: ("<html><head><title>" + "T" * 1_000_000 + "</title></head><body>"
                                            + PARAGRAPH * 3 + "</body></html>").encode())
case("html", "huge-word-2mb.html")(lambda: _html("<p>" + "a" * 2_000_000 + "</p>" + PARAGRAPH).encode())
case("html", "many-paragraphs-5k.html")(lambda: _html(PARAGRAPH * 5_000).encode())
case("html", "many-links-10k.html")(lambda: _html("".join(f'<a href="/{i}">link {i}</a>' for i in range(10_000))).encode())
case("html", "jsonld-nested-100k.html")(
    lambda: _html(PARAGRAPH * 3, '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>").encode())
case("html", "jsonld-broken.html")(
    lambda: _html(PARAGRAPH * 3, '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
                  '"0000-00-00", "author": {"name": [[[{}]]]}, </script>').encode())
case("html", "dates-out-of-range.html")(lambda: _html(
    '<time datetime="0000-00-00T99:99">x</time>' + PARAGRAPH * 3,
    '<meta property="article:published_time" content="99999-12-31T25:61:61+99:00">'
    '<meta name="date" content="-0001-01-01">').encode())
case("html", "canonical-bad-ipv6.html")(lambda: _html(PARAGRAPH * 3, '<link rel="canonical" href="http://[::1/x">').encode())
case("html", "canonical-javascript.html")(
    lambda: _html(PARAGRAPH * 3, '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="//">').encode())
case("html", "entities-invalid.html")(lambda: _html("<p>&#0; &#xD800; &#x110000; &#99999999999; &bogus; &amp</p>" + PARAGRAPH * 3).encode())
case("html", "charset-lie-utf8-is-cp1250.html")(lambda: _html(POLISH * 3, '<meta charset="utf-8">').encode("cp1250"))
case("html", "charset-lie-shift-jis-is-latin.html")(
    lambda: _html(PARAGRAPH + "<p>Genève, Zürich, São Paulo</p>", '<meta charset="shift_jis">').encode("cp1252"))
case("html", "charset-unknown-label.html")(lambda: _html(POLISH, '<meta charset="x-no-such-charset">').encode("cp1250"))
case("html", "charset-utf16-declared-on-utf8.html")(lambda: _html(POLISH, '<meta charset="utf-16">').encode("utf-8"))
case("html", "charset-utf7.html")(lambda: _html(PARAGRAPH + "+ADw-script+AD4-", '<meta charset="utf-7">').encode() + b"\xff")
case("html", "charset-ebcdic.html")(lambda: _html(PARAGRAPH, '<meta charset="cp500">').encode() + b"\x80\xff")
case("html", "xml-declaration-lie.html")(
    lambda: b'<?xml version="1.0" encoding="utf-16"?>' + _html(PARAGRAPH * 3).encode("latin-1") + b"\xe9")
case("html", "bom-utf8-then-cp1252.html")(lambda: b"\xef\xbb\xbf" + _html(PARAGRAPH + "<p>Genève</p>").encode("cp1252"))
case("html", "bom-only.html")(lambda: b"\xef\xbb\xbf")
case("html", "bom-utf16le.html")(lambda: b"\xff\xfe" + _html(PARAGRAPH * 3).encode("utf-16-le"))
case("html", "bom-utf16be-odd-length.html")(lambda: b"\xfe\xff" + _html(PARAGRAPH).encode("utf-16-be") + b"\x00")
case("html", "utf16le-without-bom.html")(lambda: _html(PARAGRAPH * 3).encode("utf-16-le"))
case("html", "utf16be-without-bom.html")(lambda: _html(POLISH * 3).encode("utf-16-be"))
case("html", "utf32-without-bom.html")(lambda: _html(PARAGRAPH).encode("utf-32-le"))
case("html", "mixed-utf8-cp1252-utf16.html")(
    lambda: _html(POLISH).encode() + "Genève".encode("cp1252") + "Łódź".encode("utf-16-le") + PARAGRAPH.encode())
case("html", "nul-between-every-byte.html")(lambda: b"\x00".join(bytes([b]) for b in ARTICLE[:1500]))
case("html", "nul-only.html")(lambda: b"\x00" * 4000)
case("html", "nul-in-tags.html")(lambda: ARTICLE.replace(b"<p>", b"<p\x00>").replace(b"title", b"ti\x00tle"))
case("html", "empty.html")(lambda: b"")
case("html", "whitespace.html")(lambda: b" \r\n\t\x0b\x0c" * 100)
case("html", "png-header.html")(lambda: b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(500))
case("html", "feed-not-page.html")(lambda: b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title></item></channel></rss>')
case("html", "gzip-bomb-2gb.html.gz")(lambda: gzip_bomb(b"<html><body><p>", b"a "))
case("html", "gzip-truncated.html.gz")(lambda: _gzip(ARTICLE)[:200])
case("html", "gzip-bad-crc.html.gz")(lambda: _gzip(ARTICLE)[:-8] + b"\x00" * 8)
case("html", "gzip-of-gzip.html.gz")(lambda: _gzip(_gzip(ARTICLE)))
case("html", "zlib-not-gzip.html")(lambda: zlib.compress(ARTICLE))


# ---------------------------------------------------------------------------------------------
# XML: feeds, sitemaps, OPML

def _laughs(root: str) -> bytes:
    ents = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{ents}]>'.encode()


def _quadratic(root: str) -> bytes:
    return f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY a "{"x" * 100_000}">]>'.encode()


def _xxe(root: str, target: str) -> bytes:
    return f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>'.encode()


def _xxe_parameter(root: str) -> bytes:
    return f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY % ext SYSTEM "{LOOP}xxe.dtd"> %ext;]>'.encode()


def _external_dtd(root: str) -> bytes:
    return f'<?xml version="1.0"?><!DOCTYPE {root} SYSTEM "{LOOP}feed.dtd">'.encode()


def _rss(items: str) -> str:
    return f'<rss version="2.0"><channel><title>Fuzz</title><link>http://fuzz.example/</link>{items}</channel></rss>'


def _item(link: str = "http://fuzz.example/a", title: str = "A", date: str = "Tue, 10 Mar 2026 08:00:00 GMT") -> str:
    return f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate></item>"


def _atom(entries: str) -> str:
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Fuzz</title>{entries}</feed>'


def _entry(link: str = "http://fuzz.example/a", updated: str = "2026-03-10T08:00:00Z") -> str:
    return f'<entry><title>A</title><link href="{link}"/><updated>{updated}</updated></entry>'


def _urlset(urls: str) -> str:
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def _url(loc: str = "http://fuzz.example/a", lastmod: str = "2026-03-01") -> str:
    return f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>"


def _opml(outlines: str) -> str:
    return f'<opml version="2.0"><head><title>Fuzz</title></head><body>{outlines}</body></opml>'


def _outline(url: str = "http://fuzz.example/feed.xml") -> str:
    return f'<outline text="f" type="rss" xmlUrl="{url}"/>'


_XML = {
    "feed": ("rss", lambda ref: _rss(_item(link=f"http://fuzz.example/{ref}", title=ref))),
    "sitemap": ("urlset", lambda ref: _urlset(_url(loc=f"http://fuzz.example/{ref}"))),
    "opml": ("opml", lambda ref: _opml(_outline(url=f"http://fuzz.example/{ref}"))),
}
for _kind, (_root, _doc) in _XML.items():
    case(_kind, "billion-laughs.xml")(lambda r=_root, d=_doc: _laughs(r) + d("&a9;").encode())
    case(_kind, "quadratic-blowup.xml")(lambda r=_root, d=_doc: _quadratic(r) + d("&a;" * 50_000).encode())
    case(_kind, "xxe-etc-passwd.xml")(lambda r=_root, d=_doc: _xxe(r, "file:///etc/passwd") + d("&xxe;").encode())
    case(_kind, "xxe-loopback.xml")(lambda r=_root, d=_doc: _xxe(r, f"{LOOP}secret") + d("&xxe;").encode())
    case(_kind, "xxe-parameter-entity.xml")(lambda r=_root, d=_doc: _xxe_parameter(r) + d("a").encode())
    case(_kind, "external-dtd-loopback.xml")(lambda r=_root, d=_doc: _external_dtd(r) + d("a").encode())
    case(_kind, "xinclude-etc-passwd.xml")(lambda d=_doc: d(
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>').encode())
    case(_kind, "truncated.xml")(lambda d=_doc: d("a").encode()[:-15])
    case(_kind, "nested-30k.xml")(lambda d=_doc: d("a").encode().replace(b"a</", b"a" + b"<x>" * 30_000 + b"</", 1))
    case(_kind, "nul-bytes.xml")(lambda d=_doc: d("a").encode().replace(b"fuzz", b"fu\x00zz"))
    case(_kind, "utf16-without-bom.xml")(lambda d=_doc: ('<?xml version="1.0" encoding="utf-16"?>' + d("a")).encode("utf-16-le"))
    case(_kind, "encoding-lie.xml")(lambda d=_doc: ('<?xml version="1.0" encoding="utf-8"?>' + d("Genève")).encode("cp1252"))
    case(_kind, "bom-utf8.xml")(lambda d=_doc: b"\xef\xbb\xbf" + d("a").encode())
    case(_kind, "empty.xml")(lambda: b"")
    case(_kind, "html-page.xml")(lambda: _html(PARAGRAPH).encode())
    case(_kind, "random-bytes.bin")(lambda k=_kind: random.Random(sum(k.encode())).randbytes(1024))
    case(_kind, "huge-attribute.xml")(lambda d=_doc: d("a").encode().replace(b"<", b'<x y="' + b"z" * 5_000_000 + b'"/><', 2))

case("feed", "atom-year-zero.xml")(lambda: _atom(_entry(updated="0000-01-01T00:00:00Z")).encode())
case("feed", "atom-year-negative.xml")(lambda: _atom(_entry(updated="0000-00-00T00:00:00Z")).encode())
case("feed", "rss-bad-dates.xml")(lambda: _rss(_item(date="Mon, 01 Jan 0000 00:00:00 GMT") + _item(date="9" * 5000)
                                              + _item(date="Mon, 99 Foo 2026 99:99:99 +9999")).encode())
case("feed", "rss-blank-links.xml")(lambda: _rss(_item(link="   ") + _item(link="") + _item(link="javascript:x()")
                                                + "<item><title>no link</title></item>").encode())
case("feed", "rss-5k-items.xml")(lambda: _rss(_item() * 5_000).encode())
case("feed", "encoding-name-not-text.xml")(lambda: b'<?xml version="1.0" encoding="\x99"?>' + _rss(_item()).encode())
case("feed", "rdf.xml")(lambda: b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                          b'xmlns="http://purl.org/rss/1.0/"><item><link>http://fuzz.example/a</link></item></rdf:RDF>')
case("sitemap", "gzip-bomb-2gb.xml.gz")(lambda: gzip_bomb(b'<?xml version="1.0"?><urlset>'))
case("sitemap", "gzip-truncated.xml.gz")(lambda: _gzip(_urlset(_url() * 20).encode())[:60])
case("sitemap", "gzip-bad-crc.xml.gz")(lambda: _gzip(_urlset(_url()).encode())[:-8] + b"\x00" * 8)
case("sitemap", "gzip-header-only.xml.gz")(lambda: b"\x1f\x8b")
case("sitemap", "gzip-trailing-garbage.xml.gz")(lambda: _gzip(_urlset(_url()).encode()) + b"garbage")
case("sitemap", "odd-lastmod.xml")(lambda: _urlset(_url(lastmod="0000-00-00") + _url(lastmod="2026-03-01T00:00:00+25:00")
                                                  + _url(lastmod="9" * 5000) + _url(loc="   ")).encode())
case("sitemap", "index-50k.xml")(lambda: ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                         + "<sitemap><loc>http://fuzz.example/s.xml</loc></sitemap>" * 50_000
                                         + "</sitemapindex>").encode())
case("opml", "outlines-nested-50k.xml")(lambda: _opml("<outline>" * 50_000 + _outline() + "</outline>" * 50_000).encode())
case("opml", "outlines-odd-urls.xml")(lambda: _opml(_outline("javascript:x") + _outline("  ") + _outline("ftp://x")
                                                   + '<outline XMLURL="http://fuzz.example/a"/>').encode())


# ---------------------------------------------------------------------------------------------
# WARC files

HTTP_OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + ARTICLE


def warc_record(block: bytes = HTTP_OK, rec_type: str = "response", url: str = "http://fuzz.example/a",
                length: int | str | None = None, drop: tuple[str, ...] = (), version: bytes = b"WARC/1.0",
                extra: dict[str, str] | None = None) -> bytes:
    """One WARC record as bytes, with every header under the caller's control."""
    fields = {"WARC-Type": rec_type, "WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000019>",
              "WARC-Date": "2026-03-01T08:00:00Z", "WARC-Target-URI": url,
              "Content-Type": "application/http; msgtype=response",
              "Content-Length": str(len(block) if length is None else length)}
    fields.update(extra or {})
    for name in drop:
        fields.pop(name, None)
    head = version + b"\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()).encode("utf-8", "surrogateescape")
    return head + b"\r\n" + block + b"\r\n\r\n"


def gz(*records: bytes) -> bytes:
    """Records as a gzip WARC: one gzip member each."""
    return b"".join(_gzip(r) for r in records)


_GOOD = warc_record()
case("warc", "good.warc.gz")(lambda: gz(_GOOD))
case("warc", "good-plain.warc")(lambda: _GOOD * 2)
case("warc", "truncated-gzip-member.warc.gz")(lambda: gz(_GOOD, _GOOD)[: len(gz(_GOOD)) + 300])
case("warc", "truncated-gzip-member-first.warc.gz")(lambda: gz(_GOOD)[:300] + gz(_GOOD))
case("warc", "truncated-plain.warc")(lambda: (_GOOD * 2)[: len(_GOOD) + 400])
case("warc", "content-length-too-large.warc.gz")(lambda: gz(warc_record(length=len(HTTP_OK) + 500), _GOOD))
case("warc", "content-length-too-small.warc.gz")(lambda: gz(warc_record(length=40), _GOOD))
case("warc", "content-length-too-small-plain.warc")(lambda: warc_record(length=40) + _GOOD)
case("warc", "content-length-negative.warc.gz")(lambda: gz(warc_record(length=-5), _GOOD))
case("warc", "content-length-not-a-number.warc.gz")(lambda: gz(warc_record(length="abc"), _GOOD))
case("warc", "content-length-huge.warc.gz")(lambda: gz(warc_record(length=10**30)))
for _header in ("Content-Length", "WARC-Type", "WARC-Target-URI", "WARC-Record-ID", "WARC-Date", "Content-Type"):
    case("warc", f"missing-{_header.lower()}.warc.gz")(lambda h=_header: gz(warc_record(drop=(h,)), _GOOD))
for _type in ("request", "metadata", "resource", "revisit", "warcinfo", "conversion", "continuation", "nonsense"):
    case("warc", f"record-type-{_type}.warc.gz")(lambda t=_type: gz(warc_record(rec_type=t), _GOOD))
case("warc", "version-line-bad.warc.gz")(lambda: gz(warc_record(version=b"WARC/9.9"), warc_record(version=b"HTTP/1.1 200")))
case("warc", "no-version-line.warc.gz")(lambda: gz(warc_record(version=b"")))
case("warc", "no-http-headers.warc.gz")(lambda: gz(warc_record(block=ARTICLE)))
case("warc", "http-status-garbage.warc.gz")(lambda: gz(warc_record(block=HTTP_OK.replace(b"200 OK", b"abc"))))
case("warc", "http-status-huge.warc.gz")(lambda: gz(warc_record(block=HTTP_OK.replace(b"200 OK", b"99999999999999999999 X"))))
case("warc", "http-status-empty.warc.gz")(lambda: gz(warc_record(block=b"\r\n\r\n" + ARTICLE)))
case("warc", "http-headers-unterminated.warc.gz")(lambda: gz(warc_record(block=b"HTTP/1.1 200 OK\r\nContent-Type: text/html")))
case("warc", "content-encoding-lie.warc.gz")(lambda: gz(warc_record(block=HTTP_OK.replace(
    b"\r\n\r\n", b"\r\nContent-Encoding: gzip\r\n\r\n", 1))))
case("warc", "content-encoding-br-lie.warc.gz")(lambda: gz(warc_record(block=HTTP_OK.replace(
    b"\r\n\r\n", b"\r\nContent-Encoding: br\r\n\r\n", 1))))
case("warc", "chunked-broken.warc.gz")(lambda: gz(warc_record(block=HTTP_OK.replace(
    b"\r\n\r\n", b"\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 1))))
case("warc", "header-with-nul-and-latin1.warc.gz")(lambda: gz(warc_record(extra={"X-Odd": "a\x00b\udce9"})))
case("warc", "header-line-1mb.warc.gz")(lambda: gz(warc_record(extra={"X-Long": "x" * 1_000_000}), _GOOD))
case("warc", "target-uri-odd.warc.gz")(lambda: gz(warc_record(url="http://[::1/x"), warc_record(url="")))
case("warc", "empty.warc.gz")(lambda: b"")
case("warc", "gzip-empty.warc.gz")(lambda: _gzip(b""))
case("warc", "random-bytes.warc")(lambda: random.Random(7).randbytes(2048))
case("warc", "gzip-random-bytes.warc.gz")(lambda: _gzip(random.Random(8).randbytes(2048)))
case("warc", "gzip-bomb-2gb.warc.gz")(lambda: gzip_bomb(_GOOD[:200]))


def cases(kind: str | None = None) -> list[Case]:
    return [c for c in CASES if kind is None or c.kind == kind]


def small_cases() -> list[Case]:
    """The cases kept as files."""
    return [c for c in CASES if len(c.make()) <= SMALL_BYTES]


def write_corpus(folder: Path = CORPUS_DIR) -> int:
    """Write the small cases to ``folder/<kind>/<name>``; the number of files."""
    for c in small_cases():
        path = folder / c.kind / c.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(c.make())
    return len(small_cases())


if __name__ == "__main__":
    print(f"wrote {write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_DIR)} files", file=sys.stderr)
