"""Contract 2 (`tintype-colorizer/2`): export a Prior and a Guide as two self-contained ONNX files with the
contract's metadata, and read their weights back (the shipped files are also the resumable state).

  python3 models/train/export2.py --prior-run runs/prior --guide-run runs/guide --out models/
"""
import argparse
import datetime
import hashlib
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prior import PRIOR_OUTPUTS, Exported  # noqa: E402

CONTRACT = 'tintype-colorizer/2'
GUIDE_INPUTS = ['l', 'hint_ab', 'hint_mask'] + PRIOR_OUTPUTS + ['vividness']


def _meta(path, meta):
    m = onnx.load(path)
    del m.metadata_props[:]
    for k, v in meta.items():
        m.metadata_props.add(key=k, value=v)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def _common(train_data, train_steps, extra):
    meta = {'contract': CONTRACT, 'train_data': train_data, 'train_steps': str(train_steps),
            'created': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}
    meta.update(extra or {})
    return meta


def grid_json(grid):
    return json.dumps([[float(a), float(b)] for a, b in grid.tolist()])


def export_prior(prior, path, grid, train_data, train_steps, extra=None):
    """Batch norms are kept as nodes (TrainingMode.PRESERVE on an eval-mode model: inference arithmetic,
    weights under their own names so --init-onnx can read them back); onnxruntime fuses them anyway."""
    prior.eval()
    wrapped = Exported(prior, grid).eval()
    axes = {'l': {0: 'n', 2: 'h', 3: 'w'}}
    for name in PRIOR_OUTPUTS:
        axes[name] = {0: 'n', 2: 'h16' if name.endswith('16') else 'h4', 3: 'w16' if name.endswith('16') else 'w4'}
    torch.onnx.export(wrapped, (torch.rand(1, 1, 256, 256),), path, input_names=['l'], output_names=PRIOR_OUTPUTS,
                      dynamic_axes=axes, opset_version=17, do_constant_folding=True,
                      training=torch.onnx.TrainingMode.PRESERVE)
    meta = _common(train_data, train_steps, extra)
    meta.update({'role': 'prior', 'ab_grid': grid_json(grid)})
    _meta(path, meta)
    prior.train()


def export_guide(guide, path, grid, train_data, train_steps, vividness_default, extra=None):
    guide.eval()
    s = 256
    dummy = (torch.rand(1, 1, s, s), torch.zeros(1, 2, s, s), torch.zeros(1, 1, s, s),
             torch.zeros(1, 2, s // 4, s // 4), torch.zeros(1, 2, s // 4, s // 4), torch.zeros(1, 1, s // 4, s // 4),
             torch.zeros(1, guide.from4.in_channels, s // 4, s // 4),
             torch.zeros(1, guide.from16.in_channels, s // 16, s // 16), torch.tensor([0.5]))
    axes = {n: {0: 'n', 2: 'h', 3: 'w'} for n in ('l', 'hint_ab', 'hint_mask', 'ab')}
    axes.update({n: {0: 'n', 2: 'h4', 3: 'w4'} for n in PRIOR_OUTPUTS[:-1] + ['ab_logits']})
    axes['prior_feat16'] = {0: 'n', 2: 'h16', 3: 'w16'}
    torch.onnx.export(guide, dummy, path, input_names=GUIDE_INPUTS, output_names=['ab', 'ab_logits'],
                      dynamic_axes=axes, opset_version=17, do_constant_folding=True)
    meta = _common(train_data, train_steps, extra)
    meta.update({'role': 'guide', 'ab_grid': grid_json(grid), 'vividness_default': f'{vividness_default:g}',
                 'guide_arch': getattr(guide, 'arch', 'base')})
    _meta(path, meta)
    guide.train()


def train_data_label():
    """The `train_data` metadata of an exported graph."""
    from data import SHARED, list_images
    n = len(list_images(os.path.join(SHARED, 'train')))
    return f'shared/datasets/train ({n} images; see ../shared/datasets/SOURCES.md)'


def onnx_meta(path):
    return {p.key: p.value for p in onnx.load(path).metadata_props}


def load_guide(where, grid):
    """A guide in eval mode from an exported guide.onnx (its `guide_arch` metadata names the network;
    none means 'base') or from a run folder's best.pt (its state names it)."""
    from export import load_weights_from_onnx
    from network import guide_for
    if where.endswith('.onnx'):
        guide = guide_for(onnx_meta(where).get('guide_arch', 'base'), grid)
        load_weights_from_onnx(guide, where)
    else:
        ck = torch.load(os.path.join(where, 'best.pt'), map_location='cpu')
        guide = guide_for(ck['state'].get('arch', 'base'), grid)
        guide.load_state_dict(ck['model'])
    return guide.eval()


def _inits(path):
    m = onnx.load(path)
    return {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}, {p.key: p.value for p in m.metadata_props}


def load_prior_from_onnx(prior, path):
    """Every weight and batch-norm statistic of the prior, by name; anything missing is refused."""
    inits, meta = _inits(path)
    if meta.get('role') != 'prior':
        raise SystemExit(f'{path}: not a contract-2 prior (role {meta.get("role")!r})')
    state = {'prior.' + k: v for k, v in prior.state_dict().items()}
    missing = [k for k in state if k not in inits and not k.endswith('num_batches_tracked')]
    if missing:
        raise SystemExit(f'{path}: lacks {", ".join(missing[:4])}… (another architecture?)')
    for k in state:
        if k in inits:
            v = torch.from_numpy(np.array(inits[k]))
            if v.shape != state[k].shape:
                raise SystemExit(f'{path}: {k} has shape {tuple(v.shape)}, the prior needs {tuple(state[k].shape)}')
            state[k] = v
    prior.load_state_dict({k[len('prior.'):]: v for k, v in state.items()})
    return meta


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_manifest(folder, prior_file, guide_file):
    manifest = {'contract': CONTRACT,
                'prior': {'file': prior_file, 'sha256': sha256(os.path.join(folder, prior_file))},
                'guide': {'file': guide_file, 'sha256': sha256(os.path.join(folder, guide_file))}}
    with open(os.path.join(folder, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
    return manifest


def main():
    from abgrid import in_gamut_grid
    from network import guide_for
    from prior import prior_for
    p = argparse.ArgumentParser()
    p.add_argument('--prior-run', help='the prior run (not needed with --guide-only)')
    p.add_argument('--guide-run', help='a guide run; without it, the guide is the contract-1 model grown')
    p.add_argument('--init-onnx', default=os.path.join(os.path.dirname(__file__), '..', 'colorizer.onnx'))
    p.add_argument('--out', required=True, help='folder for prior.onnx, guide.onnx (and manifest.json)')
    p.add_argument('--vividness', type=float, default=0.0, help='the guide\'s vividness_default')
    p.add_argument('--last', action='store_true')
    p.add_argument('--no-manifest', action='store_true')
    p.add_argument('--guide-only', action='store_true',
                   help='write only guide.onnx (and the manifest), keeping the prior.onnx already in --out '
                        'byte for byte; --prior-run is then not read')
    a = p.parse_args()
    if a.guide_only:
        return export_guide_only(a)
    if not a.prior_run:
        raise SystemExit('--prior-run is needed (or --guide-only)')
    grid = torch.tensor(in_gamut_grid())
    data = train_data_label()
    which = 'last.pt' if a.last else 'best.pt'
    pk = torch.load(os.path.join(a.prior_run, which), map_location='cpu')
    prior = prior_for(pk['model'].keys(), len(grid))
    prior.load_state_dict(pk['model'])
    if a.guide_run:
        gk = torch.load(os.path.join(a.guide_run, which), map_location='cpu')
        guide = guide_for(gk['state'].get('arch', 'base'), grid)
        guide.load_state_dict(gk['model'])
        gstate = gk['state']
    else:
        from export import load_weights_from_onnx
        guide = guide_for('base', grid)
        meta, _ = load_weights_from_onnx(guide, a.init_onnx)
        gstate = {'step': int(meta.get('train_steps', 0)), 'crops': json.loads(meta.get('train_state', '{}')).get('crops', 0)}
    os.makedirs(a.out, exist_ok=True)
    if prior.trunk is not None:
        from mnv2 import SOURCE
        extra_source = {'frozen_weights': SOURCE}
    else:
        extra_source = {}
    pstate = {'prior_steps': pk['state']['step'], 'prior_crops': pk['state']['crops'], 'val_n0': pk.get('val')}
    export_prior(prior, os.path.join(a.out, 'prior.onnx'), grid, data, pk['state']['step'],
                 {'train_state': json.dumps(pstate), **extra_source})
    export_guide(guide, os.path.join(a.out, 'guide.onnx'), grid, data, gstate['step'], a.vividness,
                 {'train_state': json.dumps({'crops': gstate.get('crops', 0), 'val': gk.get('val') if a.guide_run else None})})
    if not a.no_manifest:
        print(json.dumps(write_manifest(a.out, 'prior.onnx', 'guide.onnx'), indent=2))


def export_guide_only(a):
    from abgrid import in_gamut_grid
    grid = torch.tensor(in_gamut_grid())
    if not a.guide_run:
        raise SystemExit('--guide-only needs --guide-run')
    if not os.path.exists(os.path.join(a.out, 'prior.onnx')):
        raise SystemExit(f'--guide-only: {a.out} has no prior.onnx to keep')
    gk = torch.load(os.path.join(a.guide_run, 'last.pt' if a.last else 'best.pt'), map_location='cpu')
    from network import guide_for
    guide = guide_for(gk['state'].get('arch', 'base'), grid)
    guide.load_state_dict(gk['ema'] if a.last and 'ema' in gk else gk['model'])
    data = train_data_label()
    export_guide(guide, os.path.join(a.out, 'guide.onnx'), grid, data, gk['state']['step'], a.vividness,
                 {'train_state': json.dumps({'crops': gk['state'].get('crops', 0), 'val': gk.get('val')})})
    if not a.no_manifest:
        print(json.dumps(write_manifest(a.out, 'prior.onnx', 'guide.onnx'), indent=2))


if __name__ == '__main__':
    main()
