"""All input of the Vollzug screens: the import upload, the account mapping, the settings."""
