# A block quote nested 10,000 deep ("> > > ... deep") at the end of a section: it crashed the
# build (stack overflow). Block quotes and lists nest at most 100 deep.
{ echo; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "> "; print "deep" }'; } >> content/detail.md
