"""Kennzahlen nach § 48a SGB II aus Einzeldaten (DuckDB als Standard, Spark für große Daten)."""
