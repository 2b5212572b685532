"""Our own pass over trafilatura's text for what slips through on news sites.

trafilatura finds the article block; inside it, news templates still leave share bars,
"ALSO READ" teasers, "RELATED ARTICLES" tabs, newsletter and cookie prompts, comment
notices and comment-plugin residue, photo credits, wire sign-offs ("(Editing by ...)"), and a
byline or the headline repeated in the body. The rules
here are general news-site rules, each a whole-line (paragraph) decision except photo credits,
which are cut out of the line they end.

Input: text with one paragraph per line (trafilatura's text output) or blank-line separated
paragraphs. Output: the kept paragraphs, separated by one blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

# --- photo credits -------------------------------------------------------------------------
# "... / AFP PHOTO / MOADH AL-DULAIMI", "... /REUTERS PHOTO/ NAME", "... / FILE PHOTO / AP"
_CREDIT_SLASH = re.compile(
    r"\s*/\s*(?:[A-Z][A-Za-z]{1,15}\s+)?(?:FILE\s+)?(?:PHOTOS?|IMAGES?|PICTURES?|FOTO)\s*/\s*[A-Z][A-Z .'\u2019\-]{1,60}$"
)
# "(Photo: Sami Adel)", "(AP Photo/Name)", "(Photo credit: ...)", "(File photo: ...)", "(Image: ...)"
_CREDIT_PAREN = re.compile(
    r"\s*[(\[](?:[A-Z][A-Za-z.]{1,15}\s+)?(?:file\s+)?(?:photo|photograph|image|picture|foto|credit)s?"
    r"(?:\s+(?:credit|by|courtesy(?:\s+of)?))?\s*[:/][^()\[\]\n]{1,100}[)\]]",
    _I,
)
# a line that is only a credit: "Photo: Name", "Image credit: Agency", "Photograph by Name"
_CREDIT_LINE = re.compile(
    r"^(?:(?:file\s+)?(?:photo|photograph|image|picture|foto)s?(?:\s+credit)?|credits?|source)\s*(?::|by)\s*\S.{0,80}$",
    _I,
)

# --- share bars, empty bullets ---------------------------------------------------------------
_SHARE_LINE = re.compile(
    r"^(?:share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|on\s+\w+|via\s+\w+))?|share\s+this|"
    r"tweet(?:\s+this)?|e-?mail(?:\s+this)?|print(?:\s+this)?(?:\s+article)?|whatsapp|facebook|twitter|"
    r"linkedin|pinterest|reddit|telegram|messenger|copy\s+(?:the\s+)?link|click\s+to\s+share.{0,40})\s*:?\s*$",
    _I,
)
_EMPTY_BULLETS = re.compile(r"^[\s\-\u2022\u00b7*|\u2013\u2014\u25aa\u25cf>»]*$")

# --- teasers and related lists ---------------------------------------------------------------
_TEASER_UPPER = re.compile(
    r"^(?:ALSO READ|READ ALSO|READ MORE|MORE READING|SEE ALSO|MUST READ|DON'T MISS|DON\u2019T MISS|"
    r"RELATED(?: ARTICLES?| STORIES| STORY| POSTS?| CONTENT| NEWS| COVERAGE| READING| TOPICS)?|"
    r"MORE FROM(?: THE)? AUTHOR|MORE FROM THIS AUTHOR|MORE STORIES|YOU MAY ALSO LIKE|YOU MIGHT ALSO LIKE|"
    r"RECOMMENDED(?: FOR YOU| STORIES| ARTICLES)?|MOST READ|MOST POPULAR)"
)
_TEASER_MIXED = re.compile(
    r"^(?:also read|read also|read more|more reading|see also|must read|"
    r"related(?: articles?| stories| story| posts?| content| news| coverage| reading| topics)?|"
    r"more from(?: the| this)? author|more stories|you may also like|you might also like|"
    r"recommended(?: for you| stories| articles)?|most read|most popular)"
    r"\s*(?:$|[:»›|>\u2013\u2014]|\.\.\.|\u2026)",
    _I,
)
_TEASER_MAX = 250

# --- newsletter, cookies --------------------------------------------------------------------
_NEWSLETTER = re.compile(
    r"(?:sign(?:\s|-)?up|subscribe|register)\b.{0,60}\bnewsletters?\b|\bnewsletters?\b.{0,60}\b(?:sign(?:\s|-)?up|subscribe)\b|"
    r"enter your e-?mail|your e-?mail address\b.{0,40}\b(?:subscribe|sign up)|"
    r"(?:delivered|straight|directly|sent)\s+(?:\w+\s+){0,2}to your inbox|in your inbox\s+(?:every|each)\b",
    _I,
)
_COOKIE = re.compile(
    r"\bcookies?\b.{0,120}\b(?:accept|consent|polic(?:y|ies)|settings|preferences|agree|browsing|"
    r"experience|use of)\b|\b(?:we|this (?:web)?site|our (?:web)?site)\s+uses?\s+cookies\b|\baccept(?: all)? cookies\b",
    _I,
)
_PROMPT_MAX = 350

# --- comments -------------------------------------------------------------------------------
_COMMENT_LINE = re.compile(
    r"^(?:be the first to comment|leave a (?:comment|reply)|post a comment|add (?:a |your )?comment|"
    r"join the (?:discussion|conversation)|notify of(?: new (?:follow-up )?comments| new replies)?|wpdiscuz|disqus|discuss|"
    r"comments?|\d+\s+comments?|no comments(?: yet)?|(?:show|view|load|hide|read)(?: all)? comments|"
    r"comments? policy|avatar|log ?in to (?:comment|reply)|you must be logged in to post a comment|"
    r"subscribe to comments|oldest|newest|most voted|inline feedbacks|view all comments|"
    r"comments are closed|click here to (?:comment|post a comment)|cancel reply|"
    r"powered by (?:wpdiscuz|disqus))\W*$",
    _I,
)
_COMMENT_NOTICE = re.compile(
    r"\bcomments?\b.{0,120}\b(?:moderat\w*|spam|commenters?|approved|inappropriate|community (?:guidelines|standards)|"
    r"not necessarily (?:reflect|represent)|views? of the commenter)\b|\bcommenters?\b",
    _I,
)

# --- syndication and bylines ------------------------------------------------------------------
_SYNDICATION = re.compile(
    r"^(?:this|the)\s+(?:story|article|report|piece|post)\s+(?:was|is|has been)\s+(?:first|originally)?\s*"
    r"(?:published|posted|appeared|produced|reported)\s+(?:by|on|in|at|with)\s+.{1,80}$",
    _I,
)
_BYLINE = re.compile(r"^(?:by|written by|von|par|por)\s+([A-Z][\w.'\u2019\-]*(?:\s+(?:[A-Z][\w.'\u2019\-]*|and|&|de|van|von|al|el|bin)){0,5})\s*(?:[,|\u2013\u2014\-].{0,60})?$")
_BYLINE_MAX = 90

# wire sign-offs: "(Reporting by A; Editing by B)", "(Editing by the World desk)"
_SIGNOFF = re.compile(
    r"^[(\[]\s*(?:(?:additional\s+)?reporting|editing|writing|compiled|translated|translation|graphics)\s+by\b"
    r"[^()\[\]\n]{1,200}[)\]]\.?$",
    _I,
)

# residue from a "date" label field before the caption: "date 2017-10-20 ..."
_DATE_LABEL = re.compile(r"^\s*(?:date|posted|published|updated)\s*:?\s*\d{4}-\d{2}-\d{2}\s+", _I)


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed paragraph (or part of one) and the rule that removed it."""

    rule: str
    text: str


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: one per non-empty line (blank lines are separators too)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _norm_name(value: str) -> str:
    return re.sub(r"\W+", " ", value).strip().lower()


_HEADLINE_WITHIN = 4  # the headline is looked for among the first paragraphs
_KICKER_MAX_WORDS = 12


def _is_kicker(line: str) -> bool:
    """A short label line (section, breadcrumb, date) rather than a sentence."""
    return len(line.split()) <= _KICKER_MAX_WORDS and not re.search(r"[a-z]{2,}[.!?][\"'”’]?$", line)


def _is_byline(line: str, author: str | None) -> bool:
    if len(line) > _BYLINE_MAX:
        return False
    if author:
        name = _norm_name(author)
        low = _norm_name(line)
        if name and (low == name or low in {f"by {name}", f"written by {name}"} or
                     (low.startswith(("by ", "written by ")) and name in low)):
            return True
    return bool(_BYLINE.match(line))


# Words without which the unanchored patterns below cannot match: a substring test on the
# lower-cased line is much cheaper than the search. Under IGNORECASE a few non-ASCII letters
# match ASCII ones ("İ"/"ı" for i, "ſ" for s, the Kelvin sign for k) though lower() keeps
# them apart: a line with one of them always gets the full search.
_CASE_FOLD_ODDITIES = ("\u0130", "\u0131", "\u017f", "\u212a")
_NEWSLETTER_WORDS = ("newsletter", "mail", "inbox")
_COOKIE_WORDS = ("cookie",)
_COMMENT_WORDS = ("comment",)
_CREDIT_WORDS = ("photo", "image", "picture", "foto", "credit")


def _lower(line: str) -> str | None:
    """The line in lower case for the word tests, or None if it must skip them."""
    if line.isascii() or not any(c in line for c in _CASE_FOLD_ODDITIES):
        return line.lower()
    return None


def _may_match(low: str | None, words: tuple[str, ...]) -> bool:
    return low is None or any(w in low for w in words)


def _classify(line: str, index: int, count: int, author: str | None) -> str | None:
    """The rule that removes this whole paragraph, or None to keep it."""
    if _EMPTY_BULLETS.match(line):
        return "empty_bullets"
    if _SHARE_LINE.match(line):
        return "share_bar"
    if len(line) <= _TEASER_MAX and (_TEASER_UPPER.match(line) or _TEASER_MIXED.match(line)):
        return "teaser"
    if _COMMENT_LINE.match(line):
        return "comments"
    if len(line) <= _PROMPT_MAX:
        low = _lower(line)
        if _may_match(low, _NEWSLETTER_WORDS) and _NEWSLETTER.search(line):
            return "newsletter"
        if _may_match(low, _COOKIE_WORDS) and _COOKIE.search(line):
            return "cookie_prompt"
        if _may_match(low, _COMMENT_WORDS) and _COMMENT_NOTICE.search(line):
            return "comment_notice"
        if _SYNDICATION.match(line):
            return "syndication_notice"
        if _CREDIT_LINE.match(line):
            return "photo_credit"
        if _SIGNOFF.match(line):
            return "signoff"
    if index < 3 and _is_byline(line, author):
        return "byline"
    if author and _is_byline(line, author):
        return "byline"
    return None


def _strip_credit(line: str) -> tuple[str, str | None]:
    """(line without a trailing photo credit, rule) - a line that ended with one is a caption."""
    if "/" in line and _CREDIT_SLASH.search(line):
        return "", "photo_caption"
    if "(" not in line and "[" not in line or not _may_match(_lower(line), _CREDIT_WORDS):
        return line, None
    m = _CREDIT_PAREN.search(line)
    if m:
        if not line[m.end():].strip():
            return "", "photo_caption"
        return (line[: m.start()] + line[m.end():]).strip(), "photo_credit"
    return line, None


def remove_boilerplate(
    text: str, *, author: str | None = None, title: str | None = None
) -> tuple[str, list[Removal]]:
    """(cleaned text, what was removed). Paragraphs in the result are blank-line separated.

    ``title``: the page's headline; a paragraph among the first few that only repeats it is
    removed, with the short label lines (section, breadcrumb, date) above it.
    """
    lines = split_paragraphs(text)
    removed_title: list[Removal] = []
    head = _norm_name(title) if title else ""
    if head:
        for i, line in enumerate(lines[:_HEADLINE_WITHIN]):
            if _norm_name(line) == head:
                # the headline, and the kicker/section/date lines above it
                if all(_is_kicker(before) for before in lines[:i]):
                    removed_title = [Removal("kicker", before) for before in lines[:i]]
                    removed_title.append(Removal("headline", line))
                    del lines[: i + 1]
                break
    kept: list[str] = []
    removed: list[Removal] = removed_title
    count = len(lines)
    for index, line in enumerate(lines):
        m = _DATE_LABEL.match(line)
        if m and index == 0:
            line = line[m.end():]
        new, rule = _strip_credit(line)
        if rule:
            removed.append(Removal(rule, line))
            if not new:
                continue
            line = new
        rule = _classify(line, index, count, author)
        if rule:
            removed.append(Removal(rule, line))
            continue
        kept.append(line)
    return "\n\n".join(kept), removed


def clean_text(text: str | None, *, author: str | None = None, title: str | None = None) -> str | None:
    """The text without news-site boilerplate; None if nothing is left."""
    if not text:
        return None
    cleaned, _ = remove_boilerplate(text, author=author, title=title)
    return cleaned or None
