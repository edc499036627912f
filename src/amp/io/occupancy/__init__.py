"""Contracts, participant flows and vouchers of measure controlling: CSV/XLSX exports of
the case-management system or a provider portal, the store in `massnahmen/`, the demo."""
