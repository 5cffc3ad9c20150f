# A heading of 501 characters (a paragraph typed after '##'): a heading is set whole on a page,
# in the contents and as a bookmark, so one may be at most 500 characters.
h=$(printf 'W%.0s' $(seq 501))
printf '\n## %s\n\nText.\n' "$h" >> content/detail.md
