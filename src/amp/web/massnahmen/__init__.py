"""Measure and voucher controlling in the web: occupancy, contracts and tenders, vouchers,
the Eingliederungsbilanz, the import of flows, free places for the offer finder."""
