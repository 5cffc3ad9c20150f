# A section file that is a link to a system file.
ln -sf /etc/bash.bashrc content/summary.md
