printf '# Summary\r\rSome text.\r\r{{ population @ nowhere }}\r' > content/summary.md
