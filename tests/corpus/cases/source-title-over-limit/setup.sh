# A source's title one character over the limit on citations (1,000 characters).
title=$(printf 'W%.0s' $(seq 1001))
sed -i "2s/^\([a-z_]*\),[^,]*,/\1,$title,/" data/sources.csv
