"""HTML minutes pages (ModernGov "Agenda and minutes" saved from a browser) to lines.

A saved page is mostly chrome: menus, breadcrumbs, cookie banners, search
forms. We keep the content area, render its block structure as lines (a
blank line between paragraphs, like the text exports the parser knows),
table rows as tab-separated cells, and record headings: ``<h1>``-``<h6>``,
ModernGov's ``...TitleTxt`` paragraphs, and paragraphs that are wholly bold.
Nothing the page links to is ever fetched.
"""

from __future__ import annotations

import codecs
import re
import warnings as pywarnings

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, PreformattedString, Tag

from kg.readers import FormatError
from kg.readers.normalise import Line
from kg.readers.tables import looks_like_layout, row_lines
from kg.readers.text import NotText, decode, is_binary

_DROP = {
    "script", "style", "noscript", "template", "nav", "head", "title", "meta", "link", "iframe", "svg",
    "canvas", "object", "embed", "button", "input", "select", "textarea", "option", "dialog", "menu",
    "img", "picture", "video", "audio", "map", "area", "base",
}
_BLOCK = {
    "p", "div", "section", "article", "main", "aside", "blockquote", "address", "figure", "figcaption",
    "dl", "dt", "dd", "center", "fieldset", "legend", "caption", "details", "summary", "form", "body",
    "html", "hr", "header", "footer",
}
_GAP_AFTER = {"p", "blockquote", "address", "figure", "hr", "dl"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD = {"b", "strong"}
_CHROME = re.compile(
    r"breadcrumb|skip|cookie|consent|gdpr|banner|navbar|navigation|^nav|menu|masthead|site-?header|"
    r"site-?footer|share|social|print-?link|back-?to-?top|sidebar|feedback|search|sr-only|visually-?hidden|"
    r"screen-?reader",
    re.IGNORECASE,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TITLE_CLASS = re.compile(r"title|heading", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_SKIP_LINK = re.compile(r"^\s*skip to\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_WS = re.compile(r"\s+")
MAX_DEPTH = 256  # element nesting; real pages stay under 60, the renderer recurses per level
_BR = "\x00"  # line-break marker inside the inline buffer (NUL never survives decoding)


class HTMLError(FormatError):
    """The page could not be read; the message says why."""


def decode_html(raw: bytes) -> tuple[str, list[str]]:
    """Bytes to str, trusting a ``<meta charset>`` when the bytes agree with it."""
    m = _META_CHARSET.search(raw[:4096])
    if m and not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = m.group(1).decode("ascii").lower()
        if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
            name = "cp1252"  # what browsers do
        try:
            codecs.lookup(name)
            text = raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if "\x00" in text or is_binary(text):
                raise NotText("binary data, not an HTML page")
            return text, []
    return decode(raw)


def read_html(raw: bytes) -> tuple[list[Line], list[str]]:
    """The lines of an HTML page's content area and any warnings."""
    try:
        text, warnings = decode_html(raw)
    except NotText as exc:
        raise HTMLError(str(exc)) from exc
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # an XHTML page is still a page
        soup = BeautifulSoup(text, "lxml")
    if _deeper_than(soup, MAX_DEPTH):
        # The renderer recurses per level and several look-ups cost the depth of the tree:
        # refuse at once rather than spend minutes on a page no CMS makes.
        raise HTMLError(f"HTML nested too deeply to read (over {MAX_DEPTH} levels)")
    root = _content_root(soup)
    if root is None:
        return [], warnings
    _drop_chrome(root)
    renderer = _Renderer()
    try:
        renderer.walk(root)
    except RecursionError as exc:
        raise HTMLError("HTML nested too deeply to read") from exc
    renderer.flush()
    site = _site_name(soup)
    if site and not any(site.casefold() in ln.text.casefold() for ln in renderer.lines[:12]):
        return [Line(site), Line(""), *renderer.lines], warnings  # the council whose page it is, as a letterhead
    return renderer.lines, warnings


# "Place Scrutiny Committee – 10 October 2023 – minutes | Thornleigh Borough Council" (ModernGov), or
# "Glenmorar Council - Meeting Details - Housing Committee - Tuesday, 10th September, 2024" (CMIS): the site's name
_SITE_NAME = re.compile(r"(?:[A-Z][\w'’&-]*\s+){1,5}(?:Council|Authority|Partnership|Trust|Board|Police|Commissioner)")
_TITLE_PARTS = re.compile(r"\s[|–—-]\s")


def _site_name(soup: BeautifulSoup) -> str | None:
    """The organisation a page's ``<title>`` names after its last separator or before its first, if any.

    Council sites keep their name in the page title and the logo, both outside
    the content area that is read; the minutes themselves name only the committee.
    """
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    parts = _TITLE_PARTS.split(title) if title else []
    for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
        if _SITE_NAME.fullmatch(part.strip()):
            return part.strip()
    return None


def _deeper_than(soup: BeautifulSoup, limit: int) -> bool:
    """Whether any element sits more than ``limit`` levels deep (an iterative walk: no recursion)."""
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return False


def _content_root(soup: BeautifulSoup) -> Tag | None:
    """The element holding the minutes: ModernGov's ``#modgov``, else ``<main>``, else the body.

    An area counts when it holds a fifth of the page's text at least. The
    areas are found in one walk over the elements and the text measured
    without joining it: ``select_one`` and ``get_text`` for each made choosing
    the area cost as much as parsing the page.
    """
    body = soup.body or soup
    found: dict[int, Tag] = {}
    for el in body.descendants:
        if not isinstance(el, Tag):
            continue
        attrs = el.attrs
        rank = _AREA_IDS.get(attrs.get("id")) if "id" in attrs else None
        if rank is None:
            rank = _AREA_NAMES.get(el.name) if attrs.get("role") != "main" else 2
        if rank is not None and rank not in found:
            found[rank] = el
    body_len = (_text_len(body) or 1) if found else 1
    for rank in sorted(found):
        if _text_len(found[rank]) >= 0.2 * body_len:
            return found[rank]
    return body if isinstance(body, Tag) else None


# The content areas, in order of preference: ModernGov's #modgov, <main>, role=main, #content, #main-content, <article>
_AREA_IDS = {"modgov": 0, "content": 3, "main-content": 4}
_AREA_NAMES = {"main": 1, "article": 5}


def _text_len(el: Tag) -> int:
    """``len(el.get_text(" ", strip=True))``, less the joining spaces' exact count: near enough for a ratio."""
    return sum(len(t.strip()) + 1 for t in el.strings)


def _is_chrome(el: Tag) -> bool:
    if el.name in _DROP:
        return True
    attrs = el.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(str(attrs.get("style", ""))):
        return True
    if attrs.get("role") in _CHROME_ROLES:
        return True
    if el.name in ("header", "footer") and el.find_parent(("article", "main", "section")) is None:
        return True
    names = [*attrs.get("class", []), str(attrs.get("id", ""))]
    if any(n and _CHROME.search(n) for n in names):
        return True
    return el.name == "a" and bool(_SKIP_LINK.match(el.get_text()))


def _drop_chrome(root: Tag) -> None:
    for el in [e for e in root.find_all(True) if _is_chrome(e)]:
        if not getattr(el, "decomposed", False):
            el.decompose()


class _Renderer:
    """Walks the DOM, turning blocks into lines and inline runs into text."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buf: list[tuple[str, bool]] = []  # (text, bold)

    def flush(self, heading: bool = False) -> None:
        """Close the current block: its inline text becomes one line per ``<br>``."""
        if not self.buf:
            return
        text_parts: list[str] = []
        line_bold: list[bool] = []
        all_bold = True
        for text, bold in self.buf:
            chunks = text.replace("\n", " ").split(_BR)  # a source newline is white space, not a line
            for k, chunk in enumerate(chunks):
                if k:
                    line_bold.append(all_bold)
                    all_bold = True
                    text_parts.append("\n")
                if chunk.strip() and not bold:
                    all_bold = False
                text_parts.append(chunk)
        line_bold.append(all_bold)
        self.buf = []
        for line, bold in zip("".join(text_parts).split("\n"), line_bold):
            line = _WS.sub(" ", line).strip()
            if line:
                self.lines.append(Line(line, heading or bold))

    def gap(self) -> None:
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(""))

    def walk(self, node: Tag, bold: bool = False) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    self.buf.append((str(child), bold))
                continue
            if not isinstance(child, Tag):
                continue
            self.element(child, bold)

    def element(self, el: Tag, bold: bool) -> None:
        name = el.name
        if name == "br":
            self.buf.append((_BR, bold))
        elif name in _HEADINGS:
            self.flush()
            self.walk(el, bold)
            self.flush(heading=True)
            self.gap()
        elif name == "table":
            self.flush()
            self.lines.extend(_table_lines(el))
            self.gap()
        elif name in ("ul", "ol"):
            self.flush()
            self._list(el, bold)
            self.gap()
        elif name == "li":  # a stray item outside a list
            self.flush()
            self.buf.append(("- ", bold))
            self.walk(el, bold)
            self.flush()
        elif name == "pre":
            self.flush()
            self.lines.extend(Line(t) for t in el.get_text().split("\n"))
            self.gap()
        elif name in _BLOCK or name in ("tr", "td", "th", "tbody", "thead", "tfoot"):
            self.flush()
            is_bold = bold or _BOLD_STYLE.search(str(el.get("style", ""))) is not None
            self.walk(el, is_bold)
            titled = name in ("p", "div") and any(_TITLE_CLASS.search(c) for c in el.get("class", []))
            self.flush(heading=titled)
            if name in _GAP_AFTER or titled:
                self.gap()
        else:
            is_bold = bold or name in _BOLD or _BOLD_STYLE.search(str(el.get("style", ""))) is not None
            self.walk(el, is_bold)

    def _list(self, el: Tag, bold: bool) -> None:
        ordered = el.name == "ol"
        kind = str(el.get("type", "1"))
        try:
            n = int(str(el.get("start", "1")))
        except ValueError:
            n = 1
        for li in el.find_all("li", recursive=False):
            self.flush()
            self.buf.append((_marker(ordered, kind, n) + " ", bold))
            self.walk(li, bold)
            self.flush()
            n += 1


def _marker(ordered: bool, kind: str, n: int) -> str:
    if not ordered:
        return "-"
    if kind in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return f"{letter.upper() if kind == 'A' else letter})"
    return f"{n})"  # "1)" as in "RESOLVED to: 1) ... 2) ...", not to be mistaken for item "1."


def _table_lines(table: Tag) -> list[Line]:
    """The rows of a table (not of tables nested in it), through ``kg.readers.tables``."""
    out: list[Line] = []
    spanning: dict[int, tuple[list[Line], int]] = {}  # column -> (a cell spanning rows below, rows left)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells: list[list[Line]] = []
        layout = False
        for cell in tr.find_all(("td", "th"), recursive=False):
            while len(cells) in spanning:  # "Organisation" printed once for the several people of a body
                cells.append(_carried(spanning, len(cells)))
            r = _Renderer()
            r.walk(cell)
            r.flush()
            lines = r.lines
            rows = _span(cell.get("rowspan"))
            if rows > 1:
                spanning[len(cells)] = (lines, rows - 1)
            cells.append(lines)
            layout = layout or looks_like_layout(lines) or cell.find(("table", *_HEADINGS)) is not None \
                or cell.find(class_=_TITLE_CLASS) is not None
        while len(cells) in spanning:
            cells.append(_carried(spanning, len(cells)))
        out.extend(row_lines(cells, layout))
    return out


def _span(value: object) -> int:
    """A ``rowspan`` as a number of rows (1 when absent or not a number; at most 50)."""
    try:
        return max(1, min(50, int(str(value).strip()))) if value else 1
    except ValueError:
        return 1


def _carried(spanning: dict[int, tuple[list[Line], int]], col: int) -> list[Line]:
    """The lines of the cell spanning into column ``col`` of this row, one row fewer left to span."""
    lines, left = spanning[col]
    if left <= 1:
        del spanning[col]
    else:
        spanning[col] = (lines, left - 1)
    return lines
