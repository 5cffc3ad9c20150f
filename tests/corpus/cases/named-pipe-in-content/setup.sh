mkfifo content/notes.md
