"""A gold set for the cleaner, built from the demo corpus, and its scorer.

    python -m wirehouse.clean.goldset          # extracts every demo page and prints the figures

Every page the demo outlets serve is rendered (``wirehouse.demo.render.build_site`` at
``http://<outlet>.example``) and paired with what a clean extraction must give:

- ``present``: the first sentence of every body paragraph (the closing "This story was first
  published by ..." credit of a syndicated copy is neither required nor forbidden);
- ``absent``: the template's boilerplate (share bars, teasers and related lists, newsletter and
  cookie prompts, comment notices and the outlet's reader comments, sidebars, sign-offs), the
  byline ("By <author>"), the headline, the photo credit of the caption and the titles of the outlet's other
  stories (teasers); a snippet that occurs in the article's own text is dropped;
- the title, author, publication time (UTC), dateline place, language and site name;
- for a syndicated copy, the URL of its original (dedup must link the two);
- pages with no article (a comment thread only, an empty body, 404, 500) must be rejected.

Snippets are compared on whitespace-normalised text. The figures: snippet recall (present
snippets found), precision (present found / all gold snippets found), boilerplate leaks
(absent snippets found), and the share of pages whose metadata is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from wirehouse.demo.corpus import DemoArticle, Outlet, load_outlets, served_articles
from wirehouse.demo.render import build_site
from wirehouse.records import Article, Page, Rejected

# Template boilerplate per outlet template (what each page layout prints around the story).
TEMPLATE_BOILERPLATE: Mapping[str, tuple[str, ...]] = {
    "meridian": (
        "We use cookies to personalise content", "Accept all", "Manage preferences", "International edition",
        "Sign up for our morning newsletter", "The Meridian Briefing", "READ MORE:", "More on this story",
        "Comments are moderated", "No comments yet", "Sign in to start the conversation", "Facebook",
        "Contact the newsroom", "Terms of use",
    ),
    "frontline": (
        "Share this article:", "ALSO READ", "RELATED ARTICLES", "MORE FROM AUTHOR", "Notice:",
        "do not necessarily reflect the views", "neither spam nor abusive", "waiting for moderation",
        "Be the First to Comment", "Notify of", "new follow-up comments", "wpDiscuz", "Join the discussion",
        "Post Comment", "Latest News", "is funded by its readers", "Support us", "Facebook", "Twitter", "Donate",
    ),
    "harbor": (
        "Our standards", "trust principles", "Editing by the Harbor Wire", "More from this desk",
        "Latest from the wire", "available to subscribing newsrooms", "may not be republished", "ATOM FEED",
        "NEWS AGENCY",
    ),
    "sahel": (
        "Don’t miss a story", "newsletter in your inbox", "READ MORE", "Share on:", "Reader reactions",
        "Leave a reaction", "This site uses cookies", "Front page", "Contact the editor", "Facebook", "WhatsApp",
    ),
    "eastern": (
        "We and our partners use cookies", "Reject non-essential", "Share:", "Copy link", "ALSO READ",
        "Sign up for our free newsletter", "The Ledger Daily", "Related articles", "What readers say",
        "Be the first to share your view", "LinkedIn", "Careers", "Media Group",
    ),
}
NO_ARTICLE_KINDS = frozenset({"comments_only", "empty_body", "http_404", "http_500"})
_MIN_TEASER_WORDS = 5
_PHOTO_CREDIT = re.compile(r"\((?:photo|image|picture)s?\s*:[^()]*\)", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s+[\"“‘'(A-Z0-9]|\s*$)")
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.[\"'”’)]?$")
_ABBREVIATIONS = frozenset("mr mrs ms dr st gen lt col maj sgt capt gov sen rep no u.s u.n u.k e.u".split())
_COPY_CREDIT = re.compile(r"^This story was first published by ")
_DATELINE_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def norm(text: str | None) -> str:
    """Whitespace-normalised text (how snippets are compared)."""
    return " ".join((text or "").split())


def first_sentence(paragraph: str) -> str:
    """The first sentence of a paragraph ("Mr. Smith" and "U.S." do not end one)."""
    paragraph = norm(paragraph)
    for end in _SENTENCE_END.finditer(paragraph):
        head = paragraph[: end.end()]
        word = _WORD_BEFORE_STOP.search(head)
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        return head
    return paragraph


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One demo page and what the cleaner must make of it."""

    url: str
    outlet: str
    kind: str  # article, copy, cp1252_as_utf8, private, comments_only, empty_body, http_404, http_500
    page: Page
    ref: str | None = None  # outlet/slug of the article behind the page
    original_url: str | None = None  # for a syndicated copy: the URL of the original
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    dateline: str | None = None  # the place, without "(HW)" or "(6:35 P.M.)"
    language: str | None = None
    site_name: str | None = None
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    @property
    def has_article(self) -> bool:
        return self.kind not in NO_ARTICLE_KINDS


def _absent_snippets(outlet: Outlet, article: DemoArticle | None, body: str, titles: Iterable[str]) -> tuple[str, ...]:
    snippets = list(TEMPLATE_BOILERPLATE.get(outlet.template, ()))
    snippets += [c.text for c in outlet.comments]
    if article is not None:
        snippets.append(article.title)  # the headline repeated as the first paragraph
        if article.author:
            snippets.append(f"By {article.author}")
        if article.caption:
            snippets += _PHOTO_CREDIT.findall(article.caption)
    snippets += [t for t in titles if len(t.split()) >= _MIN_TEASER_WORDS]
    own = norm(body)
    out: dict[str, None] = {}
    for s in snippets:
        s = norm(s)
        if s and s not in own:
            out[s] = None
    return tuple(out)


def gold_pages(fetched_at: datetime | None = None) -> list[GoldPage]:
    """Every page the demo outlets serve that a crawler would hand to the cleaner."""
    fetched_at = fetched_at or datetime(2027, 1, 1, tzinfo=timezone.utc)
    served = served_articles()
    outlets = load_outlets()
    bases = {o.id: f"http://{o.id}.example" for o in outlets}
    by_ref = {a.ref: a for a in served if not a.is_copy}
    url_of: dict[str, str] = {}
    sites = {o.id: build_site(o, bases[o.id], served) for o in outlets}
    for oid, site in sites.items():
        for e in site.entries:
            if e.article is not None and not e.article.is_copy:
                url_of[e.article.ref] = site.url(e.path)
    pages: list[GoldPage] = []
    for outlet in outlets:
        site = sites[outlet.id]
        for e in site.entries:
            res = site.resources.get(e.path)
            if res is None:
                continue
            url = site.url(e.path)
            page = Page(url=url, final_url=url, status=res.status, body=res.body, fetched_at=fetched_at,
                        content_type=res.content_type, charset="utf-8", source=outlet.id)
            if e.kind in NO_ARTICLE_KINDS:
                titles = [x.title for x in site.entries if x.path != e.path]
                pages.append(GoldPage(url, outlet.id, e.kind, page,
                                      absent=_absent_snippets(outlet, None, "", titles)))
                continue
            a = e.article
            if a is not None:
                paragraphs = [p for p in a.paragraphs if not (a.is_copy and _COPY_CREDIT.match(p))]
                body, language, author = a.body, a.language, a.author
                published, title = a.published, a.title
                dateline = _DATELINE_NOTE.sub("", a.dateline) if a.dateline else None
                original = by_ref[a.copy_of] if a.is_copy else None
            else:  # a private page: text only
                paragraphs = [norm(p) for p in (e.body or "").split("\n\n") if p.strip()]
                body, language, author, published, title, dateline, original = (
                    e.body or "", outlet.language, None, e.published, e.title, None, None)
            own_titles = {e.title} | ({original.title} if original else set())
            titles = [x.title for x in site.entries if x.path != e.path and x.title not in own_titles]
            pages.append(GoldPage(
                url=url, outlet=outlet.id, kind=e.kind, page=page, ref=a.ref if a else None,
                original_url=url_of[original.ref] if original else None, title=title, author=author,
                published=published, dateline=dateline, language=language, site_name=outlet.name,
                present=tuple(first_sentence(p) for p in paragraphs),
                absent=_absent_snippets(outlet, a, body, titles),
            ))
    return pages


# --------------------------------------------------------------------------------------------
# scoring


@dataclass
class GoldReport:
    """Figures of one run over the gold set; ``problems`` says what went wrong where."""

    pages: int = 0
    article_pages: int = 0
    extracted: int = 0  # article pages that gave an Article
    rejected_ok: int = 0  # pages without an article that were rejected
    no_article_pages: int = 0
    present_total: int = 0
    present_found: int = 0
    absent_total: int = 0
    absent_found: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    problems: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.present_found / self.present_total if self.present_total else 0.0

    @property
    def precision(self) -> float:
        found = self.present_found + self.absent_found
        return self.present_found / found if found else 0.0

    def accuracy(self, name: str) -> float:
        right, total = self.fields.get(name, (0, 0))
        return right / total if total else 0.0

    def _count(self, name: str, ok: bool, gold: GoldPage, got, want) -> None:
        cell = self.fields.setdefault(name, [0, 0])
        cell[0] += ok
        cell[1] += 1
        if not ok:
            self.problems.append(f"{gold.url}: {name} {got!r}, expected {want!r}")

    def summary(self) -> str:
        lines = [
            f"pages={self.pages} article_pages={self.article_pages} extracted={self.extracted} "
            f"no-article pages rejected={self.rejected_ok}/{self.no_article_pages}",
            f"snippets: recall={self.recall:.4f} ({self.present_found}/{self.present_total}) "
            f"precision={self.precision:.4f} boilerplate leaks={self.absent_found}/{self.absent_total}",
        ]
        lines.append("fields: " + " ".join(f"{k}={self.accuracy(k):.4f}" for k in self.fields))
        return "\n".join(lines)


def score(gold: Sequence[GoldPage], outputs: Sequence[Article | Rejected]) -> GoldReport:
    """Compare ``extract_article`` outputs (same order as ``gold``) with the gold set."""
    if len(gold) != len(outputs):
        raise ValueError(f"{len(outputs)} outputs for {len(gold)} gold pages: pass one output per page, in order")
    report = GoldReport(pages=len(gold))
    for g, out in zip(gold, outputs):
        text = norm(out.text) if isinstance(out, Article) else ""
        for s in g.absent:
            report.absent_total += 1
            if s in text:
                report.absent_found += 1
                report.problems.append(f"{g.url}: boilerplate kept: {s[:60]!r}")
        if not g.has_article:
            report.no_article_pages += 1
            if isinstance(out, Rejected):
                report.rejected_ok += 1
            else:
                report.problems.append(f"{g.url}: {g.kind} page was not rejected")
            continue
        report.article_pages += 1
        report.present_total += len(g.present)
        if not isinstance(out, Article):
            report.problems.append(f"{g.url}: rejected ({out.reason}): {out.message[:120]}")
            continue
        report.extracted += 1
        for s in g.present:
            if s in text:
                report.present_found += 1
            else:
                report.problems.append(f"{g.url}: missing sentence {s[:60]!r}")
        report._count("published", out.published_at == g.published, g, out.published_at, g.published)
        report._count("title", out.title == g.title, g, out.title, g.title)
        if g.kind != "private":
            report._count("author", out.author == g.author, g, out.author, g.author)
            report._count("dateline", out.dateline == g.dateline, g, out.dateline, g.dateline)
        report._count("language", out.language == g.language, g, out.language, g.language)
        report._count("site_name", out.site_name == g.site_name, g, out.site_name, g.site_name)
    return report


def run(workers: int = 2) -> tuple[list[GoldPage], list[Article | Rejected], GoldReport]:
    """Extract every gold page with the clean stage and score it."""
    from wirehouse.clean.extract import extract_all  # noqa: PLC0415
    from wirehouse.settings import Settings  # noqa: PLC0415

    gold = gold_pages()
    outputs = extract_all([g.page for g in gold], Settings(workers=workers, languages=("en",)))
    return gold, outputs, score(gold, outputs)


def main() -> None:  # pragma: no cover - a report for people
    import argparse  # noqa: PLC0415

    ap = argparse.ArgumentParser(description="Score the cleaner on the demo-corpus gold set.")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--problems", type=int, default=20, help="how many problems to list")
    args = ap.parse_args()
    _, _, report = run(args.workers)
    print(report.summary())
    for line in report.problems[: args.problems]:
        print("  " + line)


if __name__ == "__main__":  # pragma: no cover
    main()
