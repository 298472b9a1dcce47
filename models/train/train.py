"""Train the Tintype colorizer on CPU, resumable across sessions.

  python3 models/train/train.py --run runs/main            # train (Ctrl-C safe; checkpoints every few minutes)
  python3 models/train/train.py --run runs/main --resume   # continue from runs/main/last.pt
  python3 models/train/train.py --init-onnx models/colorizer.onnx ...  # start from the shipped weights
  python3 models/train/train.py --smoke --export /tmp/smoke.onnx       # a few steps + export (CI)

Contract 2 (tintype-colorizer/2): with --prior, the network trained is the guide (network.Guide), fed by
a frozen prior (a train_prior.py run folder's best.pt, or a shipped prior.onnx) computed on each crop:

  python3 models/train/train.py --run runs/guide --prior runs/prior --init-onnx models/colorizer.onnx
  python3 models/train/train.py --run runs/guide --prior models/prior.onnx --init-onnx models/guide.onnx

Runs on CUDA when one is present (bfloat16 autocast, larger batches); checkpoints hold everything on
the CPU, so a run moves CPU -> GPU -> CPU through last.pt with its optimiser state.
"""
import argparse
import contextlib
import json
import os
import signal
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abgrid import in_gamut_grid, nearest_bin  # noqa: E402
from data import SHARED, CropStream, batches, list_images, load_all  # noqa: E402
from evaluate import val_table  # noqa: E402
from export import export_onnx, load_weights_from_onnx  # noqa: E402
from network import Colorizer, guide_for  # noqa: E402
from pack import load_folder, load_pack  # noqa: E402
from prior import Exported, prior_for  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument('--run', default=os.path.join(HERE, 'runs', 'main'))
    p.add_argument('--train-dir', default=os.path.join(SHARED, 'train'))
    p.add_argument('--val-dir', default=os.path.join(SHARED, 'val'))
    p.add_argument('--resume', action='store_true')
    p.add_argument('--init-onnx')
    p.add_argument('--export', help='write the best model here as ONNX when training stops')
    p.add_argument('--smoke', action='store_true')
    p.add_argument('--prior', help='train the contract-2 guide on this frozen prior (run folder or prior.onnx)')
    p.add_argument('--pack', help='photos from a pack written by pack.py (short side 256) instead of --train-dir')
    p.add_argument('--device', default='auto', help='auto (cuda when present), cpu or cuda')
    p.add_argument('--batch', type=int, default=16)
    p.add_argument('--crop-sizes', default=[128, 128, 160, 176], type=lambda v: [int(x) for x in v.split(',')],
                   help='crop sides drawn per batch, comma-separated (the smoke run uses 96)')
    p.add_argument('--lr', type=float, default=5e-4)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--minutes', type=float, default=0, help='stop after this long (0: until interrupted)')
    p.add_argument('--ckpt-minutes', type=float, default=5)
    p.add_argument('--val-every', type=int, default=1500)
    p.add_argument('--ce-weight', type=float, default=0.02)
    p.add_argument('--protocol-share', type=float, default=0.0,
                   help='share of crops hinted only with the evaluation protocol\'s 5x5 points (e.g. 0.5)')
    p.add_argument('--guide-arch', help='the guide network (network.GUIDE_ARCHS); default: what --init-onnx or '
                   'last.pt holds, else base')
    p.add_argument('--teacher', help='distil from this guide.onnx as well as from the truth (same prior)')
    p.add_argument('--distill', type=float, default=0.5,
                   help='with --teacher: the share of the regression and bin losses taken toward the teacher')
    p.add_argument('--ema', type=float, default=0.0,
                   help='keep an exponential moving average of the weights with this decay (e.g. 0.999); '
                        'val, best.pt and the export then use the average')
    return p.parse_args()


class Ema:
    """An exponential moving average of the float weights: an averaged model is usually better than the
    last iterate of noisy small-batch SGD, at no training cost."""

    def __init__(self, model, decay, saved=None):
        self.decay = decay
        self.avg = {k: v.detach().clone() for k, v in model.state_dict().items()}
        if saved is not None:
            self.avg.update({k: v.clone() for k, v in saved.items() if k in self.avg})

    @torch.no_grad()
    def update(self, model):
        for k, v in model.state_dict().items():
            if v.dtype.is_floating_point:
                self.avg[k].mul_(self.decay).add_(v.detach(), alpha=1 - self.decay)

    def swapped_in(self, model):
        """Context: the model holds the averaged weights inside, its own weights again after."""
        ema = self

        class Swap:
            def __enter__(self):
                self.own = {k: v.detach().clone() for k, v in model.state_dict().items()}
                model.load_state_dict(ema.avg)

            def __exit__(self, *exc):
                model.load_state_dict(self.own)

        return Swap()


def bin_weights(images, grid, rng, samples=400):
    """Class rebalancing (Zhang et al. 2016): mix the empirical bin prior with uniform, invert."""
    stream = CropStream(images, [128], 0)
    counts = torch.zeros(len(grid))
    for _ in range(samples):
        _, _, _, ab = stream.sample(rng)
        idx = nearest_bin(F.avg_pool2d(ab[None] * 110, 4), grid)
        counts += torch.bincount(idx.flatten(), minlength=len(grid)).float()
    prior = counts / counts.sum()
    w = 1 / (0.5 * prior + 0.5 / len(grid))
    return w / (w * prior).sum()


def save(path, state):
    tmp = path + '.tmp'
    torch.save(to_cpu(state), tmp)
    os.replace(tmp, path)


def checkpoint(model, opt, state, weights, ema):
    ck = {'model': model.state_dict(), 'opt': opt.state_dict(), 'state': state, 'bin_weights': weights}
    if ema:
        ck['ema'] = ema.avg
    return ck


def resume_weights(model, opt, ck):
    """Load a checkpoint into the model and optimiser. The model may have gained zero-initialised blocks
    since: they keep their initialisation and start with fresh Adam moments, while every older weight
    keeps its own (a fresh Adam's first steps jolt a trained network; after the last growth the val
    score took 2,000 steps to recover). Returns the grown parameter names."""
    names = [n for n, _ in model.named_parameters()]
    grown = [n for n in names if n not in ck['model']]
    own = model.state_dict().keys()
    dropped = [k for k in ck['model'] if k not in own]
    if dropped:
        raise SystemExit(f'last.pt has weights this network lacks ({", ".join(dropped[:4])}…): another architecture?')
    model.load_state_dict(ck['model'], strict=not grown)
    if not grown:
        opt.load_state_dict(ck['opt'])
        return grown
    old_index = [i for i, n in enumerate(names) if n not in grown]  # saved order, minus the new blocks
    saved = ck['opt']
    if len(saved['param_groups']) != 1 or len(saved['param_groups'][0]['params']) != len(old_index):
        raise SystemExit('last.pt: its optimiser state does not match the network without the new blocks')
    params = list(model.parameters())
    for i, moments in saved['state'].items():
        opt.state[params[old_index[i]]] = {k: v.clone() if torch.is_tensor(v) else v for k, v in moments.items()}
    return grown


def load_prior(where, grid):
    """A frozen prior as the contract's graph (eval mode: its batch norms use their running statistics)."""
    if where.endswith('.onnx'):
        import onnx
        from export2 import load_prior_from_onnx
        prior = prior_for([t.name for t in onnx.load(where).graph.initializer], len(grid))
        load_prior_from_onnx(prior, where)
    else:
        state = torch.load(os.path.join(where, 'best.pt'), map_location='cpu')['model']
        prior = prior_for(state.keys(), len(grid))
        prior.load_state_dict(state)
    exported = Exported(prior, grid).eval()
    for p in exported.parameters():
        p.requires_grad_(False)
    return exported


class WithPrior:
    """The guide and its frozen prior called as one contract-1-shaped model (for val_table)."""

    def __init__(self, guide, prior):
        self.guide, self.prior = guide, prior

    def __call__(self, l, hint_ab, hint_mask):
        with torch.no_grad():
            outs = self.prior(l)
        self.last_prior = outs  # a teacher reads the same prior outputs
        return self.guide(l, hint_ab, hint_mask, *outs)

    def eval(self):
        self.guide.eval()

    def train(self):
        self.guide.train()


def guide_arch(args, ck):
    """The guide network to build: --guide-arch, else the one last.pt (ck, on --resume) or --init-onnx holds."""
    if args.guide_arch:
        return args.guide_arch
    if ck is not None:
        return ck['state'].get('arch', 'base')
    if args.init_onnx:
        from export2 import onnx_meta
        return onnx_meta(args.init_onnx).get('guide_arch', 'base')
    return 'base'


def to_cpu(obj):
    if torch.is_tensor(obj):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_cpu(v) for v in obj]
    return obj


def score(table):
    return float(np.mean(list(table.values())))


def main():
    args = parse_args()
    device = torch.device('cuda' if args.device == 'auto' and torch.cuda.is_available() else
                          ('cpu' if args.device == 'auto' else args.device))
    torch.set_num_threads(args.threads)
    os.makedirs(args.run, exist_ok=True)
    rng = np.random.default_rng(int(time.time()))
    paths = list_images(args.train_dir)
    val_paths = list_images(args.val_dir)[::3]
    if args.smoke:
        paths, val_paths = paths[:8], val_paths[:2]
    print(f'loading {len(paths)} training images; device {device}', flush=True)
    if args.pack:
        images = load_pack(args.pack)[:8 if args.smoke else None]
    elif args.prior:  # the guide learns with the prior's view: whole scenes at the app's working scale
        images = load_folder(args.train_dir, 256, 8 if args.smoke else None)
    else:
        images = load_all(paths, 192 if not args.smoke else 160)
    grid = torch.tensor(in_gamut_grid())
    prior = load_prior(args.prior, grid).to(device) if args.prior else None
    last = os.path.join(args.run, 'last.pt')
    ck = torch.load(last, map_location='cpu') if args.resume and os.path.exists(last) else None
    model = (guide_for(guide_arch(args, ck), grid) if prior is not None else Colorizer(grid)).to(device)
    teacher = None
    if args.teacher:
        from export2 import load_guide
        teacher = load_guide(args.teacher, grid).to(device)
        for p in teacher.parameters():
            p.requires_grad_(False)
        print(f'distilling from {args.teacher} ({teacher.arch}), share {args.distill}', flush=True)
    judge = WithPrior(model, prior) if prior is not None else model
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    state = {'step': 0, 'crops': 0, 'best': -1.0, 'seconds': 0.0}
    if prior is not None:
        state['arch'] = model.arch
    saved_ema = None
    if ck is not None:
        grown = resume_weights(model, opt, ck)
        if grown:
            print(f'grown since that checkpoint (start as identity): {", ".join(grown)}', flush=True)
        state = ck['state']
        weights = ck['bin_weights']
        saved_ema = ck.get('ema')
        print(f"resumed at step {state['step']} ({state['crops']} crops)", flush=True)
    else:
        if args.init_onnx:
            meta, grown = load_weights_from_onnx(model, args.init_onnx)
            if grown:
                print(f'grown since that file (start as identity): {", ".join(grown)}', flush=True)
            state['crops'] = int(json.loads(meta.get('train_state', '{}')).get('crops', 0))
            state['step'] = int(meta.get('train_steps', 0))
            print(f'initialised from {args.init_onnx}', flush=True)
        weights = bin_weights(images, grid, rng, 8 if args.smoke else 400)
    for g in opt.param_groups:
        g['lr'] = args.lr
    ema = Ema(model, args.ema, saved_ema) if args.ema else None
    weights_d, grid_d = weights.to(device), grid.to(device)
    amp = device.type == 'cuda'
    crop_sizes = [96] if args.smoke else args.crop_sizes
    stream = CropStream(images, crop_sizes, int(rng.integers(1 << 30)), args.protocol_share)
    feed = batches(stream, 4 if args.smoke else args.batch, int(rng.integers(1 << 30)))
    stop = {'now': False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))
    log = open(os.path.join(args.run, 'log.tsv'), 'a')
    started, last_ckpt, run_loss = time.time(), time.time(), []
    max_steps = 6 if args.smoke else 1 << 62
    steps_here = 0
    while not stop['now'] and steps_here < max_steps:
        l, hab, mask, ab = (t.to(device) for t in next(feed))
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
            pred, logits = judge(l, hab, mask)
        pred, logits = pred.float(), logits.float()
        reg = F.smooth_l1_loss(pred, ab, beta=0.02)
        target = nearest_bin(F.avg_pool2d(ab * 110, 4), grid_d)
        ce = F.cross_entropy(logits, target, weight=weights_d)
        if teacher is not None:  # the same inputs, the same prior outputs, through the teacher
            with torch.no_grad(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                t_ab, t_logits = teacher(l, hab, mask, *judge.last_prior)
            w = args.distill
            reg = (1 - w) * reg + w * F.smooth_l1_loss(pred, t_ab.float(), beta=0.02)
            soft = -(F.softmax(t_logits.float(), 1) * F.log_softmax(logits, 1)).sum(1).mean()
            ce = (1 - w) * ce + w * soft
        loss = reg + args.ce_weight * ce
        if not torch.isfinite(loss):
            raise SystemExit(f"non-finite loss at step {state['step']}; last.pt keeps the last good weights")
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        if ema:
            ema.update(model)
        state['step'] += 1
        state['crops'] += l.shape[0]
        steps_here += 1
        run_loss.append((reg.item(), ce.item()))
        if state['step'] % 100 == 0:
            r, c = np.mean(run_loss, 0)
            run_loss = []
            el = time.time() - started
            print(f"step {state['step']} crops {state['crops']} reg {r:.4f} ce {c:.3f} {el:.0f}s", flush=True)
        done = args.minutes and time.time() - started > args.minutes * 60
        if state['step'] % args.val_every == 0 or done or args.smoke and steps_here == max_steps:
            with (ema.swapped_in(model) if ema else contextlib.nullcontext()):
                table = val_table(judge, val_paths, device=device)
                judged = {k: v.detach().clone() for k, v in model.state_dict().items()}
            s = score(table)
            line = '\t'.join([str(state['step']), str(state['crops'])] + [f'{v:.2f}' for v in table.values()])
            print('val', json.dumps(table), f'score {s:.3f}', flush=True)
            log.write(line + '\n')
            log.flush()
            if s > state['best']:
                state['best'] = s
                save(os.path.join(args.run, 'best.pt'), {'model': judged, 'state': dict(state), 'val': table})
        if time.time() - last_ckpt > args.ckpt_minutes * 60 or done:
            state['seconds'] += time.time() - last_ckpt
            last_ckpt = time.time()
            save(last, checkpoint(model, opt, state, weights, ema))
        if done:
            break
    save(last, checkpoint(model, opt, state, weights, ema))
    if args.export:
        best = os.path.join(args.run, 'best.pt')
        ck = torch.load(best, map_location='cpu') if os.path.exists(best) else \
            {'model': to_cpu(model.state_dict()), 'state': state, 'val': {}}
        model = model.cpu()
        model.load_state_dict(ck['model'])
        data = 'shared/datasets/train (' + str(len(paths)) + ' images; see ../shared/datasets/SOURCES.md)'
        if prior is not None:
            from export2 import export_guide, export_prior
            folder = args.export
            os.makedirs(folder, exist_ok=True)
            export_prior(prior.prior.cpu(), os.path.join(folder, 'prior.onnx'), grid, data, 0)
            export_guide(model, os.path.join(folder, 'guide.onnx'), grid, data, ck['state']['step'], 0.0,
                         {'train_state': json.dumps({'crops': ck['state']['crops'], 'val': ck.get('val', {})})})
            print('exported', folder, flush=True)
            return
        export_onnx(model, args.export, grid, data, ck['state']['step'],
                    {'train_state': json.dumps({'crops': ck['state']['crops'], 'val': ck.get('val', {})})})
        print('exported', args.export, flush=True)


if __name__ == '__main__':
    main()
