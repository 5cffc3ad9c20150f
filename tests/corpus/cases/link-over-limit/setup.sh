# A link of 8,001 characters (a link pasted many times over): refused where it is written.
u="https://example.org/$(printf 'a%.0s' $(seq 7981))"
printf '\nSee [the paper](%s).\n' "$u" >> content/detail.md
