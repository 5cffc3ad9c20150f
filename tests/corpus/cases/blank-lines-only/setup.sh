printf '\n\r\n  \n' > data/sources.csv
