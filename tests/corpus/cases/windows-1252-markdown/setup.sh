# A section saved as Windows-1252 with a pound sign typed in the text.
printf '\nThe budget was \xA310m.\n' >> content/detail.md
