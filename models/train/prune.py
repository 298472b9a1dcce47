"""Start a light guide from a trained base guide by structured pruning: keep, in every group of tied
channels, the ones that carry the most (mean |activation| on real crops x the L1 norm of the weights
that read them), keep the two 1/16 residual blocks of each dilation that change their input the most,
and drop the fuse's reading of the guide's own annealed mean. The result is a guide.onnx of the light
architecture for `train.py --init-onnx`, which then fine-tunes it (best with --teacher, the base guide).

  python3 models/train/prune.py --guide models/guide.onnx --prior models/prior.onnx --out runs/light/pruned.onnx
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abgrid import in_gamut_grid  # noqa: E402
from data import SHARED, CropStream, batches  # noqa: E402
from export2 import export_guide, load_guide, onnx_meta  # noqa: E402
from network import GUIDE_ARCHS, guide_for  # noqa: E402
from pack import load_folder, load_pack  # noqa: E402
from train import load_prior  # noqa: E402


def conv_of(m):
    """The Conv2d of a conv()+ReLU Sequential, or the module itself."""
    return m[0] if isinstance(m, torch.nn.Sequential) else m


@torch.no_grad()
def activations(teacher, prior, feed, batches_n):
    """Mean |output| per channel of every module the groups below are made of, over real crops."""
    names = dict(teacher.named_modules())
    sums, hooks = {}, []

    def hook(name):
        def f(_m, _i, out):
            a = out.abs().mean((0, 2, 3)) if out.dim() == 4 else out.abs().mean(0)
            sums[name] = sums.get(name, 0) + a
        return f

    for name, m in names.items():
        if name and not name.startswith('prop') and not isinstance(m, torch.nn.ReLU):
            hooks.append(m.register_forward_hook(hook(name)))
    for _ in range(batches_n):
        l, hab, mask, _ab = next(feed)
        teacher(l, hab, mask, *prior(l))
    for h in hooks:
        h.remove()
    return {k: v / batches_n for k, v in sums.items()}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--guide', default='models/guide.onnx')
    p.add_argument('--prior', default='models/prior.onnx')
    p.add_argument('--out', required=True)
    p.add_argument('--arch', default='light')
    p.add_argument('--batches', type=int, default=12, help='batches of 8 crops the channel statistics see')
    p.add_argument('--images', type=int, default=200, help='training photos those crops come from')
    p.add_argument('--pack', help='photos from a pack written by pack.py instead of the training folder')
    a = p.parse_args()
    torch.manual_seed(0)
    grid = torch.tensor(in_gamut_grid())
    teacher = load_guide(a.guide, grid)
    prior = load_prior(a.prior, grid)
    images = load_pack(a.pack)[:a.images] if a.pack else load_folder(os.path.join(SHARED, 'train'), 256, a.images)
    side = min(224, min(min(im.shape[:2]) for im in images))
    feed = batches(CropStream(images, [side - side % 16], 1, 0.3), 8, 2)
    act = activations(teacher, prior, feed, a.batches)
    T = dict(teacher.named_modules())
    student = guide_for(a.arch, grid)
    S = dict(student.named_modules())
    arch = GUIDE_ARCHS[a.arch]
    c0, c1, c2, c3 = GUIDE_ARCHS['base']['width']
    n0, n1, n2, n3 = arch['width']

    # The residual blocks at 1/16 the light guide keeps: of each dilation, the ones whose second conv
    # (the residual's output) is largest, in their original order.
    dil = [blk.body[0][0].dilation[0] for blk in teacher.deep3]
    want = [blk.body[0][0].dilation[0] for blk in student.deep3]
    norms = [float(blk.body[1].weight.abs().sum()) for blk in teacher.deep3]
    kept, used = [], set()
    for d in want:
        best = max((i for i in range(len(dil)) if dil[i] == d and i not in used), key=lambda i: norms[i])
        kept.append(best)
        used.add(best)
    blocks = {f'deep3.{j}': f'deep3.{i}' for j, i in enumerate(kept)}

    # Groups of tied channels: (size kept, [producers: module names whose output channels are the group],
    # [consumers: (module name, first input channel of the group in that module's input)]).
    groups = {
        'stem0': (n0, ['stem.0'], [('stem.1', 0)]),
        'x0': (n0, ['stem.1'], [('down1', 0), ('fuse.0', 0)]),
        'down1': (n1, ['down1'], [('enc1.0', 0)]),
        'enc1_0': (n1, ['enc1.0'], [('enc1.1', 0)]),
        'e1': (n1, ['enc1.1', 'from4'], [('down2', 0), ('dec1.0', c2)]),
        'down2': (n2, ['down2'], [('enc2.0', 0)]),
        'enc2_0': (n2, ['enc2.0'], [('enc2.1', 0)]),
        'e2': (n2, ['enc2.1'], [('down3', 0), ('dec2.0', c3)]),
        'down3': (n3, ['down3'], [('enc3.0', 0)]),
        'enc3_0': (n3, ['enc3.0'], [('enc3.1', 0)]),
        'enc3_1': (n3, ['enc3.1'], [('enc3.2', 0)]),
        'e3': (n3, ['enc3.2', 'from16', 'glob'] + [f'{t}.body.1' for t in blocks.values()],
               [(f'{t}.body.0', 0) for t in blocks.values()] + [('glob', 0), ('dec2.0', 0)]),
        'dec2_0': (n2, ['dec2.0'], [('dec2.1', 0)]),
        'd2': (n2, ['dec2.1', 'dec2.2.body.1'], [('dec2.2.body.0', 0), ('dec1.0', 0)]),
        'dec2_r': (n2, ['dec2.2.body.0'], [('dec2.2.body.1', 0)]),
        'dec1_0': (n1, ['dec1.0'], [('dec1.1', 0)]),
        'd1': (n1, ['dec1.1', 'from4d'], [('logits', 0), ('to_half', 0)]),
        'to_half': (n0, ['to_half'], [('fuse.0', c0)]),
        'fuse0': (n0, ['fuse.0'], [('fuse.1', 0)]),
    }
    for j, t in enumerate(blocks.values()):
        groups[f'deep{j}_0'] = (n3, [f'{t}.body.0'], [(f'{t}.body.1', 0)])
    full = {'stem0': c0, 'x0': c0, 'to_half': c0, 'fuse0': c0, 'd1': c1, 'e1': c1, 'down1': c1, 'enc1_0': c1,
            'dec1_0': c1, 'e2': c2, 'down2': c2, 'enc2_0': c2, 'dec2_0': c2, 'd2': c2, 'dec2_r': c2}

    def module(name):
        return conv_of(T[name])

    def out_act(names):
        # e1 = enc1(...) + from4(...) etc.: a group's activation is the sum of its producers' outputs
        return sum(act[n] for n in names)

    keep = {}
    for g, (n, prods, cons) in groups.items():
        size = full.get(g, c3)
        reads = torch.zeros(size)
        for name, first in cons:
            w = module(name).weight
            col = w.abs().sum(0) if w.dim() == 2 else w.abs().sum((0, 2, 3))
            reads += col[first:first + size]
        score = out_act(prods) * reads
        keep[g] = torch.sort(torch.topk(score, n).indices).values
    # the fuse's other inputs, old channel order: prop 2, own vivid 2 (dropped), l2, h2 2, m2, conf, prior 4
    rest = 2 * c0
    fuse_tail = [rest, rest + 1] + list(range(rest + 4, 2 * c0 + 13))

    out_group = {prod: g for g, (_n, prods, _c) in groups.items() for prod in prods}
    in_groups = {}
    for g, (_n, _p, cons) in groups.items():
        for name, first in cons:
            in_groups.setdefault(name, []).append((first, g))

    def in_index(name, cin_old):
        """Old input channels the student's module reads, in order."""
        if name == 'fuse.0':
            return torch.cat([keep['x0'], c0 + keep['to_half'], torch.tensor(fuse_tail)])
        spans = sorted(in_groups.get(name, []))
        idx, at = [], 0
        for first, g in spans:
            idx.append(torch.arange(at, first))
            idx.append(first + keep[g])
            at = first + full.get(g, c3)
        idx.append(torch.arange(at, cin_old))
        return torch.cat(idx)

    def unit(mods, name):
        """A Conv2d/Linear by the name the groups use: a conv()+ReLU Sequential's name for its conv."""
        parent = name.rsplit('.', 1)[0] if '.' in name else None
        pm = mods.get(parent)
        if name.endswith('.0') and isinstance(pm, torch.nn.Sequential) and len(pm) == 2 \
                and isinstance(pm[1], torch.nn.ReLU):
            return parent
        return name

    with torch.no_grad():
        for sname, sm in S.items():
            if not isinstance(sm, (torch.nn.Conv2d, torch.nn.Linear)):
                continue
            tname = sname
            for sb, tb in blocks.items():
                if sname.startswith(sb + '.'):
                    tname = tb + sname[len(sb):]
            tu = unit(T, tname)
            w, b = T[tname].weight, T[tname].bias
            o = keep[out_group[tu]] if tu in out_group else torch.arange(w.shape[0])
            i = in_index(tu, w.shape[1])
            if sm.weight.shape != w[o][:, i].shape:
                raise SystemExit(f'{sname} <- {tname}: {tuple(sm.weight.shape)} vs {tuple(w[o][:, i].shape)}')
            sm.weight.copy_(w[o][:, i])
            sm.bias.copy_(b[o])
    meta = onnx_meta(a.guide)
    state = json.loads(meta.get('train_state', '{}'))
    export_guide(student, a.out, grid, meta.get('train_data', ''), int(meta.get('train_steps', 0)),
                 float(meta.get('vividness_default', 0.6)),
                 {'train_state': json.dumps({'crops': state.get('crops', 0), 'val': None}),
                  'pruned_from': f"{os.path.basename(a.guide)} ({meta.get('guide_arch', 'base')})"})
    print('kept residual blocks', kept, '->', a.out)


if __name__ == '__main__':
    main()
