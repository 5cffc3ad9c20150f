rm -rf ../out
mkdir ../www
ln -s www ../out
