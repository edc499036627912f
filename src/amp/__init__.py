"""amp — Planung und Steuerung des Arbeitsmarktprogramms eines SGB-II-Jobcenters."""

__version__ = "0.1.0"
