"""A quick val table during training: the hint protocol of ../shared/protocols/hint-eval.md in torch."""
import numpy as np
import torch
from PIL import Image

from colorspace import lab_to_rgb, rgb_to_lab
from hints import add_protocol_points


def protocol_image(path):
    im = Image.open(path).convert('RGB')
    s = 256 / min(im.size)
    im = im.resize((max(256, round(im.width * s)), max(256, round(im.height * s))), Image.LANCZOS)
    x, y = (im.width - 256) // 2, (im.height - 256) // 2
    im = im.crop((x, y, x + 256, y + 256))
    return torch.from_numpy(np.asarray(im).copy()).permute(2, 0, 1).float().div(255)[None]


def protocol_hints(lab, n, seed):
    """n protocol hints on a [1,3,256,256] Lab image, in contract units: (hint_ab [1,2,..], mask [1,1,..])."""
    ab = lab[0, 1:].numpy()
    hab, mask = np.zeros_like(ab), np.zeros(ab.shape[1:], np.float32)
    add_protocol_points(np.random.default_rng(seed), ab, hab, mask, n)
    return torch.from_numpy(hab)[None] / 110, torch.from_numpy(mask)[None, None]


def protocol_seed(index, n, seeding=0):
    """The recipe's val draws (seeding 0) are the ones val-baselines.md was measured on."""
    return index * 1000 + n + seeding * 7919


def protocol_psnr(colorize, lab, rgb, hint_ab, mask, device='cpu'):
    """PSNR of the original's own L* with the predicted a*b*, against the original."""
    ab = colorize(lab[:, :1].to(device) / 100, hint_ab.to(device), mask.to(device)).float().cpu()
    return psnr(lab_to_rgb(torch.cat([lab[:, :1], ab * 110], 1)), rgb)


def psnr(a, b):
    a8, b8 = (a * 255).round(), (b * 255).round()
    mse = ((a8 - b8) ** 2).mean().item()
    return 10 * np.log10(255 ** 2 / max(mse, 1e-10))


@torch.no_grad()
def val_table(model, paths, counts=(0, 1, 10, 50), device='cpu'):
    model.eval()
    rows = {n: [] for n in counts}
    for i, p in enumerate(paths):
        rgb = protocol_image(p)
        lab = rgb_to_lab(rgb)
        for n in counts:
            hab, mask = protocol_hints(lab, n, protocol_seed(i, n))
            rows[n].append(protocol_psnr(lambda *x: model(*x)[0], lab, rgb, hab, mask, device))
    model.train()
    return {n: float(np.mean(v)) for n, v in rows.items()}
