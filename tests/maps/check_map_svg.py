#!/usr/bin/env python3
"""Checks the maps drawn in a site page: check_map_svg.py PAGE.html FIGURE-ID OUTLINED PLACE...

For the figure FIGURE-ID, both drawings (wide and narrow) must be SVG maps in which every
PLACE is one filled path titled "PLACE: ..." (drawn once), every path's points lie inside the
map's frame (the rectangle drawn round it, stroke #dcdcdc), and, unless OUTLINED is "-", one
unfilled path titled OUTLINED is drawn in near black at least 2 units wide. Prints one line
per problem; exit 1 if any.
"""
import re
import sys

page, figure, outlined, places = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
html = open(page, encoding="utf-8").read()
problems = []
start = html.find(f'id="{figure}"')
if start < 0:
    sys.exit(f"{page}: no figure {figure}")
block = html[start:html.find("</figure>", start)]
drawings = re.findall(r'<div class="ep-chart__(wide|narrow)">(<svg.*?</svg>)', block, re.S)
if len(drawings) != 2:
    problems.append(f"{figure}: {len(drawings)} drawings, expected wide and narrow")


def points(d):
    """The absolute points of a path written as M x y l dx dy ... z."""
    out, x, y, absolute, pending = [], 0.0, 0.0, False, []
    for t in re.findall(r"[Mlz]|-?[0-9]*\.?[0-9]+", d):
        if t == "M":
            absolute = True
        elif t == "l":
            absolute = False
        elif t != "z":
            pending.append(float(t))
            if len(pending) == 2:
                x, y = (pending[0], pending[1]) if absolute else (x + pending[0], y + pending[1])
                pending = []
                out.append((x, y))
    return out


for variant, svg in drawings:
    frame = re.search(r'<rect x="0" y="0" width="([0-9.]+)" height="([0-9.]+)" fill="none" stroke="#dcdcdc"', svg)
    if not frame:
        problems.append(f"{variant}: no frame round the map")
        continue
    fw, fh = float(frame.group(1)), float(frame.group(2))
    paths = []   # (d, fill, stroke, stroke width, title)
    for tag, title in re.findall(r'(<path [^>]*>)(?:<title>(.*?)</title>)?', svg):
        attr = dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))
        paths.append((attr.get("d", ""), attr.get("fill", ""), attr.get("stroke", ""), attr.get("stroke-width", "0"), title))
    if not paths:
        problems.append(f"{variant}: no paths")
    for d, fill, stroke, width, title in paths:
        for x, y in points(d):
            if not (-0.05 <= x <= fw + 0.05 and -0.05 <= y <= fh + 0.05):
                problems.append(f"{variant}: '{title}' has a point ({x:.1f}, {y:.1f}) outside the frame {fw} x {fh}")
                break
    for place in places:
        drawn = [p for p in paths if p[1] != "none" and p[4].startswith(place + ":")]
        if len(drawn) != 1:
            problems.append(f"{variant}: {place} is drawn {len(drawn)} times")
    outlines = [p for p in paths if p[1] == "none" and p[4] == outlined]
    if outlined == "-":
        if any(p[1] == "none" for p in paths):
            problems.append(f"{variant}: an outline is drawn, but none was expected")
    elif len(outlines) != 1 or outlines[0][2] != "#0b0c0c" or float(outlines[0][3] or 0) < 2:
        problems.append(f"{variant}: {outlined} is not outlined once in near black ({len(outlines)} outlines)")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
