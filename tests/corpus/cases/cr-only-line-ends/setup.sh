# Saved by old Mac Excel: lines end in CR alone. Line 6 has a bad value.
sed -i '6s/71%/71 per cent/' data/observations.csv
tr '\n' '\r' < data/observations.csv > x && mv x data/observations.csv
