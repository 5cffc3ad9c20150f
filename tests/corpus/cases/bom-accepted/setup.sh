# A UTF-8 byte-order mark, as Excel's "CSV UTF-8" writes it, on a data file and a section.
for f in data/places.csv data/observations.csv content/summary.md; do
  { printf '\xEF\xBB\xBF'; cat "$f"; } > "$f.new" && mv "$f.new" "$f"
done
