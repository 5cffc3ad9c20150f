# A Markdown table of twelve columns whose headings are each a 300-character word: the header
# row is taller than a page. It splits between lines like a tall row and is not repeated on
# the pages after (once every page held little but the header, a page per row and more).
w=$(printf 'W%.0s' $(seq 300))
{
  echo
  echo "## A very wide table"
  echo
  line="| Row"; rule="| ---"
  for i in $(seq 11); do line="$line | $w$i"; rule="$rule | ---"; done
  echo "$line |"; echo "$rule |"
  for r in first second third fourth; do
    row="| The $r row"
    for i in $(seq 11); do row="$row | $i"; done
    echo "$row |"
  done
} >> content/detail.md
