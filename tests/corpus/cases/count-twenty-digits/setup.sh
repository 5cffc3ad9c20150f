sed -i '2s/"306,700"/12345678901234567890/' data/observations.csv
