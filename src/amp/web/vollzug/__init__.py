"""The Vollzug of a Jobcenter's year on the web: bookings, commitments, the account mapping
and the settings stored per Jobcenter and year; overview, line detail, import with preview,
mapping, the monthly controlling report and read endpoints in the JSON API."""
