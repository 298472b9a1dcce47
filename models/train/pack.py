"""Training photos for the prior: decoded once, resized so the short side is `side` (the app's 256²
working size sees whole scenes at about that scale), and optionally packed as JPEG bytes into one
compact file that travels with the code (under 64 MiB) to a machine with an accelerator.

  python3 models/train/pack.py OUT.npz [--side 224] [--quality 78]   # 3,869 photos: about 60 MiB
"""
import argparse
import io
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import list_images  # noqa: E402


def resized(im: Image.Image, side: int) -> Image.Image:
    im = im.convert('RGB')
    s = side / min(im.size)
    return im.resize((max(side, round(im.width * s)), max(side, round(im.height * s))), Image.LANCZOS)


def load_folder(folder, side, limit=None):
    """uint8 HxWx3 arrays, short side `side`."""
    return [np.asarray(resized(Image.open(p), side)) for p in list_images(folder)[:limit]]


def load_pack(path):
    """The arrays of a pack written by main()."""
    z = np.load(path)
    blob, offsets = z['blob'], z['offsets']
    return [np.asarray(Image.open(io.BytesIO(blob[a:b].tobytes())).convert('RGB'))
            for a, b in zip(offsets[:-1], offsets[1:])]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--dir', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..',
                                                 'shared', 'datasets', 'train'))
    p.add_argument('--side', type=int, default=224)
    p.add_argument('--quality', type=int, default=78)
    p.add_argument('--limit', type=int, default=0, help='only the first N photos (the smoke test)')
    a = p.parse_args()
    chunks, offsets = [], [0]
    for path in list_images(a.dir)[:a.limit or None]:
        buf = io.BytesIO()
        resized(Image.open(path), a.side).save(buf, 'JPEG', quality=a.quality)
        chunks.append(np.frombuffer(buf.getvalue(), np.uint8))
        offsets.append(offsets[-1] + len(chunks[-1]))
    np.savez(a.out, blob=np.concatenate(chunks), offsets=np.array(offsets, np.int64))
    print(a.out, len(chunks), 'images', os.path.getsize(a.out) / 2 ** 20, 'MiB')


if __name__ == '__main__':
    main()
