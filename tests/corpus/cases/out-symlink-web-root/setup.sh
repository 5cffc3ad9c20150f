# out/ is a link to a web root that holds the previous output.
mv ../out ../www
ln -s www ../out
