"""Words of the other language on a page: what the language crawl looks for.

Each list holds common words of one language that do not occur in the other (so not
"in", "is", "per", English "of", which is Dutch for "or", or "met"; nor FHIR's SHALL
and SHOULD, or "access" and "health", which are in the names of IHE profiles). The
visible text is checked: scripts, styles and elements marked with another ``lang`` (the language
switch, a quotation) are left out, and so are the proper names of the catalogue and the
demo market (vendors, products, standards, organisations, coalitions)."""

import re
from html.parser import HTMLParser

DUTCH_ONLY = {
    "de", "het", "een", "van", "niet", "voor", "zijn", "wordt", "worden", "ook",
    "bij", "naar", "uit", "nog", "geen", "alleen", "deze", "dat", "wat", "hoe", "waar",
    "wie", "aantal", "totaal", "jaar", "leverancier", "leveranciers", "zoeken",
    "organisatie", "organisaties", "prijzen", "mediaan", "overdracht", "verpleegkundige",
    "gemiddelde", "inloggen", "uitloggen", "beheer", "gegevens", "bekijken", "toon",
}  # fmt: skip
ENGLISH_ONLY = {
    "the", "and", "with", "which", "this", "from", "your", "are", "for", "has", "have",
    "been", "will", "vendor", "vendors", "search", "price", "prices", "shown", "only",
    "when", "there", "more", "median", "nursing", "patient", "keep", "initial", "method",
    "editors", "hospital", "mental", "contracts", "show",
    "year", "organisation", "organisations", "not",
}  # fmt: skip
OTHER_LANGUAGE_WORDS = {"nl": ENGLISH_ONLY, "en": DUTCH_ONLY}
SKIPPED_ELEMENTS = {"script", "style", "template", "svg", "noscript", "code"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID_ELEMENTS |= {"source", "track", "wbr"}
# A word, unless it is a URL parameter ("leverancier=...").
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*(?!=)")


class _VisibleText(HTMLParser):
    """The text a reader of ``language`` sees, without elements in another language."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, skipped) of the open elements
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            attributes = dict(attrs)
            for name in ("alt", "placeholder", "title", "aria-label", "value"):
                if attributes.get(name) and attributes.get("type") != "hidden":
                    self.parts.append(attributes[name])
            return
        lang = dict(attrs).get("lang")
        other_language = lang is not None and not lang.startswith(self.language)
        skipped = tag in SKIPPED_ELEMENTS or other_language
        self.stack.append((tag, skipped or bool(self.stack and self.stack[-1][1])))
        for name in ("title", "aria-label"):
            value = dict(attrs).get(name)
            if value and not self.stack[-1][1]:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _skipped in self.stack):
            while self.stack.pop()[0] != tag:
                pass  # close what HTML closes implicitly (an open <p> or <li>)

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def visible_text(html, language):
    parser = _VisibleText(language)
    parser.feed(html)
    return " ".join(parser.parts)


def foreign_words(html, language, shown_as_written=()):
    """The other language's words on a page in ``language``, with some context each.
    ``shown_as_written`` are proper names and texts users wrote: left out, whole or as
    a fragment (a search result quotes a part)."""
    html = html.replace("<mark>", "").replace("</mark>", "")  # search highlights
    text = " ".join(visible_text(html, language).split())
    written = [" ".join(t.split()) for t in sorted(shown_as_written, key=len, reverse=True)]
    for name in written:
        text = text.replace(name, " ")
    words = list(WORD.finditer(text))
    found = []
    for i, match in enumerate(words):
        if match.group().lower() not in OTHER_LANGUAGE_WORDS[language]:
            continue
        # The word with its neighbours, as they stand in the text.
        around = text[words[max(i - 2, 0)].start() : words[min(i + 2, len(words) - 1)].end()]
        if any(around in t for t in written):
            continue
        start, end = max(match.start() - 40, 0), match.end() + 40
        found.append(f"{match.group()!r} in …{text[start:end]}…")
    return found
