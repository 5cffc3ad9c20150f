printf '{{#sections}}never closed\n' >> templates/index.mustache
