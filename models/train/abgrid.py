"""The quantised in-gamut a*b* bins (Zhang et al. 2016 style, grid step 10) that `ab_logits` scores."""
import numpy as np
import torch

from colorspace import _XYZ2RGB, WHITE

STEP = 10.0


def in_gamut_grid() -> np.ndarray:
    """Bin centres (Q,2) in a*b* units whose cell holds an sRGB colour at some lightness."""
    centres = np.arange(-110, 111, STEP)
    aa, bb = np.meshgrid(centres, centres, indexing='ij')
    fine = np.linspace(-STEP / 2, STEP / 2, 5)
    keep = []
    for a, b in zip(aa.ravel(), bb.ravel()):
        da, db = np.meshgrid(fine, fine, indexing='ij')
        ls = np.linspace(1, 99, 50)
        lab = np.stack(np.broadcast_arrays(ls[:, None], (a + da).ravel()[None], (b + db).ravel()[None]), 0)
        lab_t = torch.tensor(lab, dtype=torch.float64).reshape(1, 3, len(ls), -1)
        rgb = _unclipped(lab_t)
        ok = ((rgb >= 0) & (rgb <= 1)).all(dim=1)
        if ok.any():
            keep.append((a, b))
    return np.array(keep, dtype=np.float32)


def _unclipped(lab: torch.Tensor) -> torch.Tensor:
    """Linear RGB of Lab colours without clipping (lab_to_rgb clips, and gamut tests need the raw values)."""
    l, a, b = lab[:, 0:1], lab[:, 1:2], lab[:, 2:3]
    fy = (l + 16) / 116
    f = torch.cat([fy + a / 500, fy, fy - b / 200], 1)
    t = torch.where(f > 0.2068966, f ** 3, (f - 16 / 116) / 7.787)
    xyz = t * torch.tensor(WHITE, dtype=lab.dtype).view(1, 3, 1, 1)
    return torch.einsum('ij,njhw->nihw', _XYZ2RGB.to(lab), xyz)


def nearest_bin(ab: torch.Tensor, grid: torch.Tensor) -> torch.Tensor:
    """ab: [N,2,h,w] in a*b* units -> bin index [N,h,w]."""
    n, _, h, w = ab.shape
    flat = ab.permute(0, 2, 3, 1).reshape(-1, 2)
    d = torch.cdist(flat, grid)
    return d.argmin(1).view(n, h, w)


if __name__ == '__main__':
    g = in_gamut_grid()
    print(len(g))
