"""Hypothesis strategies for hostile input: HTML pages, crawled pages, text, feeds, sitemaps, OPML, WARC.

Each strategy mixes three sources: markup built from a small grammar (so the parsers get past
their first checks), the nasty corpus (``tests/fuzz/nasty.py``) cut and mutated, and raw bytes.
Sizes come from integers drawn by Hypothesis, so one example can be a megabyte although
Hypothesis itself draws only a few bytes for it.
"""

from __future__ import annotations

import gzip
import zlib

from hypothesis import strategies as st

from tests.fuzz.nasty import ARTICLE, HTTP_OK, LOOP, PARAGRAPH, POLISH, SMALL_BYTES, cases, gz, warc_record

WORDS = ["the", "minister", "said", "police", "in", "Baghdad", "Iraq", "Russia", "Ukraine", "Kyiv", "United",
         "Nations", "rebels", "attacked", "met", "with", "accused", "condemned", "protesters", "President",
         "Putin", "army", "on", "Tuesday", "of", "and", "a", "visited", "Paris", "France", "İstanbul", "Łódź",
         "São", "Paulo", "U.S.", "Gen.", "Dr.", "—", "«", "»", "(", ")", ",", ".", "!", "?", "\n\n", "\u00ad",
         "\u200b", "\u2028", "e\u0301", "ﬁ", "ǅ", "ß", "ΣΑΣ", "中国", "العراق", "1,000", "2026-03-01"]
ENCODINGS = ["utf-8", "cp1252", "cp1250", "iso8859-2", "utf-16-le", "utf-16-be", "utf-16", "utf-32", "shift_jis",
             "koi8-r", "gb18030", "cp500", "utf-7", "latin-1"]
CHARSET_LABELS = [None, "utf-8", "UTF8", "iso-8859-1", "windows-1250", "shift_jis", "utf-16", "x-bogus", "",
                  "utf-7", "cp500", '"utf-8"', "utf-8; q=1", "\x00"]
TAGS = ["html", "head", "body", "title", "meta", "link", "div", "p", "span", "a", "article", "section", "main",
        "script", "style", "table", "tr", "td", "ul", "li", "time", "h1", "h2", "br", "img", "iframe", "noscript",
        "svg", "math", "template", "nav", "footer", "header", "form", "input", "textarea", "pre", "code", "blockquote",
        "figure", "figcaption", "aside", "select", "option", "xmp", "plaintext", "frameset", "object"]
ATTR_NAMES = ["class", "id", "href", "content", "property", "name", "charset", "rel", "datetime", "itemprop",
              "style", "lang", "type", "http-equiv", "src", "hidden", "x", "data-x"]
ATTR_VALUES = ["article", "content", "canonical", "og:url", "og:type", "author", "2026-03-01", "0000-00-00",
               "99999-12-31T25:61", "utf-8", "shift_jis", "http://fuzz.example/a", "//", "javascript:x", "http://[::1",
               "article:published_time", "application/ld+json", "comments", "byline", "date", "display:none",
               "text/html; charset=utf-16", "NewsArticle", LOOP]
TOKENS = ["&amp;", "&#0;", "&#x110000;", "&#xD800;", "&nbsp", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->",
          "<?xml version='1.0'?>", "<!DOCTYPE html>", "\x00", "\ufeff", "\r", "</", "<", ">", '"', "'", "=",
          '{"@type": "NewsArticle", "datePublished": "2026-03-01"}', "[[[[", "By Jane Doe", "BEIRUT, LEBANON (AP) —"]


def _attrs(pairs: list[tuple[str, str | None]]) -> str:
    return "".join(f" {k}" if v is None else f' {k}="{v}"' for k, v in pairs)


def _element(tag: str, pairs: list, children: list[str], closed: bool) -> str:
    return f"<{tag}{_attrs(pairs)}>" + "".join(children) + (f"</{tag}>" if closed else "")


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)
attr_pairs = st.lists(st.tuples(st.sampled_from(ATTR_NAMES), st.none() | st.sampled_from(ATTR_VALUES) | st.text(max_size=12)),
                      max_size=4)
leaves = st.one_of(sentences, st.text(max_size=40), st.sampled_from(TOKENS), st.just(PARAGRAPH))
markup = st.recursive(leaves, lambda kids: st.builds(_element, st.sampled_from(TAGS), attr_pairs,
                                                      st.lists(kids, max_size=5), st.booleans()), max_leaves=30)


def _page(head: list[str], body: list[str], doctype: bool) -> str:
    return ("<!DOCTYPE html>" if doctype else "") + f"<html><head>{''.join(head)}</head><body>{''.join(body)}</body></html>"


html_text = st.builds(_page, st.lists(markup, max_size=4), st.lists(markup, max_size=8), st.booleans())


def _encode(text: str, encoding: str, bom: bool) -> bytes:
    data = text.encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + data


def _declare(data: bytes, label: str | None) -> bytes:
    return data if label is None else data.replace(b"<head>", b'<head><meta charset="' + label.encode("latin-1") + b'">', 1)


encoded_html = st.builds(_encode, html_text, st.sampled_from(ENCODINGS), st.booleans())
declared_html = st.builds(_declare, encoded_html, st.sampled_from(CHARSET_LABELS))


@st.composite
def mutated(draw, base: st.SearchStrategy[bytes]) -> bytes:
    """``base`` cut, spliced, sprinkled with NULs and odd bytes, or gzipped (whole or cut)."""
    data = draw(base)
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["cut", "insert", "flip", "nul", "repeat", "gzip", "gzip-cut", "zlib", "splice"]))
        at = draw(st.integers(0, len(data)))
        if op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.binary(max_size=16)) + data[at:]
        elif op == "flip" and data:
            i = min(at, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
        elif op == "nul":
            data = data[:at] + b"\x00" * draw(st.integers(1, 64)) + data[at:]
        elif op == "repeat":
            piece = data[at: at + draw(st.integers(1, 64))]
            data = data[:at] + piece * draw(st.integers(1, 20_000)) + data[at:]
        elif op == "gzip":
            data = gzip.compress(data, 1, mtime=0)
        elif op == "gzip-cut":
            packed = gzip.compress(data, 1, mtime=0)
            data = packed[: draw(st.integers(0, len(packed)))]
        elif op == "zlib":
            data = zlib.compress(data, 1)
        elif op == "splice":
            data = data[:at] + draw(base)
    return data


def _corpus(kind: str) -> st.SearchStrategy[bytes]:
    # the small cases only: the large ones run once each in the corpus test, not mutated
    return st.sampled_from([c for c in cases(kind) if len(c.make()) <= SMALL_BYTES]).map(lambda c: c.make())


def _nested(depth: int, tag: str) -> bytes:
    return (f"<html><body>{f'<{tag}>' * depth}{PARAGRAPH}").encode()


def _many_attributes(count: int) -> bytes:
    return ("<html><body><div " + " ".join(f"a{i}=x" for i in range(count)) + f">{PARAGRAPH}</div>").encode()


def _long_attribute(size: int, spaced: bool) -> bytes:
    value = ("a " * (size // 2)) if spaced else "a" * size
    return f'<html><body><div id="x" class="{value}">{PARAGRAPH * 2}</div></body></html>'.encode()


big_html = st.one_of(
    st.builds(_nested, st.integers(1, 200_000), st.sampled_from(["div", "b", "table", "li", "p", "span><i", "q"])),
    st.builds(_many_attributes, st.integers(0, 200_000)),
    st.builds(_long_attribute, st.integers(0, 3_000_000), st.booleans()),
    st.integers(1, 3000).map(lambda n: ARTICLE.replace(b"<article>", b"<article>" + PARAGRAPH.encode() * n)),
    st.integers(1, 1_000_000).map(lambda n: b"<html><body><p>" + b"x" * n + b"</p>" + PARAGRAPH.encode()),
)

html_bytes = st.one_of(
    declared_html,
    mutated(declared_html),
    mutated(_corpus("html")),
    st.binary(max_size=4096),
    big_html,
    st.sampled_from([ARTICLE, ("<html><body>" + POLISH * 4 + "</body></html>").encode("cp1250")]),
)

CONTENT_TYPES = [None, "text/html", "text/html; charset=utf-8", "application/xhtml+xml", "text/plain",
                 "application/octet-stream", "application/pdf", "image/png", "TEXT/HTML", "", "text/html;;;", "\x00"]
pages = st.fixed_dictionaries({
    "url": st.sampled_from(["http://fuzz.example/2026/03/a", "https://fuzz.example/", "http://[::1/x", "", "x",
                            "http://fuzz.example/" + "a" * 5000, "http://FUZZ.example:80/a?utm_source=x#f"]),
    "status": st.sampled_from([200, 200, 200, 200, 304, 404, 500, 0, -1, 999]),
    "content_type": st.sampled_from(CONTENT_TYPES),
    "charset": st.sampled_from(CHARSET_LABELS),
    "body": html_bytes,
})

texts = st.one_of(
    st.lists(sentences, max_size=20).map(" ".join),
    st.text(max_size=2000),
    st.text(st.characters(codec="utf-8"), max_size=500),
    st.builds(lambda s, n: s * n, st.sampled_from(["Iraq ", "the ", "a.", "Baghdad, Iraq. ", "İ", "\n", "U.S. "]),
              st.integers(1, 50_000)),
    st.builds(lambda parts: "".join(parts), st.lists(st.sampled_from(WORDS + TOKENS + [" "] * 8), max_size=400)),
)


# ---------------------------------------------------------------------------------------------
# XML: feeds, sitemaps, OPML

DATES = ["Tue, 10 Mar 2026 08:00:00 GMT", "2026-03-01", "2026-03-01T08:00:00Z", "0000-00-00", "0000-01-01T00:00:00Z",
         "Mon, 01 Jan 0000 00:00:00 GMT", "9999-12-31T23:59:59+14:00", "2026-13-45T25:61:61Z", "", "yesterday",
         "99999999999999999999", "-1", "2026-03-01T08:00:00+25:00", "1e400"]
LINKS = ["http://fuzz.example/a", " http://fuzz.example/b \n", "", "   ", "javascript:x()", "/relative", "http://[::1",
         "http://fuzz.example/" + "a" * 3000, LOOP + "x", "&amp;", "\x00"]
PROLOGS = [b"", b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="utf-16"?>',
           b'<?xml version="1.0" encoding="x-bogus"?>', b"\xef\xbb\xbf", b'<!DOCTYPE rss SYSTEM "' + LOOP.encode() + b'd.dtd">',
           b'<!DOCTYPE x [<!ENTITY e "entity">]>', b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
           b'<!DOCTYPE x [<!ENTITY e SYSTEM "' + LOOP.encode() + b'e">]>',
           b'<!DOCTYPE x [<!ENTITY % p SYSTEM "' + LOOP.encode() + b'p.dtd"> %p;]>']
texty = st.sampled_from(["A", "&e;", "<b>x</b>", "&amp;", "]]>", "<![CDATA[x]]>", ""]) | st.text(max_size=20)


def _laughs(levels: int, width: int) -> bytes:
    ents = '<!ENTITY e0 "lol">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * width}">' for i in range(1, levels))
    return f'<?xml version="1.0"?><!DOCTYPE x [{ents}<!ENTITY e "&e{levels - 1};">]>'.encode()


prolog = st.one_of(st.just(b""), st.just(b'<?xml version="1.0" encoding="UTF-8"?>'), st.sampled_from(PROLOGS),
                   st.builds(_laughs, st.integers(1, 12), st.integers(1, 12)))


def _wrap(pro: bytes, body: str, encoding: str) -> bytes:
    return pro + body.encode(encoding, errors="replace")


def _items(kind: str) -> st.SearchStrategy[str]:
    link, date = st.sampled_from(LINKS), st.sampled_from(DATES) | st.text(max_size=20)
    if kind == "rss":
        return st.builds(lambda l, d, t: f"<item><title>{t}</title><link>{l}</link><pubDate>{d}</pubDate></item>",
                         link, date, texty)
    if kind == "atom":
        return st.builds(lambda l, d, t: f'<entry><title>{t}</title><link href="{l}"/><updated>{d}</updated></entry>',
                         link, date, texty)
    if kind == "url":
        return st.builds(lambda l, d: f"<url><loc>{l}</loc><lastmod>{d}</lastmod></url>", link, date)
    if kind == "sitemap":
        return st.builds(lambda l, d: f"<sitemap><loc>{l}</loc><lastmod>{d}</lastmod></sitemap>", link, date)
    return st.builds(lambda l, t: f'<outline text="{t}" xmlUrl="{l}"/>', link, st.sampled_from(["a", "&e;", '"']))


def _document(kind: str) -> st.SearchStrategy[str]:
    shells = {
        "rss": ['<rss version="2.0"><channel><title>t</title>{}</channel></rss>', "<rss>{}</rss>", "<channel>{}"],
        "atom": ['<feed xmlns="http://www.w3.org/2005/Atom">{}</feed>', "<feed>{}"],
        "url": ['<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>', "<urlset>{}", "<x>{}</x>"],
        "sitemap": ['<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</sitemapindex>'],
        "outline": ['<opml version="2.0"><body>{}</body></opml>', "<OPML><body><outline>{}</outline></body></OPML>",
                    "<opml>{}"],
    }[kind]
    return st.builds(lambda shell, items, repeat: shell.format("".join(items) * repeat), st.sampled_from(shells),
                     st.lists(_items(kind), max_size=8), st.integers(1, 400))


def xml_documents(kinds: list[str], corpus: str) -> st.SearchStrategy[bytes]:
    built = st.builds(_wrap, prolog, st.one_of(*[_document(k) for k in kinds]),
                      st.just("utf-8") | st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-16-le"]))
    return st.one_of(built, mutated(built), mutated(_corpus(corpus)), st.binary(max_size=2048))


feeds = xml_documents(["rss", "atom"], "feed")
sitemaps = xml_documents(["url", "sitemap"], "sitemap")
opml_documents = xml_documents(["outline"], "opml")


# ---------------------------------------------------------------------------------------------
# WARC files

REC_TYPES = ["response", "response", "response", "request", "metadata", "resource", "revisit", "warcinfo", "junk"]
HTTP_HEADS = [b"HTTP/1.1 200 OK", b"HTTP/1.1 404 Not Found", b"HTTP/1.0 200", b"HTTP/1.1 abc", b"200 OK", b"",
              b"HTTP/1.1 99999999999999999999 X", b"HTTP/1.1 301 Moved"]
HTTP_FIELDS = [b"Content-Type: text/html", b"Content-Type: text/html; charset=x-bogus", b"Content-Type: image/png",
               b"Content-Encoding: gzip", b"Content-Encoding: br", b"Transfer-Encoding: chunked", b"Content-Length: 5",
               b"X-Odd: \xff\x00", b"no colon here", b"Content-Type: text/plain"]


@st.composite
def warc_records(draw) -> bytes:
    head = draw(st.sampled_from(HTTP_HEADS))
    fields = draw(st.lists(st.sampled_from(HTTP_FIELDS), max_size=4))
    body = draw(st.sampled_from([ARTICLE, b"", gzip.compress(ARTICLE, mtime=0), b"zz\r\n"]) | st.binary(max_size=256))
    block = head + b"\r\n" + b"".join(f + b"\r\n" for f in fields) + b"\r\n" + body
    if draw(st.booleans()):
        block = HTTP_OK
    delta = draw(st.sampled_from([0, 0, 0, 1, -1, 100, -100]) | st.integers(-10_000, 10_000))
    length = draw(st.sampled_from([len(block) + delta, "abc", "", "-1", str(10 ** 20)])) if draw(st.booleans()) \
        else len(block)
    drop = tuple(draw(st.lists(st.sampled_from(["Content-Length", "WARC-Type", "WARC-Target-URI", "WARC-Date",
                                                "WARC-Record-ID", "Content-Type"]), max_size=2)))
    return warc_record(block=block, rec_type=draw(st.sampled_from(REC_TYPES)), length=length, drop=drop,
                       url=draw(st.sampled_from(["http://fuzz.example/a", "http://fuzz.example/robots.txt", "",
                                                 "http://[::1", "http://fuzz.example/b"])),
                       version=draw(st.sampled_from([b"WARC/1.0", b"WARC/1.1", b"WARC/0.17", b"", b"HTTP/1.1 200 OK"])),
                       extra={"WARC-Wirehouse-Kind": k} if (k := draw(st.sampled_from([None, "article", "feed", "x"])))
                       else None)


@st.composite
def warc_files(draw) -> bytes:
    records = draw(st.lists(warc_records(), min_size=0, max_size=5))
    if draw(st.booleans()):
        data = gz(*records)
    else:
        data = b"".join(records)
    return data


warcs = st.one_of(warc_files(), mutated(warc_files()), mutated(_corpus("warc")), st.binary(max_size=2048))

STRATEGIES = {
    "extract": html_bytes,
    "clean": pages,
    "enrich": texts,
    "feed": feeds,
    "sitemap": sitemaps,
    "opml": opml_documents,
    "warc": warcs,
}
