"""The site's phrase index: character bigrams, sharded into small scripts the browser loads on demand.

A reader types a phrase and expects every sample that holds it, the way Ctrl-F would; Chinese has no
spaces, so the index does not segment words at all. Text and query are normalized the same way
(``normalize``: NFKC, then lower case) and cut into overlapping pairs of characters (bigrams). The
browser (docs/javascripts/kb-search.js) intersects the postings of a query's bigrams, rarest first,
and then checks the literal phrase in the candidates' text, so any run of two or more characters is
found wherever it occurs, at any word boundary.

Files, under ``search/kb/`` in the site; each is a script calling ``kbSearchPart(name, data)`` so that
it loads by ``<script>`` from file:// as well as over HTTP, and under a ``script-src 'self'`` policy:

- ``manifest``: ``{"version", "shards", "samples", "results_page", "types", "pages", "titles", "heavy"}``;
  ``pages[id] = [type, year]`` (type: index into ``types``, -1 for a page that is not a sample, whose
  year is 0); ``titles[id]``: the page's title, so that the browser knows which candidates hold a
  phrase in their title before it loads their text. Page ids number the samples first
  (``id < samples``), then the other pages.
  ``heavy``: ``{bigram: length}``, the body bigrams whose encoded postings are longer than
  ``SHARD_TARGET_BYTES`` characters (``heavy_keys``). A phrase needs only some of its bigrams' postings
  to find its candidates, since the text check follows; the browser leaves heavy bigrams out when
  the phrase has others (see kb-search.js, ``chosenPairs``), which saves most of the bytes and
  requests of a query of common words in a large library. A small library has no heavy bigram.
- ``b/<n>``: postings of the bigrams whose ``shard(bigram) == n``: ``{key: encoded}``, keys in code
  point order. A key is a bigram (body text, title included) or ``"h" + bigram`` (a section
  heading). ``encoded`` is the sorted page ids, each with the bigram's
  count and where it occurs, ``(id - previous id, count, places)`` triples as ``encode_numbers``
  writes them. ``places``: for a count of at most 3 (most postings), its positions modulo 1024
  in ascending order, 10 bits each (``p1 + p2 * 1024 + p3 * 1024 ** 2``); for a larger count, a
  32-bit mask of its positions modulo 32. They let the browser drop most pages that hold a
  phrase's bigrams but not next to each other before it loads any text: a phrase at position p
  puts its i-th bigram at ``p + i``, so the places must line up (modulo 1024 where both counts are
  at most 3, else modulo 32: bit ``(p + i) % 32`` of the mask).
- ``t/<id>``: the page: ``[url, title, sections]``, its sections ``[[anchor, heading, text], ...]``
  in original text (the first section, before any heading, has anchor "" and the page title as
  heading). The browser verifies a candidate and shows a result from this one file. A section may carry
  a 4th element, ``[anchor, "", text, source_url]``: a snippet card (an element with
  ``data-kb-source``) quoting the sample at ``source_url``; the browser lists a card page whose
  matching sections all quote samples among the results under those samples, not on its own.

This module is the format: what a page contributes (``page_record``, ``page_keys``), how numbers and
postings are encoded, and how files are read back. ``index_writer.write_index`` writes the files,
rewriting only what a build changed (see there).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, cycle
from operator import sub
from pathlib import Path

import lxml.html

INDEX_DIR = Path("search") / "kb"
VERSION = 3
PLACED = 3  # postings with at most this many occurrences hold their places (positions modulo PLACES)
PLACE_BITS = 10
PLACES = 1 << PLACE_BITS
SHARD_TARGET_BYTES = 24_000  # the size a b/<n> file aims at
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"
DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WHITESPACE = re.compile(r"\s")  # what str.isspace() holds true
BLOCKS = HEADINGS | {"p", "li", "div", "tr", "td", "th", "br", "pre", "blockquote", "dt", "dd", "table", "ul", "ol"}


class IndexFormatError(Exception):
    """A file of the index is not what ``write_index`` writes."""


def normalize(text: str) -> str:
    """What both sides compare: NFKC (full-width letters, digits and punctuation become plain)
    in lower case. The browser does the same (``String.prototype.normalize``)."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(normalized: str) -> dict[str, str]:
    """Each pair of adjacent characters, in order of first occurrence, with where it occurs as the
    postings hold it (``encode_tail``): its count and, if it occurs at most PLACED times, its
    positions modulo PLACES, else the mask of its positions modulo 32. Pairs with whitespace are
    left out (a query's terms never hold whitespace).

    Indexing a page is mostly this, so it works in C (``dict``, ``zip``, ``Counter``) wherever it
    can, and in Python only for the pairs that recur: a pair that occurs once (three in four) is
    valued by its last position's place, which ``dict(zip(pairs, cycle(_ONCE)))`` gives every pair;
    a pair that occurs two or three times takes its first place from ``first`` and its middle one
    from ``find``; the masks are taken a residue at a time for the pairs that need one. It gives
    what counting position by position gives (the tests compare the two)."""
    pairs = list(map(str.__add__, normalized, normalized[1:]))
    found = dict(zip(pairs, cycle(_ONCE)))  # in order of first occurrence, valued by the last place
    counts = Counter(pairs)
    for space in _WHITESPACE.finditer(normalized):
        for at in (space.start() - 1, space.start()):
            if 0 <= at < len(pairs):
                found.pop(pairs[at], None)
    recurring = [pair for pair, count in counts.items() if count > 1 and pair in found]
    if not recurring:
        return found
    first = dict(zip(reversed(pairs), range(len(pairs) - 1, -1, -1)))
    many = {pair for pair in recurring if counts[pair] > PLACED}
    masks = dict.fromkeys(many, 0)
    for residue in range(32):  # a loop per pair and residue, not per position
        for pair in many.intersection(pairs[residue::32]):
            masks[pair] |= 1 << residue
    for pair in recurring:
        count = counts[pair]
        if count > PLACED:
            found[pair] = encode_number(count) + encode_number(masks[pair])
            continue
        at = first[pair]  # two or three places, sorted: the upper ones' digits, then the lowest's
        places = [at & (PLACES - 1), _ONCE_PLACE[found[pair]]]
        if count == 3:
            places.append(normalized.find(pair, at + 1) & (PLACES - 1))
        places.sort()
        found[pair] = _ENDS[count] + (_upper_digits(places) + _LOWEST[places[0]] if places[-1] else "0")
    return found


def page_keys(title: str, sections: list[list[str]]) -> list[tuple[str, dict[str, str]]]:
    """What a page puts in the postings: ``(prefix, bigrams)`` of its body text (prefix "") and its
    section headings ("h")."""
    headings = "\n".join(heading for anchor, heading, *_ in sections if anchor)
    return [("", bigrams(normalize(page_text(title, sections)))), ("h", bigrams(normalize(headings)))]


def heavy_keys(postings: dict[str, str]) -> dict[str, int]:
    """The body bigrams whose encoded postings alone are larger than a whole b/ file should be, with
    their length, in code point order: the manifest lists them so that the browser can leave them
    out of a phrase that has cheaper bigrams (see the module's docstring)."""
    return dict(sorted((key, len(encoded)) for key, encoded in postings.items()
                       if len(key) == 2 and len(encoded) > SHARD_TARGET_BYTES))


def shard(key: str, shards: int) -> int:
    """FNV-1a over the code points of a bigram (without its "h" prefix), modulo ``shards``."""
    return _fnv(key[-2:]) % shards


@lru_cache(maxsize=1 << 18)
def _fnv(pair: str) -> int:
    h = 2166136261
    for char in pair:
        h = ((h ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return h


def encode_numbers(numbers: Iterable[int]) -> str:
    """Non-negative integers, 5 bits per character: ``DIGITS[0:32]`` ends a number, ``DIGITS[32:]``
    carries 5 more (lower) bits."""
    return "".join(map(encode_number, numbers))


@lru_cache(maxsize=1 << 16)  # gaps, counts and one-bit masks repeat: most numbers come from here
def encode_number(number: int) -> str:
    chunks = [number & 31]
    number >>= 5
    while number:
        chunks.append(number & 31)
        number >>= 5
    return "".join(DIGITS[32 + c] for c in reversed(chunks[1:])) + DIGITS[chunks[0]]


def decode_numbers(encoded: str) -> list[int]:
    numbers, value = [], 0
    for char in encoded:
        digit = DIGIT_VALUE[char]
        if digit >= 32:
            value = (value << 5) | (digit - 32)
        else:
            numbers.append((value << 5) | digit)
            value = 0
    return numbers


def encode_tail(count: int, mask: int, places: tuple[int, ...] = ()) -> str:
    """A posting's count and where it occurs, as the postings hold them: its places (positions
    modulo PLACES) if it occurs at most PLACED times, else its mask."""
    if count > PLACED:
        return encode_number(count) + encode_number(mask)
    if len(places) != count or not all(0 <= place < PLACES for place in places):
        raise ValueError(f"{count} occurrences need {count} places in 0..{PLACES - 1}: {places}")
    return encode_number(count) + encode_number(sum(place << (PLACE_BITS * k) for k, place in enumerate(sorted(places))))


# Tables for ``bigrams``. A place is 10 bits, two digits of 5 (``encode_number``), so the digits of
# places p1 <= p2 <= p3 are those of p3 (no leading zero), then of p2 and p1 (two each, p1's last
# ending the number).
_ONCE = [encode_tail(1, 0, (place,)) for place in range(PLACES)]  # a pair that occurs once, by its place
_ONCE_PLACE = {encoded: place for place, encoded in enumerate(_ONCE)}
_ENDS = [encode_number(count) for count in range(PLACED + 1)]
_LOWEST = [DIGITS[32 + (place >> 5)] + DIGITS[place & 31] for place in range(PLACES)]
_MIDDLE = [DIGITS[32 + (place >> 5)] + DIGITS[32 + (place & 31)] for place in range(PLACES)]
_TOP = [_MIDDLE[place][place < 32:] for place in range(PLACES)]


def _upper_digits(places: list[int]) -> str:
    """The digits of the places above the lowest, the highest first without leading zero (it is not 0)."""
    return _TOP[places[-1]] + (_MIDDLE[places[1]] if len(places) == 3 else "")


def encode_postings(postings: Iterable[tuple[int, int, int, tuple[int, ...]]]) -> str:
    """Sorted (page id, count, mask, places) postings as id gaps, counts and places or masks."""
    found = list(postings)
    return encode_tails([page_id for page_id, *_ in found], [encode_tail(*where) for _, *where in found])


def encode_tails(ids: list[int], tails: Iterable[str], previous: int = 0) -> str:
    """Postings from sorted page ids and, for each, its count and mask already encoded (the writer
    keeps those per page, so this is all it does per posting); ``previous``: the id before the
    first (postings encoded in parts)."""
    return "".join(map(str.__add__, map(encode_number, map(sub, ids, chain((previous,), ids))), tails))


def decode_postings(encoded: str) -> list[tuple[int, int, int, tuple[int, ...]]]:
    """(page id, count, mask, places) postings; the mask of a posting with places is made from them."""
    numbers, postings, page_id = decode_numbers(encoded), [], 0
    for gap, count, where in zip(numbers[::3], numbers[1::3], numbers[2::3]):
        page_id += gap
        if count > PLACED:
            postings.append((page_id, count, where, ()))
        else:
            places = tuple((where >> (PLACE_BITS * k)) & (PLACES - 1) for k in range(count))
            postings.append((page_id, count, sum({1 << place % 32 for place in places}), places))
    return postings


def sections(html: str, title: str) -> list[list[str]]:
    """The page's text, section by section: ``[anchor, heading, text]``, split at headings that have
    an id. Blocks marked ``data-search-exclude`` and the headings' permalinks are left out. A block
    with ``data-kb-source`` (a snippet card quoting a sample) is a section of its own,
    ``[its id, "", text, the sample's URL]``; the text after it resumes the section it interrupted."""
    found = [["", title, []]]
    if not html.strip():
        return [["", title, ""]]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    resumed = set()  # ids of the sections that resume the text after a card

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in HEADINGS and element.get("id"):
            heading = "".join(_text(element)).strip()
            found.append([element.get("id"), heading, []])
            return
        if element.get("data-search-exclude") is not None or "headerlink" in (element.get("class") or ""):
            return
        if element.get("data-kb-source") is not None:
            interrupted = found[-1]
            found.append([element.get("id") or "", "", [], element.get("data-kb-source")])
            inside(element, tag)
            found.append(interrupted[:2] + [[]])
            resumed.add(id(found[-1]))
            return
        inside(element, tag)

    def inside(element, tag: str) -> None:
        if tag in BLOCKS:
            found[-1][2].append("\n")
        if element.text and tag:
            found[-1][2].append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                found[-1][2].append(child.tail)

    walk(root)
    result = []
    for section in found:
        anchor, heading, parts, *source = section
        text = _tidy("".join(parts))
        if (anchor == "" or heading or text) and (text or id(section) not in resumed):
            result.append([anchor, heading, text, *source])
    return result


def _text(element) -> list[str]:
    """The text of a heading without its permalink."""
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or ""):
            parts += _text(child)
        parts.append(child.tail or "")
    return parts


def _tidy(text: str) -> str:
    """Runs of spaces within a line become one space; blank lines go."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def page_record(url: str, title: str, html: str, meeting_type: str = "", year: int = 0) -> str:
    """One page's record, serialized: what the index needs of it. ``meeting_type`` is the sample's
    type key ("" for other pages)."""
    record = {"url": url, "title": title, "type": meeting_type, "year": year, "sections": sections(html, title)}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def page_text(title: str, sections: list[list[str]]) -> str:
    """What the body postings index: the title, then each section's heading (but the first's, which
    is the title) and text, one per line."""
    return "\n".join([title, *(f"{heading}\n{text}" if anchor else text for anchor, heading, text, *_ in sections)])


def script(name: str, data) -> str:
    """The text of index file ``name``: a call of ``kbSearchPart`` with its data."""
    return f"kbSearchPart({json.dumps(name)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def read_part(site_dir: Path, name: str):
    """The data of one index file, as the browser gets it (for tests and tools)."""
    text = (site_dir / INDEX_DIR / f"{name}.js").read_text(encoding="utf-8")
    prefix = f"kbSearchPart({json.dumps(name)},"
    if not (text.startswith(prefix) and text.endswith(");\n")):
        raise IndexFormatError(f"{name}.js 不是搜索索引文件")
    return json.loads(text[len(prefix):-3])


def postings_of(site_dir: Path, key: str) -> list[tuple[int, int, int, tuple[int, ...]]]:
    """The postings of one key (a bigram, or "h" and a bigram), read back from the index."""
    shards = read_part(site_dir, "manifest")["shards"]
    encoded = read_part(site_dir, f"b/{shard(key, shards)}").get(key)
    return decode_postings(encoded) if encoded else []


def read_page(site_dir: Path, page_id: int) -> tuple[str, str, list[list[str]]]:
    """The URL, title and sections of an indexed page."""
    url, title, sections = read_part(site_dir, f"t/{page_id}")
    return url, title, sections


def read_pages(site_dir: Path) -> list[list[str]]:
    """``[url, title]`` of every indexed page, by page id."""
    count = len(read_part(site_dir, "manifest")["pages"])
    return [list(read_page(site_dir, page_id)[:2]) for page_id in range(count)]
