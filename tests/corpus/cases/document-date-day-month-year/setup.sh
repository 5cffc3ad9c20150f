sed -i 's|^date,2010-02-19|date,19/02/2010|' content/document.csv
