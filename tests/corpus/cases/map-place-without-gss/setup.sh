# The map overlay (tests/corpus/map/: boundaries, GSS codes, a map in content/detail.md), then this case's change.
cp -r "$(dirname "$0")/../../map/." .
sed -i 's/,E08000029$/,/' data/places.csv
