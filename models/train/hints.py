"""Simulated user hints: point patches, strokes and region fills, all written into hint_ab / hint_mask.

Works on one crop at a time in numpy: ab is (2,H,W) in a*b* units. Returns (hint_ab, hint_mask) with
hint_ab in a*b* units (the caller scales by 1/110) and mask in {0,1}.
"""
import numpy as np


def geometric_count(rng: np.random.Generator, p: float, cap: int) -> int:
    return int(min(cap, rng.geometric(p) - 1))


def add_points(rng, ab, hab, mask, count):
    _, h, w = ab.shape
    centre_biased = rng.random() < 0.5
    for _ in range(count):
        size = int(rng.integers(1, 10))
        if centre_biased:
            cy = int(np.clip(rng.normal(h / 2, h / 4), 0, h - 1))
            cx = int(np.clip(rng.normal(w / 2, w / 4), 0, w - 1))
        else:
            cy, cx = int(rng.integers(0, h)), int(rng.integers(0, w))
        y0 = int(np.clip(cy - size // 2, 0, h - size))
        x0 = int(np.clip(cx - size // 2, 0, w - size))
        patch = ab[:, y0:y0 + size, x0:x0 + size]
        hab[:, y0:y0 + size, x0:x0 + size] = patch.reshape(2, -1).mean(1)[:, None, None]
        mask[y0:y0 + size, x0:x0 + size] = 1


def _similar(ab, seed_ab, tol):
    return np.sqrt(((ab - seed_ab[:, None, None]) ** 2).sum(0)) < tol


def _grow_region(similar, sy, sx, max_iter=64):
    """Connected part of `similar` that contains (sy, sx), by repeated 4-neighbour dilation."""
    region = np.zeros_like(similar)
    region[sy, sx] = True
    for _ in range(max_iter):
        grown = region.copy()
        grown[1:] |= region[:-1]
        grown[:-1] |= region[1:]
        grown[:, 1:] |= region[:, :-1]
        grown[:, :-1] |= region[:, 1:]
        grown &= similar
        if grown.sum() == region.sum():
            break
        region = grown
    return region


def add_region(rng, ab, hab, mask):
    _, h, w = ab.shape
    sy, sx = int(rng.integers(0, h)), int(rng.integers(0, w))
    region = _grow_region(_similar(ab, ab[:, sy, sx], rng.uniform(4, 12)), sy, sx, max_iter=int(rng.integers(8, 64)))
    if region.sum() < 16:
        return
    hab[:, region] = ab[:, region].mean(1)[:, None]
    mask[region] = 1


def add_stroke(rng, ab, hab, mask):
    _, h, w = ab.shape
    sy, sx = int(rng.integers(0, h)), int(rng.integers(0, w))
    allowed = _grow_region(_similar(ab, ab[:, sy, sx], 10.0), sy, sx, max_iter=48)
    width = int(rng.integers(3, 16))
    yy, xx = np.mgrid[0:h, 0:w]
    stroke = np.zeros((h, w), bool)
    y, x = float(sy), float(sx)
    angle = rng.uniform(0, 2 * np.pi)
    for _ in range(int(rng.integers(2, 8))):
        angle += rng.normal(0, 0.8)
        length = rng.uniform(8, 40)
        for t in np.linspace(0, 1, max(2, int(length / 2))):
            py, px = y + np.sin(angle) * length * t, x + np.cos(angle) * length * t
            iy, ix = int(round(py)), int(round(px))
            if not (0 <= iy < h and 0 <= ix < w) or not allowed[iy, ix]:
                break
            r = width / 2
            y0, y1, x0, x1 = max(0, iy - width), min(h, iy + width + 1), max(0, ix - width), min(w, ix + width + 1)
            disk = (yy[y0:y1, x0:x1] - py) ** 2 + (xx[y0:y1, x0:x1] - px) ** 2 <= r * r
            stroke[y0:y1, x0:x1] |= disk
        y, x = py, px
    stroke &= allowed
    if stroke.sum() < 4:
        return
    hab[:, stroke] = ab[:, allowed].mean(1)[:, None]
    mask[stroke] = 1


# Hint counts for protocol-style samples: the protocol's own N, with 10 and 20 (the counts users give
# most and the targets) drawn twice as often.
PROTOCOL_COUNTS = (1, 2, 5, 10, 10, 20, 20, 50, 100, 200, 500)


def add_protocol_points(rng, ab, hab, mask, count):
    """The evaluation protocol's point hints: 5x5 patch means, centres normal around the crop's centre
    with a quarter of its size as standard deviation (a user's clicks on the subject, not the corners).
    The protocol's val table draws its hints here too, so training and scoring cannot drift apart."""
    _, h, w = ab.shape
    for _ in range(count):
        cy, cx = (int(round(v)) for v in rng.normal((h / 2, w / 2), (h / 4, w / 4)))
        y0, x0 = int(np.clip(cy - 2, 0, h - 5)), int(np.clip(cx - 2, 0, w - 5))
        hab[:, y0:y0 + 5, x0:x0 + 5] = ab[:, y0:y0 + 5, x0:x0 + 5].reshape(2, -1).mean(1)[:, None, None]
        mask[y0:y0 + 5, x0:x0 + 5] = 1


def simulate(rng: np.random.Generator, ab: np.ndarray, protocol_share: float = 0.0):
    """Draw one hint configuration for a crop. ab: (2,H,W) float32 in a*b* units. A `protocol_share`
    of the crops get only protocol-style points; the rest the mix below."""
    _, h, w = ab.shape
    hab = np.zeros_like(ab)
    mask = np.zeros((h, w), np.float32)
    # No draw at share 0, so runs without the option keep the random stream they always had.
    if protocol_share and rng.random() < protocol_share:
        add_protocol_points(rng, ab, hab, mask, int(rng.choice(PROTOCOL_COUNTS)))
        return hab, mask
    kind = rng.random()
    if kind < 0.12:
        return hab, mask  # automatic colorization
    add_points(rng, ab, hab, mask, geometric_count(rng, rng.choice([0.5, 0.1, 0.02, 0.005]), 600))
    if rng.random() < 0.3:
        for _ in range(int(rng.integers(1, 4))):
            add_stroke(rng, ab, hab, mask)
    if rng.random() < 0.15:
        for _ in range(int(rng.integers(1, 3))):
            add_region(rng, ab, hab, mask)
    return hab, mask
