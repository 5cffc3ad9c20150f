iconv -f UTF-8 -t UTF-16BE content/summary.md > x && mv x content/summary.md
