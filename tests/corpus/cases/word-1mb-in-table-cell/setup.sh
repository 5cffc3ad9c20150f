# A word of 1 MB (no space) in a cell of a four-column table: valid input. The row runs over a
# few hundred pages, split between lines at each page foot (once cut off after 100 pages, the
# rest drawn below the page), in time and memory in proportion to the word.
w=$(head -c 1048576 /dev/zero | tr '\0' 'W')
printf '\n## A long word\n\n| A | B | C | D |\n| --- | --- | --- | --- |\n| %s | Coventry city council | x | The last cell |\n' "$w" >> content/detail.md
