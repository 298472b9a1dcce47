"""The latency anchor: a network of the shape of Zhang et al. 2017, "Real-Time User-Guided Image
Colorization with Learned Deep Priors" (the `siggraph17` model), with random, seeded weights.

Only its cost matters (issue 16 times the app's graphs against it), so the weights are random and
nothing here is trained or downloaded. The structure follows the paper's network: ten conv blocks,
the dilated conv5/conv6 at 512 channels and 1/8 scale, three transposed-conv upsamplings each added
to a shortcut from the encoder, BatchNorm at the end of each block, a regression head (ab, tanh) at
full size and the 529-bin distribution head on conv8 at 1/4. Inputs and outputs use Tintype's
contract (`l` = L*/100, `hint_ab` = ab/110, `hint_mask`; outputs `ab` and `ab_logits`).

    /usr/bin/python3 tests/support/anchor_net.py OUT_DIR

writes OUT_DIR/anchor.onnx (opset 17, dynamic H and W), a tiny contract-2 prior/guide pair with
random weights (OUT_DIR/toy-pair/, so the bench's contract-2 path is tested before a real pair
ships) and, last, OUT_DIR/anchor.json (the parameter count; its presence marks a complete build).
"""
import hashlib
import json
import os
import sys

import torch
from torch import nn

SEED = 17
BINS = 529


def block(channels, dilation=1, lead_relu=False):
    """3x3 convs with ReLUs, then BatchNorm (the paper's block); `lead_relu` opens with a ReLU
    (decoder blocks, whose input is a sum of an up-conv and a shortcut)."""
    layers = [nn.ReLU(True)] if lead_relu else []
    for cin, cout in zip(channels[:-1], channels[1:]):
        layers += [nn.Conv2d(cin, cout, 3, padding=dilation, dilation=dilation), nn.ReLU(True)]
    layers.append(nn.BatchNorm2d(channels[-1]))
    return nn.Sequential(*layers)


class Anchor(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = block([4, 64, 64])
        self.conv2 = block([64, 128, 128])
        self.conv3 = block([128, 256, 256, 256])
        self.conv4 = block([256, 512, 512, 512])
        self.conv5 = block([512, 512, 512, 512], dilation=2)
        self.conv6 = block([512, 512, 512, 512], dilation=2)
        self.conv7 = block([512, 512, 512, 512])
        self.up8 = nn.ConvTranspose2d(512, 256, 4, stride=2, padding=1)
        self.short3to8 = nn.Conv2d(256, 256, 3, padding=1)
        self.conv8 = block([256, 256, 256], lead_relu=True)
        self.up9 = nn.ConvTranspose2d(256, 128, 4, stride=2, padding=1)
        self.short2to9 = nn.Conv2d(128, 128, 3, padding=1)
        self.conv9 = block([128, 128], lead_relu=True)
        self.up10 = nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1)
        self.short1to10 = nn.Conv2d(64, 128, 3, padding=1)
        self.conv10 = nn.Sequential(nn.ReLU(True), nn.Conv2d(128, 128, 3, padding=1), nn.LeakyReLU(0.2))
        self.head_bins = nn.Conv2d(256, BINS, 1)
        self.head_ab = nn.Sequential(nn.Conv2d(128, 2, 1), nn.Tanh())

    def forward(self, l, hint_ab, hint_mask):
        x = torch.cat((l - 0.5, hint_ab, hint_mask), dim=1)
        c1 = self.conv1(x)
        c2 = self.conv2(c1[:, :, ::2, ::2])  # the paper subsamples by striding, not pooling
        c3 = self.conv3(c2[:, :, ::2, ::2])
        c4 = self.conv4(c3[:, :, ::2, ::2])
        c7 = self.conv7(self.conv6(self.conv5(c4)))
        c8 = self.conv8(self.up8(c7) + self.short3to8(c3))
        c9 = self.conv9(self.up9(c8) + self.short2to9(c2))
        c10 = self.conv10(self.up10(c9) + self.short1to10(c1))
        return self.head_ab(c10), self.head_bins(c8)


def init_weights(model):
    """He-normal convs and BatchNorm statistics measured on noise, so activations keep a sane scale
    through all 24 layers (random defaults shrink them toward denormals, which would time wrongly)."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.kaiming_normal_(m.weight, nonlinearity='relu')
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            m.momentum = None  # cumulative average over the calibration batches
    model.train()
    with torch.no_grad():
        for _ in range(2):
            l = torch.rand(2, 1, 64, 64)
            model(l, torch.zeros(2, 2, 64, 64), torch.zeros(2, 1, 64, 64))
    model.eval()


def export(model, inputs, names_in, names_out, dynamic, path, metadata):
    import onnx

    tmp = path + '.tmp'
    torch.onnx.export(model, inputs, tmp, opset_version=17, input_names=names_in, output_names=names_out,
                      dynamic_axes=dynamic, do_constant_folding=True)
    m = onnx.load(tmp)
    for k, v in metadata.items():
        m.metadata_props.add(key=k, value=v)
    onnx.save(m, tmp)
    os.replace(tmp, path)


class ToyPrior(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(1, 8, 3, stride=4, padding=1), nn.ReLU())
        self.ab = nn.Conv2d(8, 2, 1)

    def forward(self, l):
        f = self.down(l)
        return self.ab(f), f


class ToyGuide(nn.Module):
    def __init__(self):
        super().__init__()
        self.mix = nn.Conv2d(4, 2, 3, padding=1)
        self.feat = nn.Conv2d(8 + 2, 2, 1)
        self.bins = nn.Conv2d(8, 4, 1)

    def forward(self, l, hint_ab, hint_mask, prior_ab, prior_feat, vividness):
        coarse = self.feat(torch.cat((prior_feat, prior_ab), dim=1)) * (1 + vividness)
        up = nn.functional.interpolate(coarse, scale_factor=4.0, mode='bilinear', align_corners=False)
        return torch.tanh(self.mix(torch.cat((l, hint_ab, hint_mask), dim=1)) + up), self.bins(prior_feat)


def toy_pair(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(SEED)
    grid = json.dumps([[-40.0, -40.0], [-40.0, 40.0], [40.0, -40.0], [40.0, 40.0]])
    base = {'contract': 'tintype-colorizer/2', 'train_data': 'none (random weights, a bench test fixture)',
            'train_steps': '0', 'created': '1970-01-01T00:00:00+00:00'}
    hw = {0: 'n', 2: 'h', 3: 'w'}
    q = {0: 'n', 2: 'h4', 3: 'w4'}
    l = torch.rand(1, 1, 64, 64)
    prior = ToyPrior().eval()
    export(prior, (l,), ['l'], ['prior_ab', 'prior_feat'], {'l': hw, 'prior_ab': q, 'prior_feat': q},
           os.path.join(out, 'prior.onnx'), {**base, 'role': 'prior'})
    with torch.no_grad():
        pab, pfeat = prior(l)
    guide = ToyGuide().eval()
    export(guide, (l, torch.zeros(1, 2, 64, 64), torch.zeros(1, 1, 64, 64), pab, pfeat, torch.tensor([0.5])),
           ['l', 'hint_ab', 'hint_mask', 'prior_ab', 'prior_feat', 'vividness'], ['ab', 'ab_logits'],
           {'l': hw, 'hint_ab': hw, 'hint_mask': hw, 'prior_ab': q, 'prior_feat': q, 'ab': hw, 'ab_logits': q},
           os.path.join(out, 'guide.onnx'), {**base, 'role': 'guide', 'ab_grid': grid, 'vividness_default': '0.5'})
    manifest = {'contract': 'tintype-colorizer/2'}
    for role in ('prior', 'guide'):
        with open(os.path.join(out, f'{role}.onnx'), 'rb') as f:
            manifest[role] = {'file': f'{role}.onnx', 'sha256': hashlib.sha256(f.read()).hexdigest()}
    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=2)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    model = Anchor()
    init_weights(model)
    parameters = sum(p.numel() for p in model.parameters())
    print(f'anchor (siggraph17 shape): {parameters:,} parameters')
    if not 30e6 <= parameters <= 38e6:
        sys.exit(f'the anchor has {parameters} parameters, outside 30-38 M: its structure is wrong')
    s = 64
    hw = {0: 'n', 2: 'h', 3: 'w'}
    export(model, (torch.rand(1, 1, s, s), torch.zeros(1, 2, s, s), torch.zeros(1, 1, s, s)),
           ['l', 'hint_ab', 'hint_mask'], ['ab', 'ab_logits'],
           {'l': hw, 'hint_ab': hw, 'hint_mask': hw, 'ab': hw, 'ab_logits': {0: 'n', 2: 'h4', 3: 'w4'}},
           os.path.join(out, 'anchor.onnx'),
           {'role': 'latency-anchor', 'shape': 'Zhang et al. 2017 (siggraph17), random weights',
            'parameters': str(parameters)})
    toy_pair(os.path.join(out, 'toy-pair'))
    with open(os.path.join(out, 'anchor.json.tmp'), 'w') as f:
        json.dump({'parameters': parameters, 'seed': SEED}, f)
    os.replace(os.path.join(out, 'anchor.json.tmp'), os.path.join(out, 'anchor.json'))


if __name__ == '__main__':
    main()
