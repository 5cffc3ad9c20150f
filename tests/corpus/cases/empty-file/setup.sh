: > data/places.csv
