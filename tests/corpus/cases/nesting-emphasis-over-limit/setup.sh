# Emphasis, strong emphasis and links nested 101 deep.
{
  echo
  awk 'BEGIN { o = ""; c = ""; for (i = 0; i < 50; i++) { o = o "*a **b "; c = "e** d* " c }; print "[x " o "centre" c "](#top)" }'
} >> content/detail.md
