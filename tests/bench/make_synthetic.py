#!/usr/bin/env python3
"""Writes a deterministic synthetic evidencepack project for the benchmark.

    make_synthetic.py OUT_DIR [--places N] [--measures M] [--years Y] [--repo DIR]

OUT_DIR receives a complete project: data/*.csv (N authorities that belong to one
sub-region, M reported measures plus one derived measure, Y financial years), content/
(three sections that use `here` placeholders, a table and two charts) and the repository's
templates/ and assets/. The same arguments always give byte-identical files (a fixed linear
congruential generator, no dependence on Python's hash or random module).
Python 3 standard library only.
"""

import argparse
import csv
import io
import os
import shutil
import sys


class Lcg:
    """Numerical Recipes' 32-bit LCG: deterministic on every Python version."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return self.state / 2**32

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()


FIRST = ["North", "South", "East", "West", "Upper", "Lower", "Great", "Little", "Old", "New", "Kings",
         "Queens", "Market", "Castle", "Church", "Bishops", "Long", "High", "Low", "Mill"]
SECOND = ["ford", "bury", "ton", "ham", "field", "wick", "by", "ley", "chester", "mouth", "stead",
          "worth", "borough", "minster", "dale", "port", "bridge", "well", "thorpe", "combe"]

THEMES = ["Be healthy", "Stay safe", "Enjoy and achieve", "Positive contribution", "Economic well-being", "Cost"]


def place_names(n):
    names = []
    for i in range(n):
        a = FIRST[i % len(FIRST)]
        b = SECOND[(i // len(FIRST) + i) % len(SECOND)]
        names.append(a + b if i < len(FIRST) * len(SECOND) else f"{a}{b} {i}")
    return names


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def money(v):
    return "£{:,.0f}".format(v)


def measures_for(m):
    """(code, title, unit, polarity, theme, short_title, low, high) for m reported measures."""
    out = [("population", "Population aged 0-19", "count", "none", "Context", "Population 0-19", 20000, 250000),
           ("children_spend", "Spend on children's services", "money", "none", "Cost", "Children's spend",
            2.0e7, 4.0e8)]
    k = 1
    while len(out) < m:
        unit = "percent" if k % 4 else "money"
        polarity = "lower" if k % 3 == 0 else "higher"
        if unit == "money":
            polarity = "none"
        theme = THEMES[k % (len(THEMES) - 1)] if unit == "percent" else "Cost"
        title = f"Synthetic indicator {k:02d} ({theme.lower()})" if unit == "percent" else f"Synthetic unit cost {k:02d}"
        short = f"SI {k:02d}" if unit == "percent" else f"Unit cost {k:02d}"
        lo, hi = (5.0, 95.0) if unit == "percent" else (200.0, 6000.0)
        out.append((f"si_{k:02d}", title, unit, polarity, theme, short, lo, hi))
        k += 1
    return out[:m]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--places", type=int, default=150)
    ap.add_argument("--measures", type=int, default=40)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repo", default=os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..")))
    a = ap.parse_args()
    if a.places < 2 or a.measures < 4 or a.years < 2:
        sys.exit("make_synthetic.py: need at least 2 places, 4 measures and 2 years")

    rng = Lcg(20100219)
    out = a.out
    for sub in ("data", "content"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for sub in ("templates", "assets"):
        dst = os.path.join(out, sub)
        if os.path.exists(dst):
            shutil.rmtree(dst)
        shutil.copytree(os.path.join(a.repo, sub), dst)

    codes = [f"la_{i + 1:03d}" for i in range(a.places)]
    names = place_names(a.places)
    years = [f"{2010 + y}/{(11 + y) % 100:02d}" for y in range(a.years)]
    latest = years[-1]
    measures = measures_for(a.measures)

    # ---- data ----
    places = [("england", "England", "country", ""),
              ("synth", "Synthetic sub-region", "subregion", "england")]
    places += [(c, n, "authority", "synth;england") for c, n in zip(codes, names)]
    files = {
        "places.csv": csv_text(["code", "name", "kind", "member_of"], places),
        "sources.csv": csv_text(["code", "title", "publisher", "date", "url"],
                                [("synthetic", "Synthetic benchmark data (tests/bench/make_synthetic.py)",
                                  "evidencepack", "2020-03-31", "")]),
        "measures.csv": csv_text(["code", "title", "unit", "polarity", "theme", "short_title"],
                                 [m[:6] for m in measures]),
        "derived.csv": csv_text(["code", "title", "unit", "polarity", "calculation", "inputs", "places", "period", "note"],
                                [("spend_per_child", "Spend on children's services per child", "money", "none",
                                  "per_head", "children_spend;population", "*", latest, "")]),
    }
    rows = []
    for code in codes + ["synth"]:
        scale = a.places if code == "synth" else 1
        for (mcode, _t, unit, _p, _th, _s, lo, hi) in measures:
            base = rng.uniform(lo, hi)
            trend = rng.uniform(-0.03, 0.03)
            for y, period in enumerate(years):
                v = base * (1 + trend * y) * rng.uniform(0.97, 1.03)
                if unit == "percent":
                    text = "{:.1f}%".format(min(max(v, 0.1), 99.9))
                elif unit == "money":
                    text = money(v * (scale if mcode == "children_spend" else 1))
                else:
                    text = "{:,.0f}".format(v * scale)
                rows.append((code, mcode, period, text, unit, "synthetic"))
    files["observations.csv"] = csv_text(["place", "measure", "period", "value", "unit", "source"], rows)
    for name, text in files.items():
        with open(os.path.join(out, "data", name), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    # ---- content ----
    pct = [m for m in measures if m[2] == "percent"]
    first, second = pct[0][0], pct[1][0]
    peers = "; ".join(codes[:4])
    content = {
        "document.csv": csv_text(["key", "value"], [
            ("title", "Synthetic evidence pack"),
            ("subtitle", "A benchmark project generated by tests/bench/make_synthetic.py"),
            ("area", "{{ name here }}"),
            ("date", "2020-03-31"),
            ("version", "1"),
            ("author", "evidencepack benchmark"),
            ("language", "en-GB"),
        ]),
        "sections.csv": csv_text(["file", "slug", "short_title", "number"], [
            ("summary.md", "summary", "Summary", ""),
            ("indicators.md", "indicators", "Indicators", "1"),
            ("trends.md", "trends", "Trends", "2"),
        ]),
        "key_figures.csv": csv_text(["label", "value"], [
            ("Children and young people", "{{ population @ here | count }}"),
            ("Spend on children's services", "{{ children_spend @ here | money_long }}"),
        ]),
        "summary.md": f"""# Summary for {{{{ name here }}}}

This pack is for {{{{ name here }}}}. It is home to {{{{ population @ here | count }}}} children and young people,{{{{ source population @ here }}}} and spends {{{{ children_spend @ here | money_long }}}} a year on their services, {{{{ spend_per_child @ here }}}} a child.

- {{{{ title {first} }}}}: {{{{ {first} @ here }}}} in {latest}. The best in the sub-region is {{{{ best_place {first} in synth }}}} at {{{{ best {first} in synth }}}}.
- {{{{ title {second} }}}}: {{{{ {second} @ here }}}} in {latest}.
""",
        "indicators.md": f"""# Indicators

## How {{{{ name here }}}} compares

{{{{ ref table-indicators }}}} sets {{{{ name here }}}} beside four other places, and {{{{ ref figure-first }}}} shows one indicator.

```table
caption: Indicators for {{{{ name here }}}} and four other places, {latest}
measures: {"; ".join(m[0] for m in pct[:8])}
places: here; {peers}
period: {latest}
group_by: theme
id: table-indicators
```

```chart
type: bar
title: {pct[0][1]}, {latest}
measures: {first}
places: here; {peers}
period: {latest}
id: figure-first
```
""",
        "trends.md": f"""# Trends

{{{{ ref figure-trend }}}} shows {{{{ title {second} }}}} for {{{{ name here }}}} and the sub-region over {len(years)} years.

```chart
type: line
title: {pct[1][1]}, {years[0]} to {latest}
measures: {second}
places: here; synth
periods: {"; ".join(years)}
id: figure-trend
```
""",
    }
    for name, text in content.items():
        with open(os.path.join(out, "content", name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print(f"{out}: {a.places} authorities, {len(measures)} measures, {len(years)} years, {len(rows)} observations")


if __name__ == "__main__":
    main()
