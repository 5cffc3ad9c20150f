sed -i '2s/"306,700"/1.234/' data/observations.csv
