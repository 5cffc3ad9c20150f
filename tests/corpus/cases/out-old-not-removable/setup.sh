# The previous output holds a file that cannot be removed.
chattr +i ../out/site/index.html
