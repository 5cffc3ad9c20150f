# A measure's title of 400 characters (a paragraph pasted into the title cell).
title=$(printf 'Spend %.0s' $(seq 66))x
sed -i "s/^children_spend,Expenditure on children,/children_spend,$title,/" data/measures.csv
