# A folder linked from content/ to /etc, even if no section names it.
ln -s /etc content/shared
