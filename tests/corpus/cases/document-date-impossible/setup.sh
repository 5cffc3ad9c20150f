sed -i 's|^date,2010-02-19|date,2010-02-30|' content/document.csv
