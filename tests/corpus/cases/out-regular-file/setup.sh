echo "a report I wrote" > ../report.txt
