# Coventry's name at the limit: 300 characters with no space (the widest letter, so it breaks
# on every line it is set on: headings, captions, table cells, chart labels).
name=$(printf 'W%.0s' $(seq 300))
sed -i "s/^coventry,Coventry,/coventry,$name,/" data/places.csv
