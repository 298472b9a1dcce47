"""Tintype contract 2: the prior, run once per image on L* alone.

What the network knows about an image without hints (which colours its things have) does not change
when a hint moves, so it lives in its own graph and is computed when a scan opens. It is free of the
per-edit latency budget, so it spends its capacity where the missing knowledge is: depth and receptive
field at coarse scales (a 1/16-scale colour truth alone scores ~30 dB on val; detail comes from the
scan's own L* and the guide's edge-aware propagation).

It works on L* pooled 2x (the semantics need no full-resolution detail) and returns, at 1/4 of the
input size, an automatic a*b* (regression), the logits of its colour distribution over the ab bins,
and a 64-channel feature map the guide reads; and a 1/16-scale feature map for the guide's bottleneck.
The logits train it (class-rebalanced cross-entropy) and are not exported: what the guide needs of
them, the annealed mean and how sure the distribution is, depends on the image alone, so `Exported`
computes it here, once per image, instead of on every edit.
Outputs (contract names): prior_ab [N,2,H/4,W/4], prior_vivid [N,2,H/4,W/4], prior_sure [N,1,H/4,W/4],
prior_feat4 [N,64,H/4,W/4], prior_feat16 [N,128,H/16,W/16].
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def cbr(cin, cout, stride=1, dilation=1, k=3):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, padding=dilation * (k // 2), dilation=dilation, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Block(nn.Module):
    """Pre-activation-free residual block, its last BN zero-initialised so a new block is the identity."""

    def __init__(self, c, dilation=1):
        super().__init__()
        self.a = cbr(c, c, dilation=dilation)
        self.b = nn.Conv2d(c, c, 3, padding=dilation, dilation=dilation, bias=False)
        self.bn = nn.BatchNorm2d(c)
        nn.init.zeros_(self.bn.weight)

    def forward(self, x):
        return F.relu(x + self.bn(self.b(self.a(x))))


PRIOR_OUTPUTS = ['prior_ab', 'prior_vivid', 'prior_sure', 'prior_feat4', 'prior_feat16']
# The annealed mean's temperature (Zhang et al. 2016 use 0.38).
VIVID_T = 0.38
FEAT4, FEAT16 = 64, 128


def lightness_to_gray(l):
    """The sRGB gray value in [0, 1] whose L* is 100 l (what an RGB network sees of a gray scan)."""
    fy = (l * 100 + 16) / 116
    y = torch.where(fy > 6 / 29, fy ** 3, (fy - 16 / 116) * 3 * (6 / 29) ** 2).clamp(0, 1)
    return torch.where(y > 0.0031308, 1.055 * y.clamp(min=1e-8) ** (1 / 2.4) - 0.055, 12.92 * y)


class Prior(nn.Module):
    """With `frozen=True` it also reads MobileNetV2's ImageNet features (mnv2.py; frozen, never
    trained here) at 1/8 and 1/16, concatenated into its own encoder there."""

    def __init__(self, q: int, width=(32, 64, 128, 192, 256), deep=6, frozen=False):
        super().__init__()
        c0, c1, c2, c3, c4 = width
        t8, t16 = (192, 96) if frozen else (0, 0)
        self.trunk = None
        if frozen:
            from mnv2 import MobileNetV2Trunk
            self.trunk = MobileNetV2Trunk()
        self.stem = cbr(1, c0)                                   # 1/2 of the input (the pooled L*)
        self.e1 = nn.Sequential(cbr(c0, c1, 2), cbr(c1, c1))     # 1/4
        self.e2a = cbr(c1, c2, 2)
        self.e2 = cbr(c2 + t8, c2)                               # 1/8
        self.e3a = cbr(c2, c3, 2)
        self.e3 = nn.Sequential(cbr(c3 + t16, c3) if frozen else nn.Identity(), Block(c3), Block(c3, 2))  # 1/16
        self.e4 = nn.Sequential(cbr(c3, c4, 2), *[Block(c4, d) for d in (1, 2) * (deep // 2)])  # 1/32
        self.glob = nn.Sequential(nn.Linear(c4, c4), nn.ReLU(inplace=True))
        self.d3 = nn.Sequential(cbr(c4 + c3, c3, k=1), Block(c3))
        self.d2 = nn.Sequential(cbr(c3 + c2, c2, k=1), cbr(c2, c2))
        self.d1 = nn.Sequential(cbr(c2 + c1, FEAT4, k=1), cbr(FEAT4, FEAT4))
        self.to16 = nn.Conv2d(c3, FEAT16, 1)
        self.logits = nn.Conv2d(FEAT4, q, 1)
        self.ab = nn.Conv2d(FEAT4, 2, 3, padding=1)

    def load_state_dict(self, state, strict=True):
        """Also takes the first runs' keys (before e2a / e3a were split off for the frozen taps)."""
        if not any(k.startswith('e2a.') for k in state):
            ren = {'e2.0.': 'e2a.', 'e2.1.': 'e2.', 'e3.0.': 'e3a.'}
            state = {next((new + k[len(old):] for old, new in ren.items() if k.startswith(old)), k): v
                     for k, v in state.items()}
        return super().load_state_dict(state, strict)

    def taps(self, l):
        """The frozen features (no gradient); () without them."""
        if self.trunk is None:
            return ()
        with torch.no_grad():
            return self.trunk(lightness_to_gray(l))

    def forward(self, l, taps=None):
        taps = self.taps(l) if taps is None else taps
        x = F.avg_pool2d(l, 2) - 0.5
        x0 = self.stem(x)
        x1 = self.e1(x0)
        x2 = self.e2(torch.cat([self.e2a(x1), *taps[:1]], 1))
        x3 = self.e3(torch.cat([self.e3a(x2), *taps[1:]], 1))
        x4 = self.e4(x3)
        x4 = x4 + self.glob(x4.mean((2, 3)))[:, :, None, None]
        up = lambda t, like: F.interpolate(t, size=like.shape[-2:], mode='bilinear', align_corners=False)
        y3 = self.d3(torch.cat([up(x4, x3), x3], 1))
        y2 = self.d2(torch.cat([up(y3, x2), x2], 1))
        y1 = self.d1(torch.cat([up(y2, x1), x1], 1))
        ab = torch.tanh(self.ab(y1))
        return ab, self.logits(y1), y1, self.to16(y3)


def annealed(logits, grid, t=VIVID_T):
    """The annealed mean of the bin distribution (grid [Q,2] in contract units) and the tempered top
    probability (how sure it is). Written as exp + 1x1 conv: onnxruntime's channel Softmax is slow on CPU."""
    e = torch.exp((logits - logits.max(1, keepdim=True)[0]) / t)
    s = e.sum(1, keepdim=True)
    return F.conv2d(e, grid.t()[:, :, None, None]) / s, 1 / s  # the top bin's e is exp(0) = 1


def prior_for(state_keys, q):
    """A Prior with or without the frozen trunk, as its saved weights say (checkpoint or ONNX names)."""
    return Prior(q, frozen=any('trunk.' in k for k in state_keys))


class Exported(nn.Module):
    """The prior as the contract's graph: its outputs by PRIOR_OUTPUTS, the logits reduced to what the
    guide reads."""

    def __init__(self, prior: Prior, grid: torch.Tensor):
        super().__init__()
        self.prior = prior
        self.register_buffer('grid', grid.clone() / 110.0)

    def forward(self, l):
        ab, logits, feat4, feat16 = self.prior(l)
        vivid, sure = annealed(logits, self.grid)
        return ab, vivid, sure, feat4, feat16
