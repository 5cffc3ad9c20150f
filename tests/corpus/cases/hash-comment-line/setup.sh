# A "comment" line with as many commas as the header: it would be read as a row.
sed -i '3i # checked by finance,,,,,,' data/observations.csv
