"""The three spectrum predictors, all ending in the same NEIMS bidirectional head.

- NeimsMlp (baseline): fingerprint -> residual MLP -> head (Wei et al. 2019).
- GineTeacher: GINE message passing over atoms and bonds plus a fingerprint branch;
  dropout stays usable at inference for Monte-Carlo uncertainty.
- MoeStudent (shipped design): fingerprint -> residual blocks whose feed-forward layer is
  a mixture of experts with top-2 routing and a Switch-style load-balancing loss.
Every model maps (batch) -> sqrt-scaled intensities for m/z 1..1000 (see data.py).
"""
from __future__ import annotations

import torch
from torch import nn

from .data import BINS
from .feature_sizes import ATOM_FEATURES, BOND_FEATURES

# Peaks above the molecular ion are cut, leaving room for isotope clusters (Br4, Cl6 ...).
ISOTOPE_MARGIN = 12


class BidirectionalHead(nn.Module):
    """Forward output indexed by m/z, reverse output indexed by neutral loss from the
    nominal mass, mixed by a learned per-bin gate (NEIMS)."""

    def __init__(self, dim: int):
        super().__init__()
        self.forward_out = nn.Linear(dim, BINS)
        self.reverse_out = nn.Linear(dim, BINS)
        self.gate = nn.Linear(dim, BINS)
        self.register_buffer("mz", torch.arange(1, BINS + 1, dtype=torch.float32), persistent=False)

    def forward(self, h: torch.Tensor, mass: torch.Tensor) -> torch.Tensor:
        forward = self.forward_out(h)
        reverse_by_loss = self.reverse_out(h)
        loss_index = mass.unsqueeze(1) - self.mz.unsqueeze(0)  # neutral loss for each m/z bin
        valid = (loss_index >= 0).to(h.dtype)
        reverse = torch.gather(reverse_by_loss, 1, loss_index.clamp(0, BINS - 1).to(torch.int64)) * valid
        gate = torch.sigmoid(self.gate(h))
        below_ion = (self.mz.unsqueeze(0) <= mass.unsqueeze(1) + ISOTOPE_MARGIN).to(h.dtype)
        return torch.relu(gate * forward + (1 - gate) * reverse) * below_ion


class ResidualBlock(nn.Module):
    def __init__(self, dim: int, dropout: float):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Dropout(dropout), nn.Linear(dim, dim))
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.drop(self.ff(self.norm(x)))


class NeimsMlp(nn.Module):
    def __init__(self, n_bits: int, hidden: int, blocks: int, dropout: float):
        super().__init__()
        self.embed = nn.Sequential(nn.Linear(n_bits, hidden), nn.ReLU(), nn.Dropout(dropout))
        self.blocks = nn.Sequential(*[ResidualBlock(hidden, dropout) for _ in range(blocks)])
        self.norm = nn.LayerNorm(hidden)
        self.head = BidirectionalHead(hidden)

    def forward(self, fingerprint: torch.Tensor, mass: torch.Tensor) -> torch.Tensor:
        return self.head(self.norm(self.blocks(self.embed(fingerprint))), mass)


class MoeBlock(nn.Module):
    """Residual mixture-of-experts feed-forward block. All experts are computed as two
    batched matrix products and the top-k gates zero the rest: on small expert counts this
    is faster on a CPU than gathering tokens per expert, and it exports to plain ONNX ops."""

    def __init__(self, dim: int, experts: int, expert_hidden: int, top_k: int, dropout: float):
        super().__init__()
        self.experts, self.expert_hidden, self.top_k = experts, expert_hidden, top_k
        self.norm = nn.LayerNorm(dim)
        self.router = nn.Linear(dim, experts)
        self.w_in = nn.Linear(dim, experts * expert_hidden)
        self.w_out = nn.Parameter(torch.empty(experts, expert_hidden, dim))
        self.b_out = nn.Parameter(torch.zeros(experts, dim))
        nn.init.uniform_(self.w_out, -(expert_hidden**-0.5), expert_hidden**-0.5)
        self.drop = nn.Dropout(dropout)
        self.balance_loss = torch.zeros(())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.norm(x)
        probs = torch.softmax(self.router(h), dim=-1)
        top_values, top_index = probs.topk(self.top_k, dim=-1)
        gates = torch.zeros_like(probs).scatter(1, top_index, top_values / top_values.sum(-1, keepdim=True))
        hidden = torch.relu(self.w_in(h)).view(-1, self.experts, self.expert_hidden)
        outputs = torch.matmul(self.drop(hidden).transpose(0, 1), self.w_out).transpose(0, 1) + self.b_out
        mixed = (gates.unsqueeze(-1) * outputs).sum(1)
        if self.training:
            routed = (gates > 0).to(probs.dtype).mean(0) / self.top_k
            self.balance_loss = self.experts * (routed * probs.mean(0)).sum()
        return x + self.drop(mixed)


class MoeStudent(nn.Module):
    def __init__(self, n_bits: int, hidden: int, blocks: int, experts: int, expert_hidden: int, top_k: int, dropout: float):
        super().__init__()
        self.embed = nn.Sequential(nn.Linear(n_bits, hidden), nn.ReLU(), nn.Dropout(dropout))
        self.blocks = nn.ModuleList([MoeBlock(hidden, experts, expert_hidden, top_k, dropout) for _ in range(blocks)])
        self.norm = nn.LayerNorm(hidden)
        self.head = BidirectionalHead(hidden)

    def forward(self, fingerprint: torch.Tensor, mass: torch.Tensor) -> torch.Tensor:
        h = self.embed(fingerprint)
        for block in self.blocks:
            h = block(h)
        return self.head(self.norm(h), mass)

    def balance_loss(self) -> torch.Tensor:
        return torch.stack([b.balance_loss for b in self.blocks]).mean()


class GineLayer(nn.Module):
    def __init__(self, dim: int, dropout: float):
        super().__init__()
        self.edge = nn.Linear(BOND_FEATURES, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 2 * dim), nn.ReLU(), nn.Linear(2 * dim, dim))
        self.eps = nn.Parameter(torch.zeros(1))
        self.norm = nn.LayerNorm(dim)
        self.drop = nn.Dropout(dropout)

    def forward(self, h: torch.Tensor, edges: torch.Tensor, edge_features: torch.Tensor) -> torch.Tensor:
        messages = torch.relu(h[edges[:, 0]] + self.edge(edge_features))
        aggregated = torch.zeros_like(h).index_add_(0, edges[:, 1], messages)
        return h + self.drop(torch.relu(self.norm(self.mlp((1 + self.eps) * h + aggregated))))


class GineTeacher(nn.Module):
    def __init__(self, n_bits: int, hidden: int, layers: int, fingerprint_hidden: int, trunk: int, dropout: float):
        super().__init__()
        self.atom_embed = nn.Linear(ATOM_FEATURES, hidden)
        self.layers = nn.ModuleList([GineLayer(hidden, dropout) for _ in range(layers)])
        self.fingerprint = nn.Sequential(nn.Linear(n_bits, fingerprint_hidden), nn.ReLU(), nn.Dropout(dropout))
        self.trunk_in = nn.Sequential(nn.Linear(3 * hidden + fingerprint_hidden, trunk), nn.ReLU(), nn.Dropout(dropout))
        self.trunk = nn.Sequential(ResidualBlock(trunk, dropout), ResidualBlock(trunk, dropout))
        self.norm = nn.LayerNorm(trunk)
        self.head = BidirectionalHead(trunk)

    def forward(self, fingerprint, mass, atom_features, edges, edge_features, atom_molecule, n_molecules):
        h = self.atom_embed(atom_features)
        for layer in self.layers:
            h = layer(h, edges, edge_features)
        summed = torch.zeros(n_molecules, h.shape[1], device=h.device, dtype=h.dtype).index_add_(0, atom_molecule, h)
        counts = torch.bincount(atom_molecule, minlength=n_molecules).clamp(min=1).unsqueeze(1).to(h.dtype)
        maxed = torch.full_like(summed, -1e4).scatter_reduce(0, atom_molecule.unsqueeze(1).expand_as(h), h, "amax")
        pooled = torch.cat([summed / 10.0, summed / counts, maxed], dim=1)
        z = self.trunk_in(torch.cat([pooled, self.fingerprint(fingerprint)], dim=1))
        return self.head(self.norm(self.trunk(z)), mass)


def build_model(spec: dict, n_bits: int) -> nn.Module:
    kind = spec["kind"]
    options = {k: v for k, v in spec.items() if k != "kind"}
    if kind == "neims-mlp":
        return NeimsMlp(n_bits, **options)
    if kind == "moe-student":
        return MoeStudent(n_bits, **options)
    if kind == "gine-teacher":
        return GineTeacher(n_bits, **options)
    raise ValueError(f"unknown model kind {kind!r}")


def uses_graphs(model: nn.Module) -> bool:
    return isinstance(model, GineTeacher)
