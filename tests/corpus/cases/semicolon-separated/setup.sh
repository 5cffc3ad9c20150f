# Excel in a country that writes decimals with a comma saves "CSV" with semicolons.
tr ',' ';' < data/places.csv > x && mv x data/places.csv
