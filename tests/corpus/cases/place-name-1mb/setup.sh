# A place name of 1 MB with no space (once a build past 60 s and 12 GB): refused at once.
head -c 1048576 /dev/zero | tr '\0' 'W' > name.tmp
awk 'BEGIN { FS = OFS = "," } NR == FNR { name = $0; next } $1 == "coventry" { $2 = name } { print }' \
  name.tmp data/places.csv > places.tmp
mv places.tmp data/places.csv
rm name.tmp
