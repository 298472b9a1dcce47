"""Training crops from ../shared/datasets/train: decoded once into memory, random crops with flips, Lab, hints."""
import os

import numpy as np
import torch
from PIL import Image

from colorspace import rgb_to_lab
from hints import simulate

# ../shared/datasets beside the checkout: train/ and val/ colour photos.
SHARED = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'datasets'))


def list_images(folder: str):
    exts = ('.jpg', '.jpeg', '.png')
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith(exts))


def load_all(paths, min_side):
    images = []
    for p in paths:
        im = Image.open(p).convert('RGB')
        if min(im.size) < min_side:
            s = min_side / min(im.size)
            im = im.resize((max(min_side, round(im.width * s)), max(min_side, round(im.height * s))), Image.LANCZOS)
        images.append(np.asarray(im))
    return images


class CropStream(torch.utils.data.IterableDataset):
    """Endless stream of (l, hint_ab, hint_mask, ab) crops, values scaled as in the model contract."""

    def __init__(self, images, crop_sizes, seed, protocol_share=0.0):
        self.images, self.crop_sizes, self.seed = images, crop_sizes, seed
        self.protocol_share = protocol_share

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = np.random.default_rng(self.seed + (info.id if info else 0))
        while True:
            yield self.sample(rng)

    def sample(self, rng, size=None):
        img = self.images[int(rng.integers(len(self.images)))]
        size = size or int(rng.choice(self.crop_sizes))
        h, w, _ = img.shape
        y, x = int(rng.integers(0, h - size + 1)), int(rng.integers(0, w - size + 1))
        crop = img[y:y + size, x:x + size]
        if rng.random() < 0.5:
            crop = crop[:, ::-1]
        rgb = torch.from_numpy(np.ascontiguousarray(crop)).permute(2, 0, 1).float().div(255)[None]
        lab = rgb_to_lab(rgb)[0]
        ab = lab[1:].numpy()
        hab, mask = simulate(rng, ab, self.protocol_share)
        return (lab[0:1] / 100, torch.from_numpy(hab) / 110, torch.from_numpy(mask)[None], lab[1:] / 110)


def batches(stream: CropStream, batch: int, seed: int):
    """Batches of equal crop size (the size is drawn per batch)."""
    rng = np.random.default_rng(seed)
    while True:
        size = int(rng.choice(stream.crop_sizes))
        items = [stream.sample(rng, size) for _ in range(batch)]
        yield tuple(torch.stack(t) for t in zip(*items))
