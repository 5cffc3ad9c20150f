"""Lists the tagged PDF's Span elements in reading order as 'TAG<TAB>text', the /Lang read from
the structure tree (qpdf --json) and the text from poppler (pdfinfo -struct-text), and the
kind of element each Span is in.

Usage: spans.py QPDF.json STRUCT.txt"""
import json
import sys

objects = json.load(open(sys.argv[1], encoding="utf-8"))["qpdf"][1]


def value(ref):
    return objects.get("obj:" + ref, {}).get("value")


def text(s):
    return s[2:] if isinstance(s, str) and s[:2] in ("u:", "b:") else s


catalog = next(v["value"] for v in objects.values() if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog")
print("catalog\t" + text(catalog.get("/Lang", "")))
langs = []


def walk(ref, parent):
    node = value(ref)
    if not isinstance(node, dict):
        return
    if node.get("/S") == "/Span":
        langs.append((text(node.get("/Lang", "")), parent))
    kids = node.get("/K", [])
    for k in kids if isinstance(kids, list) else [kids]:
        if isinstance(k, str) and k.endswith(" R"):
            walk(k, node.get("/S", "")[1:])


walk(catalog["/StructTreeRoot"], "")
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
texts = [lines[i + 1].strip().strip('"') for i, l in enumerate(lines) if l.strip() == "Span (inline)" and i + 1 < len(lines)]
if len(texts) != len(langs):
    print(f"{len(langs)} Span elements in the tree, {len(texts)} in pdfinfo's")
for (lang, parent), t in zip(langs, texts):
    print(f"{lang}\t{parent}\t{t}")
