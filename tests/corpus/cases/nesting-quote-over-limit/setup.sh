# 101 levels: 51 block quotes holding 50 lists. The 101st level (the innermost list, at column
# 51 * 2 + 49 * 2 + 1 = 201) is the error.
{ echo; awk 'BEGIN { for (i = 0; i < 51; i++) printf "> "; for (i = 0; i < 50; i++) printf "- "; print "x" }'; } >> content/detail.md
