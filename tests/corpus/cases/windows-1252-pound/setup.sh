# '£16.4m' saved as Windows-1252: the pound sign is the single byte 0xA3.
sed -i '4s/\xC2\xA3/\xA3/' data/observations.csv
