sed -i '2s/"306,700"/306.5/' data/observations.csv
