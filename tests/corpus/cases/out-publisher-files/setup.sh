# A publisher's files in the output: a git checkout and GitHub Pages' CNAME.
mkdir -p ../out/.git/refs
echo "ref: refs/heads/main" > ../out/.git/HEAD
echo "pack.example.org" > ../out/CNAME
echo "site.example.org" > ../out/site/CNAME
