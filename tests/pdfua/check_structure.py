#!/usr/bin/env python3
"""Checks a PDF's tagged structure (PDF/UA-1 style), reading the file through qpdf's JSON.

Usage: check_structure.py FILE.pdf [--expect-text TEXT ...]

Walks every page's content stream and the structure tree, and fails (exit 1, one line per
problem) unless:
  - every text-showing operator (Tj TJ ' ") and every painting operator is inside marked
    content with an MCID, or inside an /Artifact; marked content is balanced and MCIDs do not nest;
  - every MCID resolves through the ParentTree (page /StructParents) to a structure element
    whose /K holds it for that page (integer with the element's /Pg, or an MCR with /Pg),
    and the BDC tag is that element's type; every MCID the tree names exists on its page;
  - headings never skip a level (the first is H1); every Figure has a non-empty /Alt;
    TH cells carry /Scope; tables are regular (same column count in every row);
    L > LI > Lbl/LBody; TOC > TOCI; Note has an /ID found in the IDTree;
  - every link annotation has /StructParent, resolves to a Link element holding an OBJR to
    it, and has /Contents; pages with annotations have /Tabs /S;
  - the catalog has /MarkInfo /Marked true, /Lang, /ViewerPreferences /DisplayDocTitle true,
    and an uncompressed XMP /Metadata stream with dc:title, dc:language, and pdfuaid:part 1 if
    it has pdfuaid:part at all.
"""
import base64
import html
import json
import re
import subprocess
import sys

problems = []


def fail(msg):
    problems.append(msg)


REF = re.compile(r"^(\d+) (\d+) R$")


class Pdf:
    def __init__(self, path):
        out = subprocess.run(
            ["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path],
            check=True, capture_output=True).stdout
        self.objs = json.loads(out)["qpdf"][1]

    def obj(self, x):
        """Resolves a reference; streams come back as {'dict':..., 'data':...}."""
        if isinstance(x, str) and REF.match(x):
            o = self.objs.get("obj:" + x)
            if o is None:
                return None
            return o["stream"] if "stream" in o else o["value"]
        return x

    def d(self, x):
        o = self.obj(x)
        if isinstance(o, dict) and "dict" in o and "data" in o:
            return o["dict"]
        return o if isinstance(o, dict) else {}

    def stream_data(self, x):
        o = self.obj(x)
        return base64.b64decode(o["data"]) if o and "data" in o else b""


def text(v):
    """A PDF string from qpdf JSON ("u:..." Unicode or "b:..." hex bytes)."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    return None


# ---- content streams -----------------------------------------------------------------------

DELIMS = b"()<>[]{}/%"
WS = b" \t\r\n\f\x00"


def tokens(data):
    """Yields (kind, value): 'op', 'name', 'num', 'str', 'dict' (a parsed <<...>>), '[' and ']'."""
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in WS:
            i += 1
        elif c == ord("%"):
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == ord("("):
            depth, j, buf = 1, i + 1, bytearray()
            while j < n and depth:
                ch = data[j]
                if ch == ord("\\"):
                    buf += data[j:j + 2]
                    j += 2
                    continue
                if ch == ord("("):
                    depth += 1
                elif ch == ord(")"):
                    depth -= 1
                    if depth == 0:
                        break
                buf.append(ch)
                j += 1
            yield "str", bytes(buf)
            i = j + 1
        elif data[i:i + 2] == b"<<":
            # An inline dictionary (marked-content properties): parse it to a Python dict.
            j, depth = i, 0
            while j < n:
                if data[j:j + 2] == b"<<":
                    depth += 1
                    j += 2
                elif data[j:j + 2] == b">>":
                    depth -= 1
                    j += 2
                    if depth == 0:
                        break
                else:
                    j += 1
            yield "dict", parse_inline_dict(data[i + 2:j - 2])
            i = j
        elif c == ord("<"):
            j = data.index(b">", i)
            yield "str", bytes.fromhex(data[i + 1:j].decode().replace(" ", "") or "")
            i = j + 1
        elif c in b"[]":
            yield chr(c), None
            i += 1
        elif c == ord("/"):
            j = i + 1
            while j < n and data[j] not in WS and data[j] not in DELIMS:
                j += 1
            yield "name", data[i + 1:j].decode("latin-1")
            i = j
        else:
            j = i
            while j < n and data[j] not in WS and data[j] not in DELIMS:
                j += 1
            word = data[i:j].decode("latin-1")
            i = j if j > i else i + 1
            if re.match(r"^[+-]?(\d+\.?\d*|\.\d+)$", word):
                yield "num", float(word)
            elif word == "BI":
                end = data.find(b"EI", i)
                i = n if end < 0 else end + 2
            else:
                yield "op", word


def parse_inline_dict(body):
    d, key, toks = {}, None, list(tokens(body))
    for kind, val in toks:
        if key is None and kind == "name":
            key = val
        elif key is not None:
            d[key] = val
            key = None
    return d


TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do"}


def walk_content(data, page_no):
    """Returns {mcid: tag} for the page and checks every text/painting op is tagged."""
    stack, operands, mcids, counts = [], [], {}, {"text": 0, "paint": 0}
    for kind, val in tokens(data):
        if kind != "op":
            operands.append((kind, val))
            continue
        op = val
        if op in ("BDC", "BMC"):
            tag = next((v for k, v in operands if k == "name"), None)
            props = next((v for k, v in operands if k == "dict"), {}) if op == "BDC" else {}
            mcid = props.get("MCID")
            if mcid is not None:
                mcid = int(mcid)
                if any(m is not None for _, m in stack):
                    fail(f"page {page_no}: MCID {mcid} nested inside another MCID'd sequence")
                if mcid in mcids:
                    fail(f"page {page_no}: MCID {mcid} used twice")
                mcids[mcid] = tag
            if tag == "Artifact" and any(m is not None for _, m in stack):
                fail(f"page {page_no}: artifact inside tagged content")
            stack.append((tag, mcid))
        elif op == "EMC":
            if not stack:
                fail(f"page {page_no}: EMC without BDC")
            else:
                stack.pop()
        elif op in TEXT_OPS or op in PAINT_OPS:
            tagged = any(m is not None or t == "Artifact" for t, m in stack)
            counts["text" if op in TEXT_OPS else "paint"] += 1
            if not tagged:
                shown = ""
                if op in TEXT_OPS:
                    shown = " " + repr(b"".join(v for k, v in operands if k == "str")[:40])
                fail(f"page {page_no}: '{op}'{shown} outside marked content and not an artifact")
        operands = []
    if stack:
        fail(f"page {page_no}: {len(stack)} marked-content sequence(s) left open")
    return mcids, counts


# ---- number and name trees -----------------------------------------------------------------

def number_tree(pdf, node, out):
    node = pdf.d(node)
    nums = node.get("/Nums", [])
    for i in range(0, len(nums) - 1, 2):
        out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(pdf, kid, out)
    return out


def name_tree(pdf, node, out):
    node = pdf.d(node)
    names = node.get("/Names", [])
    for i in range(0, len(names) - 1, 2):
        out[text(names[i])] = names[i + 1]
    for kid in node.get("/Kids", []):
        name_tree(pdf, kid, out)
    return out


def as_list(v):
    return v if isinstance(v, list) else ([] if v is None else [v])


def attributes(pdf, elem):
    out = {}
    for a in as_list(elem.get("/A")):
        a = pdf.d(a)
        if isinstance(a, dict):
            out.update(a)
    return out


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    path = args[0]
    expect = []
    if "--expect-text" in args:
        expect = args[args.index("--expect-text") + 1:]
    pdf = Pdf(path)
    trailer = pdf.objs.get("trailer", {}).get("value", {})
    cat = pdf.d(trailer.get("/Root"))
    info = pdf.d(trailer.get("/Info"))

    # ---- catalog and metadata
    if pdf.d(cat.get("/MarkInfo")).get("/Marked") is not True:
        fail("catalog: /MarkInfo << /Marked true >> missing")
    lang = text(cat.get("/Lang"))
    if not lang:
        fail("catalog: /Lang missing")
    if pdf.d(cat.get("/ViewerPreferences")).get("/DisplayDocTitle") is not True:
        fail("catalog: /ViewerPreferences << /DisplayDocTitle true >> missing")
    title = text(info.get("/Title"))
    if not title:
        fail("Info: /Title missing")
    meta_ref = cat.get("/Metadata")
    meta = pdf.obj(meta_ref) if meta_ref else None
    if not meta or "dict" not in meta:
        fail("catalog: /Metadata stream missing")
    else:
        md = meta["dict"]
        if md.get("/Type") != "/Metadata" or md.get("/Subtype") != "/XML":
            fail("metadata: not /Type /Metadata /Subtype /XML")
        if "/Filter" in md:
            fail("metadata: stream is compressed")
        xmp = base64.b64decode(meta["data"]).decode("utf-8", "replace")
        # The build claims PDF/UA-1 only for a file its own check passes (docs/pdf-check.md),
        # so the identification may be absent; when present it must say part 1.
        part = re.search(r"<pdfuaid:part>\s*([^<]*?)\s*</pdfuaid:part>", xmp)
        if part and part.group(1) != "1":
            fail(f"metadata: pdfuaid:part is {part.group(1)!r}, not 1")
        # XML may escape any of & < > ' " (as &amp; or as a character reference): compare unescaped.
        if title and title not in html.unescape(xmp):
            fail("metadata: dc:title does not match the Info title")
        if "<dc:title>" not in xmp:
            fail("metadata: dc:title missing")
        if lang and f"<rdf:li>{lang}</rdf:li>" not in xmp:
            fail("metadata: dc:language does not match /Lang")

    # ---- pages
    pages = []

    def collect(node):
        n = pdf.d(node)
        if n.get("/Type") == "/Pages":
            for k in n.get("/Kids", []):
                collect(k)
        else:
            pages.append(node)
    collect(cat.get("/Pages"))
    page_index = {ref: i for i, ref in enumerate(pages)}

    root = pdf.d(cat.get("/StructTreeRoot"))
    if root.get("/Type") != "/StructTreeRoot":
        fail("catalog: /StructTreeRoot missing")
        report(path)
        return 1
    parent_tree = number_tree(pdf, root.get("/ParentTree"), {})

    page_mcids = []
    totals = {"text": 0, "paint": 0, "mcids": 0}
    for i, ref in enumerate(pages):
        p = pdf.d(ref)
        data = b"".join(pdf.stream_data(c) for c in as_list(p.get("/Contents")))
        mcids, counts = walk_content(data, i + 1)
        page_mcids.append(mcids)
        totals["text"] += counts["text"]
        totals["paint"] += counts["paint"]
        totals["mcids"] += len(mcids)
        if mcids:
            if "/StructParents" not in p:
                fail(f"page {i + 1}: has marked content but no /StructParents")
                continue
            owners = pdf.obj(parent_tree.get(int(p["/StructParents"])))
            if not isinstance(owners, list):
                fail(f"page {i + 1}: /StructParents {p['/StructParents']} not in the ParentTree")
                continue
            for mcid, tag in sorted(mcids.items()):
                if mcid >= len(owners) or not isinstance(owners[mcid], str):
                    fail(f"page {i + 1}: MCID {mcid} has no element in the ParentTree")
                    continue
                elem = pdf.d(owners[mcid])
                if ("/" + tag) != elem.get("/S"):
                    fail(f"page {i + 1}: MCID {mcid} tagged /{tag} but its element is {elem.get('/S')}")
                found = False
                for k in as_list(elem.get("/K")):
                    if isinstance(k, (int, float)) and int(k) == mcid and elem.get("/Pg") == ref:
                        found = True
                    kd = pdf.d(k) if isinstance(k, str) else (k if isinstance(k, dict) else {})
                    if kd.get("/Type") == "/MCR" and kd.get("/MCID") == mcid and kd.get("/Pg", elem.get("/Pg")) == ref:
                        found = True
                if not found:
                    fail(f"page {i + 1}: MCID {mcid}'s element {elem.get('/S')} does not hold it in /K for this page")
        # Annotations
        annots = as_list(p.get("/Annots"))
        if annots and p.get("/Tabs") != "/S":
            fail(f"page {i + 1}: has annotations but no /Tabs /S")
        for a_ref in annots:
            a = pdf.d(a_ref)
            if a.get("/Subtype") != "/Link":
                continue
            if "/StructParent" not in a:
                fail(f"page {i + 1}: link annotation {a_ref} has no /StructParent")
                continue
            if not text(a.get("/Contents")):
                fail(f"page {i + 1}: link annotation {a_ref} has no /Contents")
            elem_ref = parent_tree.get(int(a["/StructParent"]))
            elem = pdf.d(elem_ref)
            if elem.get("/S") != "/Link":
                fail(f"page {i + 1}: annotation {a_ref} resolves to {elem.get('/S')}, not a Link")
                continue
            objrs = [pdf.d(k) if isinstance(k, str) else k for k in as_list(elem.get("/K"))]
            if not any(isinstance(o, dict) and o.get("/Type") == "/OBJR" and o.get("/Obj") == a_ref for o in objrs):
                fail(f"page {i + 1}: Link element for {a_ref} has no OBJR to it")

    # ---- the tree, in reading order
    ids = name_tree(pdf, root.get("/IDTree"), {}) if root.get("/IDTree") else {}
    headings, elems = [], []
    seen_mcids = set()
    counts = {}

    def visit(ref, parent_ref, depth):
        e = pdf.d(ref)
        s = e.get("/S", "?")[1:]
        counts[s] = counts.get(s, 0) + 1
        elems.append((s, ref, e))
        if depth > 0 and e.get("/P") != parent_ref:
            fail(f"{s} {ref}: /P does not point to its parent")
        if re.match(r"^H[1-6]$", s):
            headings.append((int(s[1]), ref))
        if s == "Figure" and not text(e.get("/Alt")):
            fail(f"Figure {ref}: no /Alt text")
        if s == "TH" and attributes(pdf, e).get("/Scope") not in ("/Row", "/Column", "/Both"):
            fail(f"TH {ref}: no /Scope")
        if s == "Note":
            nid = text(e.get("/ID"))
            if not nid or ids.get(nid) != ref:
                fail(f"Note {ref}: /ID missing or not in the IDTree")
        kids = as_list(e.get("/K"))
        kid_types = []
        for k in kids:
            if isinstance(k, (int, float)):
                pg = e.get("/Pg")
                if pg not in page_index or int(k) not in page_mcids[page_index[pg]]:
                    fail(f"{s} {ref}: MCID {int(k)} is not on its /Pg page")
                seen_mcids.add((pg, int(k)))
                continue
            kd = pdf.d(k) if isinstance(k, str) else k
            if not isinstance(kd, dict):
                continue
            if kd.get("/Type") == "/MCR":
                pg = kd.get("/Pg", e.get("/Pg"))
                if pg not in page_index or kd.get("/MCID") not in page_mcids[page_index[pg]]:
                    fail(f"{s} {ref}: MCR to MCID {kd.get('/MCID')} not on its page")
                seen_mcids.add((pg, kd.get("/MCID")))
            elif kd.get("/Type") == "/OBJR":
                continue
            else:
                kid_types.append(kd.get("/S", "?")[1:])
                visit(k, ref, depth + 1)
        allowed = {
            "L": {"LI", "Caption"}, "LI": {"Lbl", "LBody"}, "TOC": {"TOCI", "TOC", "Caption"},
            "TR": {"TH", "TD"}, "Table": {"Caption", "TR", "THead", "TBody", "TFoot"},
        }
        if s in allowed and not set(kid_types) <= allowed[s]:
            fail(f"{s} {ref}: children {sorted(set(kid_types) - allowed[s])} not allowed")
        if s == "Table":
            widths = []
            for k in kids:
                row = pdf.d(k) if isinstance(k, str) else {}
                if row.get("/S") != "/TR":
                    continue
                w = 0
                for c in as_list(row.get("/K")):
                    cd = pdf.d(c) if isinstance(c, str) else {}
                    if cd.get("/S") in ("/TH", "/TD"):
                        w += int(attributes(pdf, cd).get("/ColSpan", 1))
                widths.append(w)
            if len(set(widths)) > 1:
                fail(f"Table {ref}: rows have different numbers of columns {sorted(set(widths))}")
        if s == "TOCI" and kid_types and kid_types[0] == "TOC":
            fail(f"TOCI {ref}: its own entry must come before its nested TOC")

    top = as_list(root.get("/K"))
    if len(top) != 1 or pdf.d(top[0]).get("/S") != "/Document":
        fail("StructTreeRoot: /K is not one Document element")
    for k in top:
        visit(k, cat.get("/StructTreeRoot"), 0)

    prev = 0
    for level, ref in headings:
        if level > prev + 1:
            fail(f"H{level} {ref} follows H{prev}: a heading level is skipped")
        prev = level
    for i, ref in enumerate(pages):
        for mcid in page_mcids[i]:
            if (ref, mcid) not in seen_mcids:
                fail(f"page {i + 1}: MCID {mcid} is not reachable from the structure tree")
    for need in ("Document", "H1", "P", "Link"):
        if not counts.get(need):
            fail(f"no {need} element in the tree")
    if totals["text"] == 0:
        fail("no text-showing operators found (content streams not read?)")

    for want in expect:
        if not counts.get(want):
            fail(f"expected at least one {want} element")
    report(path, totals, counts, len(headings))
    return 1 if problems else 0


def report(path, totals=None, counts=None, headings=0):
    for p in problems[:60]:
        print("FAIL:", p)
    if len(problems) > 60:
        print(f"... and {len(problems) - 60} more")
    if totals:
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{path}: {totals['text']} text operators, {totals['paint']} painting operators, "
              f"{totals['mcids']} MCIDs, {headings} headings; elements: {summary}")
    print("structure:", "FAILED" if problems else "ok", f"({len(problems)} problems)")


if __name__ == "__main__":
    sys.exit(main())
