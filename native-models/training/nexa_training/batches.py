"""Turns molecule indices into model inputs: fingerprints and masses for every model, and
concatenated graphs for the teacher."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from .data import Dataset


class GraphTable:
    def __init__(self, path: Path, dataset: Dataset, device: torch.device):
        arrays = np.load(path)
        position = {str(b): i for i, b in enumerate(arrays["blocks"])}
        order = np.asarray([position[b] for b in dataset.blocks])
        self.atom_ptr, self.edge_ptr = arrays["atom_ptr"], arrays["edge_ptr"]
        self.order = order
        self.atom_features = torch.from_numpy(arrays["atom_features"].astype(np.float32)).to(device)
        self.edges = torch.from_numpy(arrays["edges"].astype(np.int64)).to(device)
        self.edge_features = torch.from_numpy(arrays["edge_features"].astype(np.float32)).to(device)
        self.device = device

    def batch(self, molecules: np.ndarray) -> dict[str, torch.Tensor | int]:
        graphs = self.order[molecules]
        atom_index = np.concatenate([np.arange(self.atom_ptr[g], self.atom_ptr[g + 1]) for g in graphs])
        edge_index = np.concatenate([np.arange(self.edge_ptr[g], self.edge_ptr[g + 1]) for g in graphs])
        atom_counts = self.atom_ptr[graphs + 1] - self.atom_ptr[graphs]
        edge_counts = self.edge_ptr[graphs + 1] - self.edge_ptr[graphs]
        # Edges hold atom numbers local to their molecule; shift them to the batch's numbering.
        offsets = np.repeat(np.cumsum(atom_counts) - atom_counts, edge_counts)
        to = lambda a: torch.from_numpy(a).to(self.device)  # noqa: E731
        edge_t = to(edge_index)
        return {
            "atom_features": self.atom_features[to(atom_index)],
            "edges": self.edges[edge_t] + to(offsets).unsqueeze(1),
            "edge_features": self.edge_features[edge_t],
            "atom_molecule": to(np.repeat(np.arange(len(graphs)), atom_counts)),
            "n_molecules": len(graphs),
        }


class Inputs:
    def __init__(self, dataset: Dataset, device: torch.device, graphs: GraphTable | None):
        self.fingerprints = torch.from_numpy(dataset.fingerprints).to(device)
        self.masses = torch.from_numpy(dataset.masses).to(device)
        self.graphs = graphs
        self.device = device

    def run(self, model: torch.nn.Module, molecules: np.ndarray) -> torch.Tensor:
        index = torch.from_numpy(molecules).to(self.device)
        fingerprint = self.fingerprints[index].float()
        mass = self.masses[index]
        if self.graphs is None:
            return model(fingerprint, mass)
        return model(fingerprint, mass, **self.graphs.batch(molecules))

    @torch.no_grad()
    def predict(self, model: torch.nn.Module, molecules: np.ndarray, batch_size: int = 512) -> np.ndarray:
        model.eval()
        parts = [self.run(model, molecules[i : i + batch_size]).float().cpu().numpy() for i in range(0, len(molecules), batch_size)]
        return np.concatenate(parts) if parts else np.zeros((0, 1000), np.float32)
