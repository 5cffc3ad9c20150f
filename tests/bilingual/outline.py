"""Prints a PDF's catalog /Lang, then its bookmarks' titles, one a line (from qpdf --json).

Usage: outline.py QPDF.json"""
import json
import sys

j = json.load(open(sys.argv[1], encoding="utf-8"))
objects = j["qpdf"][1]


def text(s):
    return s[2:] if isinstance(s, str) and s[:2] in ("u:", "b:") else s


catalog = next(v["value"] for v in objects.values() if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog")
print(text(catalog.get("/Lang", "")))


def walk(ref):
    while ref:
        node = objects["obj:" + ref]["value"]
        print(text(node.get("/Title", "")))
        walk(node.get("/First"))
        ref = node.get("/Next")


walk(objects["obj:" + catalog["/Outlines"]]["value"].get("/First"))
