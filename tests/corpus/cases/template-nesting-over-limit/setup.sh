# A section template whose sections nest 101 deep ({{#body}} inside {{#body}} ...): one over
# the limit of 100 (100,000 levels ran the build out of memory).
awk 'BEGIN { for (i = 0; i < 101; i++) printf "{{#body}}"; printf "x"; for (i = 0; i < 101; i++) printf "{{/body}}"; print "" }' > nested
cat nested templates/section.mustache > section && mv section templates/section.mustache && rm nested
