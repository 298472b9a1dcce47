"""Levin, Lischinski and Weiss 2004, "Colorization using Optimization": the classical baseline of
../shared/protocols/val-baselines.md, to compare a model with on the very same hint draws.

The weights are those of the authors' getColorExact.m (3x3 window, a Gaussian on intensity whose width
is 0.6 x the window's variance, floored so the closest neighbour keeps weight 0.01, and at 2e-6),
with L*/100 as the intensity; a* and b* are solved for. Needs scipy (Debian: python3-scipy).
"""
import numpy as np
import scipy.sparse as sp
import torch
from scipy.sparse.linalg import spilu

_OFFSETS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)]


def _neighbour_weights(y):
    """[8,H,W] normalised weights of each pixel's neighbours (0 outside the image), and the inside mask."""
    h, w = y.shape
    pad = np.pad(y, 1, constant_values=np.nan)
    nb = np.stack([pad[1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy, dx in _OFFSETS])
    inside = ~np.isnan(nb)
    window = np.concatenate([nb, y[None]], 0)
    count = inside.sum(0) + 1
    mean = np.nansum(window, 0) / count
    sigma = np.nansum((window - mean) ** 2, 0) / count * 0.6
    d2 = np.where(inside, (nb - y) ** 2, 0.0)
    closest = np.where(inside, d2, np.inf).min(0)
    sigma = np.maximum(np.maximum(sigma, -closest / np.log(0.01)), 2e-6)
    weights = np.where(inside, np.exp(-d2 / sigma), 0.0)
    return weights / weights.sum(0, keepdims=True), inside


def levin_matrix(y, hinted):
    """The sparse system: a hinted pixel equals its hint; any other, the weighted mean of its neighbours."""
    h, w = y.shape
    index = np.arange(h * w).reshape(h, w)
    weights, inside = _neighbour_weights(y)
    rows, cols, vals = [index.ravel()], [index.ravel()], [np.ones(h * w)]
    for k, (dy, dx) in enumerate(_OFFSETS):
        use = inside[k] & ~hinted
        r = index[use]
        rows.append(r)
        cols.append(r + dy * w + dx)
        vals.append(-weights[k][use])
    shape = (h * w, h * w)
    return sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=shape)


def solve(a, ilu, b, start, tolerance=1e-12, rounds=500):
    """`ilu`, a near-exact incomplete LU of `a`, refined from `start` until the residual is below
    `tolerance` (a direct sparse LU of this 65k-unknown system takes 90 s here; this takes about 1 s and
    agrees to 1e-4 a*b* units). With few hints the system is nearly singular and the refinement slow, so
    it starts from the hints' mean colour: with one hint that is the exact solution."""
    x = start + ilu.solve(b - a @ start)
    for _ in range(rounds):
        r = b - a @ x
        if np.abs(r).max() < tolerance:
            break
        x += ilu.solve(r)
    return x


def levin(l, hint_ab, hint_mask):
    """Contract-shaped tensors in ([1,1,H,W] L*/100, [1,2,H,W] ab/110, [1,1,H,W] mask), ab/110 out."""
    y = l[0, 0].double().numpy()
    hinted = hint_mask[0, 0].numpy() > 0
    if not hinted.any():
        return torch.zeros(1, 2, *y.shape)
    a = levin_matrix(y, hinted)
    ilu = spilu(a, drop_tol=1e-5, fill_factor=20)  # one factorisation serves a* and b*
    planes = []
    for c in range(2):
        b = np.where(hinted, hint_ab[0, c].double().numpy(), 0.0).ravel()
        planes.append(solve(a, ilu, b, np.where(hinted.ravel(), b, b[hinted.ravel()].mean())))
    return torch.from_numpy(np.stack(planes).reshape(1, 2, *y.shape)).float()
