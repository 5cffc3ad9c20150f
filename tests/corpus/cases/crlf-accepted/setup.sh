# Windows line ends everywhere.
for f in data/*.csv content/*.csv content/*.md; do sed -i 's/$/\r/' "$f"; done
