"""Train contract 2's prior (automatic colour from L* alone), CPU-first, CUDA when present.

  python3 models/train/train_prior.py --run runs/prior                 # train (Ctrl-C safe)
  python3 models/train/train_prior.py --run runs/prior --resume        # continue from last.pt (CPU or GPU)
  python3 models/train/train_prior.py --pack pack.npz ...              # photos from a pack (pack.py)
  python3 models/train/train_prior.py --init-onnx models/prior.onnx    # continue from the shipped prior
  python3 models/train/train_prior.py --smoke                          # a few steps (CI)

The photos are resized once so their short side is 256 (the app's working size sees whole scenes at
that scale) and crops of 224 or 256 px are drawn from them: the prior needs context, not detail.
Checkpoints hold the weights, the optimiser and the step on the CPU, so a run moves between machines.
"""
import argparse
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
from colorspace import rgb_to_lab  # noqa: E402
from data import SHARED, list_images  # noqa: E402
from evaluate import protocol_image, psnr  # noqa: E402
from colorspace import lab_to_rgb  # noqa: E402
from pack import load_folder, load_pack  # noqa: E402
from prior import Prior  # noqa: E402
from train import save, to_cpu  # noqa: E402  (one checkpoint writer: CPU tensors, atomic rename)

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument('--run', default=os.path.join(HERE, 'runs', 'prior'))
    p.add_argument('--train-dir', default=os.path.join(SHARED, 'train'))
    p.add_argument('--val-dir', default=os.path.join(SHARED, 'val'))
    p.add_argument('--pack', help='photos from a pack written by pack.py instead of --train-dir')
    p.add_argument('--resume', action='store_true')
    p.add_argument('--init-onnx', help='start from the prior graph of a shipped model')
    p.add_argument('--smoke', action='store_true')
    p.add_argument('--device', default='auto', help='auto (cuda when present), cpu or cuda')
    p.add_argument('--batch', type=int, default=0, help='0: 16 on the CPU, 128 on CUDA')
    p.add_argument('--crop-sizes', default=[224, 256], type=lambda v: [int(x) for x in v.split(',')])
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--minutes', type=float, default=0)
    p.add_argument('--max-steps', type=int, default=0)
    p.add_argument('--ckpt-minutes', type=float, default=4)
    p.add_argument('--val-every', type=int, default=500)
    p.add_argument('--ce-weight', type=float, default=0.01)
    p.add_argument('--frozen', action='store_true',
                   help="also read MobileNetV2's frozen ImageNet features (mnv2.py) at 1/8 and 1/16")
    return p.parse_args(argv)


def bin_weights(images, grid, rng, samples=400):
    """Class rebalancing (Zhang et al. 2016): mix the empirical bin prior with uniform, invert."""
    counts = torch.zeros(len(grid))
    for _ in range(samples):
        img = images[int(rng.integers(len(images)))]
        lab = rgb_to_lab(torch.from_numpy(img.copy()).permute(2, 0, 1).float().div(255)[None])
        idx = nearest_bin(F.avg_pool2d(lab[:, 1:], 4), grid)
        counts += torch.bincount(idx.flatten(), minlength=len(grid)).float()
    prior = counts / counts.sum()
    w = 1 / (0.5 * prior + 0.5 / len(grid))
    return w / (w * prior).sum()


def batch(images, rng, n, size):
    out = []
    for _ in range(n):
        img = images[int(rng.integers(len(images)))]
        h, w, _ = img.shape
        y, x = int(rng.integers(0, h - size + 1)), int(rng.integers(0, w - size + 1))
        crop = img[y:y + size, x:x + size]
        if rng.random() < 0.5:
            crop = crop[:, ::-1]
        out.append(torch.from_numpy(np.ascontiguousarray(crop)))
    return torch.stack(out).permute(0, 3, 1, 2).float().div(255)


@torch.no_grad()
def val_prior(model, val_images, device):
    """Mean PSNR at N = 0 of the prior's own a*b* (bilinear up), the protocol's 256² centre crops."""
    model.eval()
    scores = []
    for rgb in val_images:
        lab = rgb_to_lab(rgb)
        ab = model(lab[:, :1].to(device) / 100)[0].float().cpu()
        ab = F.interpolate(ab, size=lab.shape[-2:], mode='bilinear', align_corners=False)
        scores.append(psnr(lab_to_rgb(torch.cat([lab[:, :1], ab * 110], 1)), rgb))
    model.train()
    return float(np.mean(scores))


def main(argv=None):
    args = parse_args(argv)
    device = torch.device('cuda' if args.device == 'auto' and torch.cuda.is_available() else
                          ('cpu' if args.device == 'auto' else args.device))
    torch.set_num_threads(args.threads)
    os.makedirs(args.run, exist_ok=True)
    rng = np.random.default_rng(int(time.time()))
    limit = 8 if args.smoke else None
    t0 = time.time()
    images = load_pack(args.pack)[:limit] if args.pack else load_folder(args.train_dir, 256, limit)
    val_paths = list_images(args.val_dir)[::3][:2 if args.smoke else None]
    val_images = [protocol_image(p) for p in val_paths]
    print(f'{len(images)} training photos, {len(val_images)} val, {time.time() - t0:.0f}s; device {device}',
          flush=True)
    grid = torch.tensor(in_gamut_grid())
    model = Prior(len(grid), frozen=args.frozen).to(device)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    state = {'step': 0, 'crops': 0, 'best': -1.0, 'seconds': 0.0}
    last = os.path.join(args.run, 'last.pt')
    if args.resume and os.path.exists(last):
        ck = torch.load(last, map_location='cpu')
        if any(k.startswith('trunk.') for k in ck['model']) != args.frozen:
            raise SystemExit(f'{last}: written {"with" if not args.frozen else "without"} --frozen; run it the same way')
        model.load_state_dict(ck['model'])
        opt.load_state_dict(ck['opt'])  # moments follow the parameters' device
        state, weights = ck['state'], ck['bin_weights']
        print(f"resumed at step {state['step']} ({state['crops']} crops)", flush=True)
    else:
        if args.init_onnx:
            from export2 import load_prior_from_onnx
            meta = load_prior_from_onnx(model, args.init_onnx)
            state['step'] = int(json.loads(meta.get('train_state', '{}')).get('prior_steps', 0))
            print(f'initialised from {args.init_onnx} (step {state["step"]})', flush=True)
        weights = bin_weights(images, grid, rng, 8 if args.smoke else 400)
    for g in opt.param_groups:
        g['lr'] = args.lr
    weights_d, grid_d = weights.to(device), grid.to(device)
    amp = device.type == 'cuda'
    scaler = torch.cuda.amp.GradScaler(enabled=amp)
    bsz = args.batch or (128 if device.type == 'cuda' else 16)
    sizes = [96] if args.smoke else args.crop_sizes
    stop = {'now': False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))
    log = open(os.path.join(args.run, 'log.tsv'), 'a')
    started, last_ckpt, run_loss, steps_here = time.time(), time.time(), [], 0
    max_steps = 4 if args.smoke else (args.max_steps or 1 << 62)

    def checkpoint():
        state['seconds'] += time.time() - checkpoint.at
        checkpoint.at = time.time()
        save(last, {'model': to_cpu(model.state_dict()), 'opt': to_cpu(opt.state_dict()), 'state': state,
                    'bin_weights': weights})
    checkpoint.at = time.time()

    while not stop['now'] and steps_here < max_steps:
        rgb = batch(images, rng, bsz, int(rng.choice(sizes))).to(device)
        with torch.no_grad():
            lab = rgb_to_lab(rgb)
            l, ab = lab[:, :1] / 100, lab[:, 1:] / 110
            target_ab = F.avg_pool2d(ab, 4)
            target = nearest_bin(target_ab * 110, grid_d)
        with torch.autocast(device.type, enabled=amp):
            pred, logits, _, _ = model(l)
            reg = F.smooth_l1_loss(pred.float(), target_ab, beta=0.02)
            ce = F.cross_entropy(logits.float(), target, weight=weights_d)
            loss = reg + args.ce_weight * ce
        if not torch.isfinite(loss):
            raise SystemExit(f"non-finite loss at step {state['step']}; last.pt keeps the last good weights")
        opt.zero_grad()
        scaler.scale(loss).backward()
        scaler.unscale_(opt)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        scaler.step(opt)
        scaler.update()
        state['step'] += 1
        state['crops'] += bsz
        steps_here += 1
        run_loss.append((reg.item(), ce.item()))
        if state['step'] % 50 == 0:
            r, c = np.mean(run_loss, 0)
            run_loss = []
            print(f"step {state['step']} crops {state['crops']} reg {r:.4f} ce {c:.3f} "
                  f"{time.time() - started:.0f}s", flush=True)
        done = bool(args.minutes) and time.time() - started > args.minutes * 60
        if state['step'] % args.val_every == 0 or done or steps_here == max_steps:
            s = val_prior(model, val_images, device)
            print(f"val step {state['step']} N=0 {s:.3f}", flush=True)
            log.write(f"{state['step']}\t{state['crops']}\t{s:.3f}\n")
            log.flush()
            if s > state['best']:
                state['best'] = s
                save(os.path.join(args.run, 'best.pt'), {'model': to_cpu(model.state_dict()),
                                                         'state': dict(state), 'val': s})
        if time.time() - last_ckpt > args.ckpt_minutes * 60 or done:
            last_ckpt = time.time()
            checkpoint()
        if done:
            break
    checkpoint()
    return state


if __name__ == '__main__':
    main()
