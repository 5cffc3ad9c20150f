chattr -i ../out
