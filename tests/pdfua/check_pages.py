#!/usr/bin/env python3
"""What a reader meets in a PDF, beyond the PDF/UA conditions (issue 23):

  - no Caption element without text (a table with no caption has no Caption);
  - a source is cited in full once per section: no two notes of one Sect read the same once their
    number and "Computed: ..." part are set aside, and a note that refers back ("Source as note N")
    names a note of its own section;
  - the running header and footer are never cut short: no "…" in them, and the header holds the
    document's title (Info /Title) whole on every page but the first;
  - every web address printed in the text is a link to that address: inside a Link annotation
    whose URI is the address (unless it is inside a link within the document: a contents entry
    naming a heading that holds an address).

Usage: check_pages.py FILE.pdf [--refers-back]   (--refers-back: the file must have such a note)
Reads the file with poppler (pdfinfo, pdftotext) and qpdf's JSON.
"""
import html
import json
import re
import subprocess
import sys

problems = []


def fail(msg):
    problems.append(msg)


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def struct_lines(pdf):
    return run("pdfinfo", "-struct-text", pdf).splitlines()


def depth(line):
    return len(line) - len(line.lstrip(" "))


def check_captions(lines):
    for i, line in enumerate(lines):
        if line.strip() != "Caption":
            continue
        body = []
        for follow in lines[i + 1:]:
            if depth(follow) <= depth(line):
                break
            body.append(follow.strip())
        text = "".join(b.strip('"') for b in body if b.startswith('"'))
        if not text.strip():
            fail(f"struct line {i + 1}: a Caption without text")


def note_texts(lines):
    """[(sect index, note number, text)] with each Note's text joined from its lines."""
    notes, sect = [], -1
    for i, line in enumerate(lines):
        if line.strip().startswith("Sect"):
            sect += 1
        m = re.match(r"^\s*Note <fn-(\d+)>", line)
        if not m:
            continue
        parts = []
        for follow in lines[i + 1:]:
            if depth(follow) <= depth(line):
                break
            s = follow.strip()
            if s.startswith('"'):
                parts.append(s[1:-1])
        notes.append((sect, int(m.group(1)), "".join(parts)))
    return notes


def check_notes(lines, refers_back):
    seen = {}
    back = 0
    sect_of = {}
    notes = note_texts(lines)
    for sect, number, text in notes:
        sect_of[number] = sect
    for sect, number, text in notes:
        body = re.sub(r"^\d+\s*", "", text)
        citation = body.split(" Computed: ")[0].strip()
        ref = re.match(r"^Source as note (\d+)\.", citation)
        if ref:
            back += 1
            if sect_of.get(int(ref.group(1))) != sect:
                fail(f"note {number} refers to note {ref.group(1)}, which is not in its section")
            continue
        key = (sect, citation)
        if key in seen:
            fail(f"notes {seen[key]} and {number} of one section cite the same source in full: {citation[:60]}...")
        seen.setdefault(key, number)
    if refers_back and back == 0:
        fail("no note refers back to an earlier one ('Source as note N')")


def crop(pdf, y, h):
    return run("pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", str(y), "-W", "600", "-H", str(h), pdf, "-")


def check_furniture(pdf, title):
    # The header sits in the top margin (its baseline 15 mm from the top, wrapped lines above),
    # the footer in the bottom one; the text block is 25 mm and 22 mm in.
    header_pages = crop(pdf, 0, 68).split("\f")
    footer_pages = crop(pdf, 842 - 60, 60).split("\f")
    words = title.split()
    for n, (head, foot) in enumerate(zip(header_pages, footer_pages), start=1):
        for where, text in (("header", head), ("footer", foot)):
            if "\u2026" in text:
                fail(f"page {n}: the running {where} is cut short: {' '.join(text.split())[:90]}")
        if n > 1 and head.strip() and " ".join(words) not in " ".join(head.split()):
            fail(f"page {n}: the running header does not hold the title whole: {' '.join(head.split())[:90]}")


URL = re.compile(r"(?:https?://|www\.)[^\s<>()]+")


def check_urls(pdf):
    j = json.loads(subprocess.run(["qpdf", "--json", pdf], check=True, capture_output=True).stdout)
    objs = j["qpdf"][1]

    def get(x):
        if isinstance(x, str) and re.match(r"^\d+ \d+ R$", x):
            o = objs.get("obj:" + x, {})
            return o.get("value", o.get("stream", {}).get("dict", {}))
        return x if isinstance(x, dict) else {}

    def text(v):
        if isinstance(v, str) and v.startswith("u:"):
            return v[2:]
        return ""

    boxes = run("pdftotext", "-bbox", pdf, "-")
    pages = re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    found = 0
    for i, (height, body) in enumerate(pages):
        page = get(j["pages"][i]["object"])
        links = []
        for a in page.get("/Annots", []):
            a = get(a)
            if a.get("/Subtype") != "/Link":
                continue
            action = get(a.get("/A"))
            links.append((a.get("/Rect"), text(action.get("/URI")) if action.get("/S") == "/URI" else None))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body):
            word = html.unescape(m.group(5))
            u = URL.search(word)
            if not u:
                continue
            found += 1
            address = u.group(0).rstrip(".,;:")
            if not address.startswith("http"):
                address = "http://" + address
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            cx, cy = (x0 + x1) / 2, float(height) - (y0 + y1) / 2
            hits = [uri for rect, uri in links if rect and rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]]
            if hits and all(h is None for h in hits):
                continue   # inside a link within the document: a contents entry naming its heading
            if address not in hits:
                fail(f"page {i + 1}: the address {word} is not a link to {address} (links there: {hits})")
    return found


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    pdf = args[0]
    title = ""
    for line in run("pdfinfo", "-enc", "UTF-8", pdf).splitlines():
        if line.startswith("Title:"):
            title = line[6:].strip()
    lines = struct_lines(pdf)
    check_captions(lines)
    check_notes(lines, "--refers-back" in args)
    check_furniture(pdf, title)
    urls = check_urls(pdf)
    for p in problems[:30]:
        print("FAIL:", p)
    print(f"{pdf}: {len(problems)} problems; {len(note_texts(lines))} notes, {urls} web addresses in the text")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
