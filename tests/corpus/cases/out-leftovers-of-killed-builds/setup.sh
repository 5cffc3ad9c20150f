# What killed builds left: a staging folder (its process gone) and an old-style .old-N folder.
mkdir -p ../out.tmp-999999999-1/site ../out.old-123456/site
echo partial > ../out.tmp-999999999-1/site/index.html
echo old > ../out.old-123456/site/index.html
mkdir ../out.tmp-notmine
echo mine > ../out.tmp-notmine/keep.txt
