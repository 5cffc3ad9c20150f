iconv -f UTF-8 -t UTF-16 data/places.csv > x && mv x data/places.csv
