"""Excel workbooks: export, import and the blank template."""
