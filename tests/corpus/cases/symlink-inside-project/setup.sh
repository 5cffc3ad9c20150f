# Links that stay inside the project are followed: a linked section and a linked logo folder.
mkdir -p shared brand
mv content/summary.md shared/summary.md
ln -s ../shared/summary.md content/summary.md
cp assets/logo.svg brand/crest.svg
ln -s ../brand assets/brand
echo "logo,brand/crest.svg" >> content/document.csv
