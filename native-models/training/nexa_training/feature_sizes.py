"""Widths of the teacher's atom and bond feature rows (graphs.py writes them, models.py
reads them); kept apart so that training on a machine without RDKit needs only torch."""

ATOM_FEATURES = 33  # 13 elements (12 + other), 6 degrees, 3 charges, 5 H counts, aromatic, ring, 4 hybridisations
BOND_FEATURES = 6  # single, double, triple, aromatic, conjugated, ring
