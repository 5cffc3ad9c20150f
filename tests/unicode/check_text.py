#!/usr/bin/env python3
"""The round trip of the Unicode test document: what was typed is what every reader gets back.

Usage: check_text.py DIR

DIR holds: expected.txt and bookmarks.txt (copied from tests/unicode), pdftotext.txt
(pdftotext -enc UTF-8), raw.txt (pdftotext -raw), pdfjs.txt (read_text.mjs), struct.txt
(pdfinfo -struct-text), qdf.pdf (qpdf --qdf) and site/ (the HTML site of the same build).
Prints one FAIL line a problem; exit 1 if any.
"""
import html
import os
import re
import sys
import unicodedata

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def read(path):
    return open(path, encoding="utf-8").read()


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def struct_texts(struct, figures=True):
    # pdfinfo -struct-text: an element a line ("  P (block)"), indented under its parent, and
    # the text of each of its marked-content sequences a quoted line under it. A Figure's text
    # (a chart's labels, drawn one by one) is left out when `figures` is false: readers are
    # given the Figure's alternate text instead.
    out = []
    path = []   # (indent, element type) of the open elements
    for line in struct.split("\n"):
        m = re.match(r'^(\s*)"(.*)"$', line)
        if m:
            if figures or not any(kind == "Figure" for _, kind in path):
                out.append(m.group(2))
            continue
        m = re.match(r"^(\s*)(\S+)", line)
        if not m:
            continue
        indent = len(m.group(1))
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, m.group(2)))
    return out


def site_text(site):
    out = []
    for name in sorted(os.listdir(site)):
        if not name.endswith(".html"):
            continue
        t = read(os.path.join(site, name))
        t = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", t)
        t = re.sub(r"(?s)<[^>]+>", " ", t)
        out.append(html.unescape(t))
    return collapse(" ".join(out))


def cids_shown(qdf):
    # Every two-byte code in the text objects' strings (hex, as qpdf --qdf writes binary
    # strings, or literal), to check that none is 0, the .notdef glyph.
    codes = []
    for obj in re.finditer(rb"\nBT\n(.*?)\nET\n", qdf, re.S):
        for hexstr in re.finditer(rb"<([0-9A-Fa-f\s]*)>", obj.group(1)):
            digits = re.sub(rb"\s", b"", hexstr.group(1))
            codes += [int(digits[i:i + 4], 16) for i in range(0, len(digits) - 3, 4)]
    return codes


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    d = argv[1]
    expected = [l for l in read(os.path.join(d, "expected.txt")).split("\n") if l]
    for line in expected:
        if unicodedata.normalize("NFC", line) != line:
            fail(f"expected.txt is not NFC: {line!r}")
    page = read(os.path.join(d, "pdftotext.txt"))
    pdfjs_all = read(os.path.join(d, "pdfjs.txt"))
    pdfjs, _, outline = pdfjs_all.partition("\n--\n")
    struct = struct_texts(read(os.path.join(d, "struct.txt")))
    readers = {
        "pdftotext": collapse(page),
        "pdf.js": collapse(pdfjs),
        "the structure tree": collapse(" ".join(struct)),
        "the site": site_text(os.path.join(d, "site")),
    }
    for name, text in readers.items():
        for line in expected:
            if line not in text:
                fail(f"{name} lacks {line!r}")
        for bad in ("?", "\ufffd"):
            if bad in text:
                at = text.index(bad)
                fail(f"{name} has {bad!r}: ...{text[max(0, at - 40):at + 40]}...")
        if unicodedata.normalize("NFC", text) != text:
            fail(f"{name} gives text that is not NFC")

    # The bookmarks, in order, as the headings were typed (with their numbers).
    titles = [l for l in outline.split("\n") if l]
    wanted = [l for l in read(os.path.join(d, "bookmarks.txt")).split("\n") if l]
    if titles != wanted:
        fail(f"bookmarks are {titles} (expected {wanted})")

    # The structure tree's text is the page's text: each marked-content sequence's text, as
    # screen readers are given it, is on the pages in the same order of characters (the pages
    # also hold artifacts: running headers, page numbers; white space is where readers differ).
    raw = re.sub(r"\s+", "", read(os.path.join(d, "raw.txt")))
    pieces = [re.sub(r"\s+", "", t) for t in struct_texts(read(os.path.join(d, "struct.txt")), figures=False)]
    pieces = [p for p in pieces if p]
    for p in pieces:
        if p not in raw:
            fail(f"the structure tree's text {p!r} is not on the pages")
    if len(pieces) < 40:
        fail(f"the structure tree holds only {len(pieces)} pieces of text")

    # No text shows the .notdef glyph (PDF/UA-1 7.21.8): no code 0 in any string shown.
    codes = cids_shown(open(os.path.join(d, "qdf.pdf"), "rb").read())
    if len(codes) < 500:
        fail(f"only {len(codes)} glyph codes found in the content streams")
    if 0 in codes:
        fail("a string shows CID 0 (.notdef)")

    print(f"round trip: {len(expected)} strings checked in {len(readers)} readers, {len(titles)} bookmarks, "
          f"{len(codes)} glyphs shown")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
