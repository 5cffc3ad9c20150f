# A list nested 10,000 deep ("- - - ... x") at the end of a section: it crashed the build.
{ echo; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "x" }'; } >> content/detail.md
