#!/usr/bin/env python3
"""Copies the part of a TopoJSON file a map needs: the areas around some areas.

    tools/subset_topojson.py SOURCE.topo.json OUT.topo.json --around E08000026,E08000029 --margin-km 15

keeps every geometry whose bounding box comes within MARGIN km of the bounding box of the areas
named (by the property --code, default LAD13CD), and only the arcs they use, renumbered. Arcs,
quantization and properties are copied unchanged, so shared borders stay shared. Used to make
data/boundaries/csw-lad-2013.topo.json from the Great Britain file (see its README.md).
"""
import argparse
import json
import math


def decoded(topology):
    """Each arc's positions in longitude/latitude."""
    t = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if t:
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
            out.append(pts)
        else:
            out.append([tuple(p[:2]) for p in arc])
    return out


def arc_indexes(arcs):
    if isinstance(arcs, int):
        yield arcs if arcs >= 0 else ~arcs
    else:
        for a in arcs:
            yield from arc_indexes(a)


def renumber(arcs, new_index):
    if isinstance(arcs, int):
        return new_index[arcs] if arcs >= 0 else ~new_index[~arcs]
    return [renumber(a, new_index) for a in arcs]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--around", required=True, help="comma-separated codes of the areas mapped")
    ap.add_argument("--margin-km", type=float, default=15)
    ap.add_argument("--code", default="LAD13CD")
    args = ap.parse_args()
    topo = json.load(open(args.source, encoding="utf-8"))
    positions = decoded(topo)
    name, layer = next(iter(topo["objects"].items()))
    geometries = layer["geometries"]

    def bbox(g):
        pts = [p for i in arc_indexes(g["arcs"]) for p in positions[i]]
        return (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))

    wanted = set(args.around.split(","))
    boxes = [bbox(g) for g in geometries if g["properties"][args.code] in wanted]
    if len(boxes) != len(wanted):
        raise SystemExit("not every code given is in the file")
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    dy = args.margin_km / 111.2
    dx = dy / math.cos(math.radians((y0 + y1) / 2))
    kept = [g for g in geometries
            if (lambda b: b[2] >= x0 - dx and b[0] <= x1 + dx and b[3] >= y0 - dy and b[1] <= y1 + dy)(bbox(g))]
    used = sorted({i for g in kept for i in arc_indexes(g["arcs"])})
    new_index = {old: new for new, old in enumerate(used)}
    out = {"type": "Topology", "transform": topo["transform"],
           "objects": {name: {"type": "GeometryCollection",
                              "geometries": [dict(g, arcs=renumber(g["arcs"], new_index)) for g in kept]}},
           "arcs": [topo["arcs"][i] for i in used]}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    print(f"{len(kept)} areas, {len(used)} arcs -> {args.out}")


if __name__ == "__main__":
    main()
