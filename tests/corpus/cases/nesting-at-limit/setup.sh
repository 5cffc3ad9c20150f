# Nesting exactly at the limits: 100 block quotes and lists together (50 quotes holding 50
# lists), and emphasis nested 100 deep (50 strong inside 50 emphasis, alternating), builds.
{
  echo
  awk 'BEGIN { for (i = 0; i < 50; i++) printf "> "; for (i = 0; i < 50; i++) printf "- "; print "Deepest item." }'
  echo
  awk 'BEGIN { o = ""; c = ""; for (i = 0; i < 50; i++) { o = o "*a **b "; c = "e** d* " c }; print o "centre" c }'
} >> content/detail.md
