# Sections nested exactly 100 deep in the section template: the build passes, and the
# innermost text is shown.
awk 'BEGIN { for (i = 0; i < 100; i++) printf "{{#body}}"; printf "nested-at-limit"; for (i = 0; i < 100; i++) printf "{{/body}}"; print "" }' > nested
cat nested templates/section.mustache > section && mv section templates/section.mustache && rm nested
