# A folder of the user's own files, not an output of evidencepack.
mkdir -p ../mine/notes
echo "my notes" > ../mine/notes/todo.txt
echo "keep me" > ../mine/letter.txt
