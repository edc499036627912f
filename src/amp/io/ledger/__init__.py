"""Reading and storing a Jobcenter's ledger: finance-system exports (CSV, XLSX) with a
saved column mapping, a preview before anything is saved, and the `vollzug/` directory
beside a plan directory that the CLI reads."""
