rm -rf ../out
ln -s nowhere ../out
