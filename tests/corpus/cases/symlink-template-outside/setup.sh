echo '<p>{{title}}</p>' > ../elsewhere.mustache
ln -sf ../../elsewhere.mustache templates/index.mustache
