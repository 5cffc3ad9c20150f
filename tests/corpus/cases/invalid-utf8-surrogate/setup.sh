# A Markdown section holding a UTF-16 surrogate encoded as UTF-8 (ED A0 BD, "CESU-8", as some
# converters write characters beyond the BMP): not UTF-8.
printf '\nA face \xED\xA0\xBD\xED\xB8\x80 here.\n' >> content/summary.md
