printf '\nA <b>bold</b> claim.\n' >> content/summary.md
