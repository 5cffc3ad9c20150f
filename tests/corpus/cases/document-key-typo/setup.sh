sed -i 's/^subtitle,/subtitel,/' content/document.csv
