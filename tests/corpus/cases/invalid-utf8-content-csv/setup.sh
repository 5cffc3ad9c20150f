# content/document.csv cut in the middle of a character (the first two of ŵ's three bytes... ŵ
# is two bytes, C5 B5: here only C5), as a broken copy and paste or a truncated file leaves it.
printf 'subtitle,Ysgol y G\xC5yr\n' >> content/document.csv
