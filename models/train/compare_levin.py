"""A model against Levin et al. 2004 on identical hint draws (the protocol of hint-eval.md).

  python3 models/train/compare_levin.py models/colorizer.onnx [--counts 10,20] [--seedings 1] [--every 3]
  python3 models/train/compare_levin.py models/     # the folder's manifest: contract 1 or the contract-2 pair

A contract-2 pair runs the prior once per image and the guide at the vividness the contract's evaluation
feeds, the guide's `vividness_default` (or --vividness).

A table over N compared with a fixed baseline table carries the noise of both hint draws (about 0.24 dB
of standard deviation at N = 20 for one seeding over the 62-image subset); scoring both methods on the
same draws removes it. The first seeding is the recipe's val draws: numpy's default_rng(index x 1000 + N),
the draws `val-baselines.md`'s Levin row matches to 0.01 dB. Further seedings give other draws.
Prints, per seeding and N, both mean PSNRs and the mean paired difference with its standard error.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abgrid import in_gamut_grid  # noqa: E402
from colorspace import rgb_to_lab  # noqa: E402
from data import list_images  # noqa: E402
from evaluate import protocol_hints, protocol_image, protocol_psnr, protocol_seed  # noqa: E402
from export import load_weights_from_onnx  # noqa: E402
from levin import levin  # noqa: E402
from network import Colorizer  # noqa: E402
from data import SHARED  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument('model')
    p.add_argument('--data', default=os.path.join(SHARED, 'val'))
    p.add_argument('--counts', default='1,2,5,10,20,50,100,200,500')
    p.add_argument('--seedings', type=int, default=1)
    p.add_argument('--every', type=int, default=3, help='every k-th image in name order (3: the baselines subset)')
    p.add_argument('--vividness', type=float, help="contract 2: instead of the guide's vividness_default")
    p.add_argument('--reference', action='store_true',
                   help="skip the Levin solves and compare with val-baselines.md's Levin row (seeding 0 only: the "
                        "draws that row was measured on, which levin.py reproduces to 0.006 dB)")
    return p.parse_args()


# ../shared/protocols/val-baselines.md, Levin 2004 over the 62-image subset (gray at N = 0).
LEVIN_ROW = {0: 21.41, 1: 22.65, 2: 23.09, 5: 24.14, 10: 24.95, 20: 26.19, 50: 27.60, 100: 28.78, 200: 29.99, 500: 31.75}


def load_network(where, vividness=None):
    """(l, hint_ab, hint_mask) -> ab for a contract-1 file or a models folder of either contract."""
    grid = torch.tensor(in_gamut_grid())
    if os.path.isdir(where):
        with open(os.path.join(where, 'manifest.json')) as f:
            manifest = json.load(f)
        if manifest.get('contract') == 'tintype-colorizer/2':
            import onnx
            from train import load_prior
            from export2 import load_guide
            prior_file = os.path.join(where, manifest['prior']['file'])
            guide_file = os.path.join(where, manifest['guide']['file'])
            prior, guide = load_prior(prior_file, grid), load_guide(guide_file, grid)
            meta = {p.key: p.value for p in onnx.load(guide_file).metadata_props}
            v = torch.tensor([float(meta['vividness_default']) if vividness is None else vividness])
            cache = {}

            def run(l, hint_ab, hint_mask):
                key = tuple(l.shape), float(l.sum()), float((l * l).sum())  # a new tensor per call: by value
                if key not in cache:  # the prior once per image
                    cache.clear()
                    cache[key] = prior(l)
                return guide(l, hint_ab, hint_mask, *cache[key], v)[0]
            return run
        where = os.path.join(where, manifest['file'])
    model = Colorizer(grid)
    load_weights_from_onnx(model, where)
    model.eval()
    return lambda *x: model(*x)[0]


@torch.no_grad()
def main():
    args = parse_args()
    torch.set_num_threads(1)
    network = load_network(args.model, args.vividness)
    images = [(rgb, rgb_to_lab(rgb)) for rgb in map(protocol_image, list_images(args.data)[::args.every])]
    if args.reference:
        print('N\tLevin (val-baselines.md)\tmodel\tdifference', flush=True)
        for n in (int(c) for c in args.counts.split(',')):
            ours = np.mean([protocol_psnr(network, lab, rgb, *protocol_hints(lab, n, protocol_seed(i, n)))
                            for i, (rgb, lab) in enumerate(images)])
            print(f'{n}\t{LEVIN_ROW[n]:.2f}\t{ours:.2f}\t{ours - LEVIN_ROW[n]:+.2f}', flush=True)
        return
    print('seeding\tN\tLevin\tmodel\tdifference\tstandard error', flush=True)
    for seeding in range(args.seedings):
        for n in (int(c) for c in args.counts.split(',')):
            pairs = []
            for i, (rgb, lab) in enumerate(images):
                hint_ab, mask = protocol_hints(lab, n, protocol_seed(i, n, seeding))
                pairs.append((protocol_psnr(levin, lab, rgb, hint_ab, mask), protocol_psnr(network, lab, rgb, hint_ab, mask)))
            base, ours = np.array(pairs).T
            d = ours - base
            print(f'{seeding}\t{n}\t{base.mean():.2f}\t{ours.mean():.2f}\t{d.mean():+.2f}\t{d.std(ddof=1) / np.sqrt(len(d)):.2f}',
                  flush=True)


if __name__ == '__main__':
    main()
