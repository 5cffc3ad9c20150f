#!/usr/bin/env python3
"""Checks that the PDF's structure text keeps its words apart where the site does.

Usage: check_words.py STRUCT.txt SITE_DIR [--min-words N]

STRUCT.txt is the output of `pdfinfo -struct-text` (poppler): the text of each element's
marked content, which screen readers and reflow read. SITE_DIR is the HTML site written from
the same document model: its text gives the words and which words stand next to each other.
A word of the PDF's structure text that is not a word of the site but is two neighbouring
words of the site run together ("youngpeople" where the site says "young people") means a
space was lost, typically where a line wrapped. Exit 1 listing each such word. The text of
Figure elements (a chart's labels) is skipped: readers are given its alternate text instead.
"""
import html
import os
import re
import sys

# Tags whose element does not start a new word in the HTML text ("<strong>bold</strong>,").
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
# Only ASCII white space separates words: a no-break space is part of a word in both writers.
SPACE = re.compile(r"[ \t\r\n]+")
# Characters around a word that do not make it another word (quotes, brackets, punctuation).
EDGE = "\"'“”‘’()[]{}.,;:!?*"


def norm(word):
    return word.strip(EDGE)


def site_text(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(?is)<(script|style|svg|title|head)\b.*?</\1\s*>", " ", text)
    text = re.sub(r"(?s)<!--.*?-->", " ", text)

    def tag(m):
        return "" if m.group(1).lower() in INLINE else " "

    text = re.sub(r"(?s)</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>", tag, text)
    return html.unescape(text)


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    struct_path, site_dir = argv[1], argv[2]
    min_words = int(argv[argv.index("--min-words") + 1]) if "--min-words" in argv else 500

    words, pairs = set(), {}
    pages = sorted(f for f in os.listdir(site_dir) if f.endswith(".html"))
    for f in pages:
        tokens = [t for t in SPACE.split(site_text(os.path.join(site_dir, f))) if t]
        words.update(norm(t) for t in tokens)
        for a, b in zip(tokens, tokens[1:]):
            joined = norm(a + b)
            if len(norm(a)) > 0 and len(norm(b)) > 0:
                pairs.setdefault(joined, f"{a} {b}")

    struct_words = []
    figure = None   # indentation of the Figure element being skipped
    for line in open(struct_path, encoding="utf-8"):
        indent = len(line) - len(line.lstrip(" "))
        if figure is not None and indent > figure:
            continue   # a chart's labels: readers get the Figure's alternate text instead
        figure = indent if re.match(r"^\s*Figure\b", line) else None
        m = re.match(r'^\s*"(.*)"\s*$', line)
        if m:
            struct_words += [t for t in SPACE.split(m.group(1)) if t]

    joined = {}
    for t in struct_words:
        n = norm(t)
        if n and n not in words and n in pairs:
            joined.setdefault(n, pairs[n])
    for n, was in sorted(joined.items())[:20]:
        print(f"FAIL: the structure text has \"{n}\" where the site has \"{was}\"")
    if len(joined) > 20:
        print(f"FAIL: ... and {len(joined) - 20} more words run together")
    if len(struct_words) < min_words:
        print(f"FAIL: only {len(struct_words)} words of structure text (expected at least {min_words})")
        return 1
    if len(pairs) < min_words:
        print(f"FAIL: only {len(pairs)} neighbouring word pairs in {site_dir} (expected at least {min_words})")
        return 1
    print(f"{len(struct_words)} words of structure text checked against {len(pairs)} word pairs of "
          f"{len(pages)} site pages: {len(joined)} run together")
    return 1 if joined else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
