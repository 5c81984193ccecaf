"""Stage 2 (teacher only): molecular graphs for the GINE teacher, from Python RDKit.

    python -m nexa_training.graphs --data data

The teacher is never shipped, so its graph features need no twin in the app; the shipped
models use only the fingerprint the app's featuriser writes. Output: data/graphs.npz with
the graphs of every molecule concatenated (atom and bond features as small integers).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from rdkit import Chem, RDLogger

from .data import read_jsonl
from .feature_sizes import ATOM_FEATURES, BOND_FEATURES

ELEMENTS = ["C", "N", "O", "S", "P", "F", "Cl", "Br", "I", "Si", "B", "Se"]
HYBRIDISATIONS = [Chem.HybridizationType.SP, Chem.HybridizationType.SP2, Chem.HybridizationType.SP3]
BOND_TYPES = [Chem.BondType.SINGLE, Chem.BondType.DOUBLE, Chem.BondType.TRIPLE, Chem.BondType.AROMATIC]

assert ATOM_FEATURES == len(ELEMENTS) + 1 + 6 + 3 + 5 + 2 + len(HYBRIDISATIONS) + 1
assert BOND_FEATURES == len(BOND_TYPES) + 2


def one_hot(value: int, size: int) -> list[int]:
    row = [0] * size
    row[min(max(value, 0), size - 1)] = 1
    return row


def atom_row(atom: Chem.Atom) -> list[int]:
    symbol = atom.GetSymbol()
    element = one_hot(ELEMENTS.index(symbol) if symbol in ELEMENTS else len(ELEMENTS), len(ELEMENTS) + 1)
    hybridisation = atom.GetHybridization()
    return (
        element
        + one_hot(atom.GetDegree(), 6)
        + one_hot(atom.GetFormalCharge() + 1, 3)
        + one_hot(atom.GetTotalNumHs(), 5)
        + [int(atom.GetIsAromatic()), int(atom.IsInRing())]
        + [int(hybridisation == h) for h in HYBRIDISATIONS]
        + [int(hybridisation not in HYBRIDISATIONS)]
    )


def bond_row(bond: Chem.Bond) -> list[int]:
    return [int(bond.GetBondType() == t) for t in BOND_TYPES] + [int(bond.GetIsConjugated()), int(bond.IsInRing())]


def graph_arrays(smiles_list: list[str]) -> dict[str, np.ndarray]:
    atoms, edges, edge_features = [], [], []
    atom_ptr, edge_ptr = [0], [0]
    for smiles in smiles_list:
        mol = Chem.MolFromSmiles(smiles)
        if mol is None:
            raise ValueError(f"RDKit cannot parse {smiles!r}, which the app's featuriser accepted")
        atoms.extend(atom_row(a) for a in mol.GetAtoms())
        for bond in mol.GetBonds():
            i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
            row = bond_row(bond)
            edges.extend([(i, j), (j, i)])
            edge_features.extend([row, row])
        atom_ptr.append(atom_ptr[-1] + mol.GetNumAtoms())
        edge_ptr.append(edge_ptr[-1] + 2 * mol.GetNumBonds())
    return {
        "atom_features": np.asarray(atoms, dtype=np.uint8),
        "edges": np.asarray(edges, dtype=np.int32).reshape(-1, 2),
        "edge_features": np.asarray(edge_features, dtype=np.uint8).reshape(-1, BOND_FEATURES),
        "atom_ptr": np.asarray(atom_ptr, dtype=np.int64),
        "edge_ptr": np.asarray(edge_ptr, dtype=np.int64),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args()
    RDLogger.DisableLog("rdApp.*")
    seen: dict[str, str] = {}
    for name in ("ei-spectra.jsonl.gz", "extra-structures.jsonl.gz"):
        for record in read_jsonl(args.data / name):
            seen.setdefault(record["block"], record["smiles"])
    blocks = list(seen)
    arrays = graph_arrays([seen[b] for b in blocks])
    np.savez_compressed(args.data / "graphs.npz", blocks=np.asarray(blocks), **arrays)
    print(f"{len(blocks)} graphs, {len(arrays['atom_features'])} atoms -> {args.data / 'graphs.npz'}")


if __name__ == "__main__":
    main()
