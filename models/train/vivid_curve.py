"""PSNR and colourfulness at N = 0 over the vividness range, on the recipe's val table (the protocol's
62 images), for a contract-2 pair: what the model card's curve and the default come from.

  python3 models/train/vivid_curve.py --prior runs/prior --guide runs/guide [--steps 0,0.25,0.5,0.75,1]
  python3 models/train/vivid_curve.py --prior models/prior.onnx --guide models/guide.onnx

The app's `npm run eval -- --vividness V` measures the same through the shipped ONNX files.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abgrid import in_gamut_grid  # noqa: E402
from colorspace import lab_to_rgb, rgb_to_lab  # noqa: E402
from data import list_images  # noqa: E402
from evaluate import protocol_image, psnr  # noqa: E402
from export2 import load_guide  # noqa: E402
from data import SHARED  # noqa: E402
from train import load_prior  # noqa: E402


def colourfulness(rgb):
    """Hasler and Süsstrunk (2003) on 8-bit values, as shared/metrics.ts computes it."""
    r, g, b = ((rgb[0, i] * 255).round().double() for i in range(3))
    rg, yb = r - g, 0.5 * (r + g) - b
    return float(torch.sqrt(rg.var(unbiased=False) + yb.var(unbiased=False)) + 0.3 * torch.sqrt(rg.mean() ** 2 + yb.mean() ** 2))


@torch.no_grad()
def curve(prior, guide, images, steps):
    rows = {v: ([], []) for v in steps}
    originals = []
    for rgb in images:
        lab = rgb_to_lab(rgb)
        l = lab[:, :1] / 100
        zeros2, zeros1 = torch.zeros(1, 2, *l.shape[-2:]), torch.zeros(1, 1, *l.shape[-2:])
        outs = prior(l)
        originals.append(colourfulness(rgb))
        for v in steps:
            ab = guide(l, zeros2, zeros1, *outs, torch.tensor([float(v)]))[0]
            out = lab_to_rgb(torch.cat([lab[:, :1], ab * 110], 1))
            rows[v][0].append(psnr(out, rgb))
            rows[v][1].append(colourfulness(out))
    m = float(np.mean(originals))
    return {v: {'psnr': float(np.mean(p)), 'colourfulness': float(np.mean(c)), 'share': float(np.mean(c)) / m}
            for v, (p, c) in rows.items()}, m


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--prior', required=True)
    p.add_argument('--guide', required=True)
    p.add_argument('--val-dir', default=os.path.join(SHARED, 'val'))
    p.add_argument('--steps', default='0,0.25,0.5,0.75,1')
    p.add_argument('--limit', type=int, default=0)
    p.add_argument('--conf-gain', type=float, help='try another network.VIVID_CONF_GAIN')
    p.add_argument('--sure-gain', type=float, help='try another network.VIVID_SURE_GAIN')
    a = p.parse_args()
    import network
    if a.conf_gain is not None:
        network.VIVID_CONF_GAIN = a.conf_gain
    if a.sure_gain is not None:
        network.VIVID_SURE_GAIN = a.sure_gain
    torch.set_num_threads(2)
    grid = torch.tensor(in_gamut_grid())
    paths = list_images(a.val_dir)[::3]
    images = [protocol_image(x) for x in paths[:a.limit or None]]
    table, m = curve(load_prior(a.prior, grid), load_guide(a.guide, grid), images, [float(s) for s in a.steps.split(',')])
    gray = float(np.mean([psnr(lab_to_rgb(torch.cat([rgb_to_lab(x)[:, :1], torch.zeros(1, 2, *x.shape[-2:])], 1)), x)
                          for x in images]))
    print(f'gray {gray:.3f} dB; originals colourfulness {m:.2f}')
    print('| vividness | PSNR (dB) | over gray | colourfulness | share of originals |')
    print('| --- | --- | --- | --- | --- |')
    for v, r in table.items():
        print(f"| {v:g} | {r['psnr']:.2f} | {r['psnr'] - gray:+.2f} | {r['colourfulness']:.2f} | {100 * r['share']:.0f}% |")
    print(json.dumps({'gray': gray, 'originals': m, 'curve': table}))


if __name__ == '__main__':
    main()
