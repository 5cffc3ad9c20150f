chattr -i ../out.tmp-*/site/index.html
