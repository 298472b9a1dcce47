"""Tintype colorizer: a fixed coarse-to-fine hint propagation (Levin-style affinity sweeps) at half
resolution, plus a small learned U-Net at 1/4 scale that corrects it and supplies automatic colour.
The propagation also carries a confidence channel (how strongly a pixel is tied to some hint along the
affinity), so the U-Net can tell propagated colour it should keep from colour bled into hint-less regions.

Follows ../shared/protocols/model-contract.md: inputs l, hint_ab, hint_mask; outputs ab, ab_logits.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

# One-hot 3x3 kernels that copy each of the 8 neighbours of a pixel into its own channel.
_OFFSETS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)]


def _shift_kernels(channels: int) -> torch.Tensor:
    k = torch.zeros(8 * channels, 1, 3, 3)
    for c in range(channels):
        for i, (dy, dx) in enumerate(_OFFSETS):
            k[c * 8 + i, 0, 1 + dy, 1 + dx] = 1.0
    return k


@torch.jit.script
def _sweep_loop(ab: torch.Tensor, w: torch.Tensor, held: torch.Tensor, free: torch.Tensor,
                shift: torch.Tensor, sum8: torch.Tensor, n: int) -> torch.Tensor:
    for _ in range(n):
        nb = F.conv2d(ab, shift, padding=1, groups=3)
        ab = held + free * F.conv2d(nb * w, sum8, groups=3)
    return ab


# Levels with at least this many sweeps are exported as one ONNX Loop instead of unrolled: the same
# arithmetic (outputs bit-identical), but ~1,000 fewer graph nodes, which cut onnxruntime's session
# creation from 2.0 s to 0.2 s here (the coarse levels are tiny, so the loop costs nothing at run time).
LOOP_FROM = 16

# Neighbour weight exp(-dL^2 / AFFINITY_WIDTH), L* in [0, 1]: about 2 L* units of tolerance. One fixed
# width, measured for the stage alone (half-resolution propagation, bilinear up) on the recipe's val
# table: Levin's local-variance width (var x 2) gave 24.92 / 26.16 / 27.61 dB at 10 / 20 / 50 hints;
# sharper widths did better, this one best: 25.40 / 26.83 / 28.36.
AFFINITY_WIDTH = 1e-3
# A cell is held at its pooled hint colour in proportion to HOLD x the share of it the hints cover.
# Measured for the stage alone on the recipe's val table: 8 gave 22.93 / 25.40 / 26.83 dB at 1 / 10 / 20
# hints, 32 gave 23.26 / 25.45 / 26.84 (2: 22.05 / 24.87 / 26.30; 128: 23.02 / 25.44 / 26.80).
HOLD = 32


def pool_hints(ab, mask, factor):
    """Mask-normalised average pooling: the mean hint colour per cell, and the covered fraction."""
    m = F.avg_pool2d(mask, factor, ceil_mode=True)
    s = F.avg_pool2d(ab * mask, factor, ceil_mode=True)
    return s / m.clamp(min=1e-6), m


class Propagation(nn.Module):
    """Coarse-to-fine Jacobi sweeps of a neighbour-weighted average, hints held by their confidence.

    Three channels are swept together: a*, b* and a confidence that is held at the hints' coverage and
    decays by `keep` per level elsewhere, so it falls with affinity distance from the nearest hint.

    Written for onnxruntime on CPU, where per-op overhead dominates the small levels: each sweep is
    five ops (shift conv, weight mul, grouped sum conv, mul, add); border neighbours get zero weight, so
    the convs pad with zeros and no Pad op is needed.
    """

    def __init__(self, sweeps=(4, 8, 16, 32, 64, 64, 64), keep=0.3):
        super().__init__()
        self.sweeps = sweeps  # finest scale first
        self.keep = keep
        self.register_buffer('shift1', _shift_kernels(1), persistent=False)
        self.register_buffer('shift3', _shift_kernels(3), persistent=False)
        self.register_buffer('sum8', torch.ones(3, 8, 1, 1), persistent=False)

    def weights(self, l):
        nb = F.conv2d(l, self.shift1, padding=1)  # [N,8,h,w]
        inside = F.conv2d(torch.ones_like(l), self.shift1, padding=1)
        w = torch.exp(-((nb - l) ** 2) / AFFINITY_WIDTH) * inside
        w = w / w.sum(1, keepdim=True).clamp(min=1e-12)  # a 1x1 level has no neighbours
        return torch.cat([w, w, w], 1)  # the same 8 weights for a, b and the confidence

    def sweep(self, x, w, held, free, n):
        if n >= LOOP_FROM and torch.onnx.is_in_onnx_export():
            return _sweep_loop(x, w, held, free, self.shift3, self.sum8, n)
        for _ in range(n):
            nb = F.conv2d(x, self.shift3, padding=1, groups=3)  # [N,24,h,w]: a's 8 neighbours, b's, conf's
            x = held + free * F.conv2d(nb * w, self.sum8, groups=3)
        return x

    def forward(self, l, hint, mask):
        """All inputs at the propagation's finest scale. Returns dense ab and confidence at that scale."""
        levels = []
        for i in range(len(self.sweeps)):
            f = 2 ** i
            if f == 1:
                levels.append((l, hint, mask))
            else:
                h, m = pool_hints(hint, mask, f)
                levels.append((F.avg_pool2d(l, f, ceil_mode=True), h, m))
        x = None
        for (lv, hv, mv), n in zip(reversed(levels), reversed(self.sweeps)):
            conf = (mv * HOLD).clamp(max=1.0)
            held = torch.cat([conf * hv, conf], 1)
            # a*b* are a convex mix of hints (no decay); the confidence loses (1 - keep) over the level.
            decay = torch.tensor([1.0, 1.0, self.keep ** (1.0 / n)]).view(1, 3, 1, 1)
            x = held if x is None else F.interpolate(x, size=lv.shape[-2:], mode='bilinear', align_corners=False)
            x = self.sweep(x, self.weights(lv), held, (1 - conf) * decay, n)
        return x[:, :2], x[:, 2:]


def conv(cin, cout, stride=1, dilation=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, padding=dilation, dilation=dilation), nn.ReLU(inplace=True))


class Residual(nn.Module):
    """x + two 3x3 convs, the second zero-initialised: added to a trained network, it starts as identity."""

    def __init__(self, c, dilation=1):
        super().__init__()
        self.body = nn.Sequential(conv(c, c, dilation=dilation), nn.Conv2d(c, c, 3, padding=dilation, dilation=dilation))
        nn.init.zeros_(self.body[1].weight)
        nn.init.zeros_(self.body[1].bias)

    def forward(self, x):
        return x + self.body(x)


class Colorizer(nn.Module):
    def __init__(self, grid: torch.Tensor, width=(24, 64, 96, 128), sweeps=(4, 8, 16, 32, 64, 64, 64), deep=6):
        super().__init__()
        c0, c1, c2, c3 = width
        self.prop = Propagation(sweeps)
        self.register_buffer('grid', grid.clone() / 110.0)  # [Q,2] in contract units
        self.stem = nn.Sequential(conv(7, c0), conv(c0, c0))            # 1/2
        self.down1 = conv(c0, c1, stride=2)                              # 1/4
        self.enc1 = nn.Sequential(conv(c1 + 6, c1), conv(c1, c1))
        self.down2 = conv(c1, c2, stride=2)                              # 1/8
        self.enc2 = nn.Sequential(conv(c2 + 6, c2), conv(c2, c2))
        self.down3 = conv(c2, c3, stride=2)                              # 1/16
        self.enc3 = nn.Sequential(conv(c3 + 6, c3), conv(c3, c3, dilation=2), conv(c3, c3, dilation=2))
        self.deep3 = nn.Sequential(*[Residual(c3, d) for d in (2, 4) * (deep // 2)])  # depth where it is cheap
        self.glob = nn.Sequential(nn.Linear(c3, c3), nn.ReLU(inplace=True))
        self.dec2 = nn.Sequential(conv(c3 + c2, c2), conv(c2, c2), Residual(c2))
        self.dec1 = nn.Sequential(conv(c2 + c1, c1), conv(c1, c1))
        self.logits = nn.Conv2d(c1, grid.shape[0], 1)
        self.to_half = nn.Conv2d(c1, c0, 1)
        self.fuse = nn.Sequential(conv(c0 * 2 + 2 + 2 + 4 + 1, c0), nn.Conv2d(c0, 2, 3, padding=1))

    def pyramid(self, prop_ab, hint, mask, conf, factor):
        h, m = pool_hints(hint, mask, factor)
        return torch.cat([F.avg_pool2d(prop_ab, factor), h, m, F.avg_pool2d(conf, factor)], 1)

    def forward(self, l, hint_ab, hint_mask):
        hint = hint_ab * hint_mask
        l2 = F.avg_pool2d(l, 2)
        h2, m2 = pool_hints(hint, hint_mask, 2)
        prop, conf = self.prop(l2, h2 * (m2 > 0), (m2 > 0).to(m2.dtype) * m2)
        # New input channels go last, so weights from before they existed load into the leading slice.
        x0 = self.stem(torch.cat([l2, prop, h2, m2, conf], 1))
        e1 = self.enc1(torch.cat([self.down1(x0), self.pyramid(prop, h2, m2, conf, 2)], 1))
        e2 = self.enc2(torch.cat([self.down2(e1), self.pyramid(prop, h2, m2, conf, 4)], 1))
        e3 = self.enc3(torch.cat([self.down3(e2), self.pyramid(prop, h2, m2, conf, 8)], 1))
        e3 = self.deep3(e3)
        e3 = e3 + self.glob(e3.mean((2, 3)))[:, :, None, None]
        d2 = self.dec2(torch.cat([F.interpolate(e3, size=e2.shape[-2:], mode='nearest'), e2], 1))
        d1 = self.dec1(torch.cat([F.interpolate(d2, size=e1.shape[-2:], mode='nearest'), e1], 1))
        logits = self.logits(d1)
        # The annealed mean of the bin distribution (T = 0.38) is a vivid automatic-colour prior for the fuse.
        # Written as exp + 1x1 conv: onnxruntime's channel-axis Softmax and Einsum are slow on CPU.
        z = logits.detach()
        e = torch.exp((z - z.max(1, keepdim=True)[0]) / 0.38)
        vivid = F.conv2d(e, self.grid.t()[:, :, None, None]) / e.sum(1, keepdim=True)
        up = lambda t: F.interpolate(t, size=x0.shape[-2:], mode='bilinear', align_corners=False)
        delta = self.fuse(torch.cat([x0, up(self.to_half(d1)), prop, up(vivid), l2, h2, m2, conf], 1))
        ab_half = (prop + delta).clamp(-1, 1)
        ab = F.interpolate(ab_half, size=l.shape[-2:], mode='bilinear', align_corners=False)
        return ab, logits


class Guide(Colorizer):
    """Contract 2's guide, run per edit: the Colorizer above (propagation + light U-Net), reading the
    prior's outputs (prior.py) computed once per image. Each prior input enters through a zero-initialised
    1x1 conv or new trailing input channels, so a guide grown from a contract-1 model starts as exactly
    that model's function and training only has to learn how to use the prior.

    Vividness (contract input `vividness`, [1] in 0..1) is a fixed, unlearned step after the network:
    away from the hints (where the propagation's confidence is low) the colour moves toward the annealed
    mean of the prior's bin distribution, in proportion to vividness and to how sure the prior is.
    At 0 it is the network's own (faithful, regression) colour; hinted pixels are never changed."""

    def __init__(self, grid: torch.Tensor, width=(24, 64, 96, 128), sweeps=(4, 8, 16, 32, 64, 64, 64),
                 feat4=64, feat16=128, deep=4, own_vivid=True):
        super().__init__(grid, width, sweeps, deep)
        c0, c1, c2, c3 = width
        # Whether the fuse also reads the annealed mean of the guide's own logits (the contract-1 input it
        # grew from). The light guide does not: the prior's annealed mean carries that, once per image.
        self.own_vivid = own_vivid
        self.from16 = nn.Conv2d(feat16, c3, 1)
        self.from4 = nn.Conv2d(feat4, c1, 1)
        self.from4d = nn.Conv2d(feat4, c1, 1)
        for m in (self.from16, self.from4, self.from4d):
            nn.init.zeros_(m.weight)
            nn.init.zeros_(m.bias)
        # fuse: the prior's a*b* (2) and its annealed mean (2) as new trailing input channels
        old = self.fuse[0][0]
        grown = nn.Conv2d(old.in_channels + 4 - (0 if own_vivid else 2), old.out_channels, 3, padding=1)
        if own_vivid:
            with torch.no_grad():
                grown.weight.zero_()
                grown.weight[:, :old.in_channels] = old.weight
                grown.bias.copy_(old.bias)
        self.fuse[0][0] = grown

    def forward(self, l, hint_ab, hint_mask, prior_ab, prior_vivid, prior_sure, prior_feat4, prior_feat16,
                vividness=None):
        hint = hint_ab * hint_mask
        l2 = F.avg_pool2d(l, 2)
        h2, m2 = pool_hints(hint, hint_mask, 2)
        prop, conf = self.prop(l2, h2 * (m2 > 0), (m2 > 0).to(m2.dtype) * m2)
        x0 = self.stem(torch.cat([l2, prop, h2, m2, conf], 1))
        e1 = self.enc1(torch.cat([self.down1(x0), self.pyramid(prop, h2, m2, conf, 2)], 1)) + self.from4(prior_feat4)
        e2 = self.enc2(torch.cat([self.down2(e1), self.pyramid(prop, h2, m2, conf, 4)], 1))
        e3 = self.enc3(torch.cat([self.down3(e2), self.pyramid(prop, h2, m2, conf, 8)], 1)) + self.from16(prior_feat16)
        e3 = self.deep3(e3)
        e3 = e3 + self.glob(e3.mean((2, 3)))[:, :, None, None]
        d2 = self.dec2(torch.cat([F.interpolate(e3, size=e2.shape[-2:], mode='nearest'), e2], 1))
        d1 = self.dec1(torch.cat([F.interpolate(d2, size=e1.shape[-2:], mode='nearest'), e1], 1)) + self.from4d(prior_feat4)
        logits = self.logits(d1)
        up = lambda t: F.interpolate(t, size=x0.shape[-2:], mode='bilinear', align_corners=False)
        own = []
        if self.own_vivid:
            z = logits.detach()
            e = torch.exp((z - z.max(1, keepdim=True)[0]) / 0.38)
            own = [up(F.conv2d(e, self.grid.t()[:, :, None, None]) / e.sum(1, keepdim=True))]
        delta = self.fuse(torch.cat([x0, up(self.to_half(d1)), prop] + own + [l2, h2, m2, conf,
                                     up(prior_ab), up(prior_vivid)], 1))
        ab_half = (prop + delta).clamp(-1, 1)
        if vividness is not None:
            free = (1 - (conf * VIVID_CONF_GAIN).clamp(max=1)) * (m2 <= 0).to(m2.dtype)
            w = vividness.view(1, 1, 1, 1) * free * up(prior_sure * VIVID_SURE_GAIN).clamp(max=1)
            ab_half = ab_half + w * (up(prior_vivid) - ab_half)
        ab = F.interpolate(ab_half, size=l.shape[-2:], mode='bilinear', align_corners=False)
        return ab, logits


# Vividness: how fast the propagation's confidence shuts the blend off near hints, and how the prior's
# tempered top-bin probability (prior.annealed) maps to its sureness. Measured at vividness 0.6 on the
# recipe's val draws (N = 1 / 10 / 20): a gain of 20 left most of the image free even with hints and
# cost 0.8 / 0.9 / 1.0 dB (23.22 / 25.14 / 26.04 against 24.03 / 26.01 / 27.07 at vividness 0); 300
# still cost 0.3 dB at one hint; 3,000 (free only where the confidence is below ~3e-4, i.e. colour
# no hint reaches) costs nothing measurable: 24.02 / 26.01 / 27.07.
VIVID_CONF_GAIN = 3000.0
VIVID_SURE_GAIN = 4.0


# The guide's architectures, by the name an exported guide records in its `guide_arch` metadata (a file
# without one is 'base'), so --init-onnx rebuilds the network a file holds.
#   base: the contract-1 network grown to read the prior (2.71 M parameters).
#   light: narrower (16/48/64/96 channels), two residual blocks at 1/16 instead of four, no annealed mean
#     of its own logits; 1.12 M parameters, for the per-edit budget now that the prior carries semantics.
GUIDE_ARCHS = {
    'base': dict(width=(24, 64, 96, 128), deep=4, own_vivid=True),
    'light': dict(width=(16, 48, 64, 96), deep=2, own_vivid=False),
}


def guide_for(arch, grid):
    if arch not in GUIDE_ARCHS:
        raise SystemExit(f'unknown guide architecture {arch!r} (known: {", ".join(GUIDE_ARCHS)})')
    g = Guide(grid, **GUIDE_ARCHS[arch])
    g.arch = arch
    return g
