"""Export a run's best (or last) checkpoint to ONNX and record it in models/manifest.json:

  python3 models/train/export_run.py RUN_DIR models/colorizer.onnx [--last] [--no-manifest]
"""
import hashlib
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abgrid import in_gamut_grid  # noqa: E402
from data import list_images  # noqa: E402
from export import export_onnx  # noqa: E402
from network import Colorizer  # noqa: E402
from data import SHARED  # noqa: E402


def main():
    run, out = sys.argv[1], sys.argv[2]
    ck = torch.load(os.path.join(run, 'last.pt' if '--last' in sys.argv else 'best.pt'))
    grid = torch.tensor(in_gamut_grid())
    model = Colorizer(grid)
    model.load_state_dict(ck['model'])
    n = len(list_images(os.path.join(SHARED, 'train')))
    data = f'shared/datasets/train ({n} images; see ../shared/datasets/SOURCES.md)'
    export_onnx(model, out, grid, data, ck['state']['step'],
                {'train_state': json.dumps({'crops': ck['state']['crops'], 'val': ck.get('val', {})})})
    print('exported', out, 'step', ck['state']['step'], ck.get('val'))
    if '--no-manifest' not in sys.argv:
        sha = hashlib.sha256(open(out, 'rb').read()).hexdigest()
        manifest = os.path.join(os.path.dirname(os.path.abspath(out)), 'manifest.json')
        with open(manifest, 'w') as f:
            json.dump({'file': os.path.basename(out), 'sha256': sha}, f, indent=2)
            f.write('\n')
        print('sha256', sha, '->', manifest)


if __name__ == '__main__':
    main()
