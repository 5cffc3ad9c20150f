# A NUL byte inside a cell, as a broken export may leave.
sed -i '2s/Coventry/Cov\x00entry/' data/places.csv
