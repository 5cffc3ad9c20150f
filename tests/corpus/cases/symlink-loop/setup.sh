ln -s .. content/loop
