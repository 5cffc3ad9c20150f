# An older output (no marker) to which a user added a file of their own at its top.
rm ../out/.evidencepack-output
echo "mine" > ../out/notes.txt
