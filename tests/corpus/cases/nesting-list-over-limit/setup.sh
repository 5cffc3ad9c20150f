# 101 lists, one inside the other ("- - ... - x"): one over the limit of 100.
{ echo; awk 'BEGIN { for (i = 0; i < 101; i++) printf "- "; print "x" }'; } >> content/detail.md
