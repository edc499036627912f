"""The Kennzahlen (§ 48a SGB II) of each Jobcenter: loaded from microdata, shown per month."""
