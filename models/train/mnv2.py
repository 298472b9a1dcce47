"""Frozen ImageNet features for the prior: Keras's MobileNetV2 (alpha 1.0, ImageNet weights) as shipped in
the npm package `nsfwjs` 4.3.0 (MIT), whose layers up to and including block 10 were frozen
(`trainable: false` in its model topology) during its NSFW fine-tuning, so they are still the ImageNet
weights (stored there quantised to 8 bits). Only those layers are built here; nothing after block 10
(the NSFW-tuned layers) is read.

Taps: `block_6_expand_relu` (1/8 of the input, 192 channels) and `block_10_project_BN` (1/16, 96).
Input: gray in [0, 1] replicated to RGB (what nsfwjs feeds: pixels / 255).

The weights are read from node_modules/nsfwjs when present, else from `npm pack nsfwjs@4.3.0` unpacked
under models/train/runs/nsfwjs (the npm registry is reachable); a shipped prior.onnx carries them
itself, so continuing from it (--init-onnx) needs neither.
"""
import base64
import json
import os
import subprocess
import tarfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = '4.3.0'
SOURCE = (f'npm nsfwjs@{VERSION} (MIT), dist/models/mobilenet_v2: Keras MobileNetV2 alpha 1.0 ImageNet weights '
          '(keras-applications, Apache-2.0; trained on ImageNet ILSVRC-2012), layers Conv1 to block_10 only, '
          'frozen (trainable: false) in that model; 8-bit quantised')
LAST = 'block_10_project_BN'
TAPS = ('block_6_expand_relu', 'block_10_project_BN')
CHANNELS = (192, 96)


def _model_dir():
    for d in (os.path.join(HERE, '..', '..', 'node_modules', 'nsfwjs', 'dist', 'models', 'mobilenet_v2'),
              os.path.join(HERE, 'runs', 'nsfwjs', 'package', 'dist', 'models', 'mobilenet_v2')):
        if os.path.exists(os.path.join(d, 'model.min.js')):
            return d
    cache = os.path.join(HERE, 'runs', 'nsfwjs')
    os.makedirs(cache, exist_ok=True)
    name = subprocess.run(['npm', 'pack', f'nsfwjs@{VERSION}', '--silent'], cwd=cache, check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(os.path.join(cache, name)) as t:
        t.extractall(cache, members=[m for m in t.getmembers() if m.name.startswith('package/dist/models/mobilenet_v2/')])
    return os.path.join(cache, 'package', 'dist', 'models', 'mobilenet_v2')


def _js_payload(path, opening):
    """The object literal / string a UMD-wrapped .min.js of nsfwjs exports, read by node."""
    # Evaluated as the CommonJS module it is, whatever package.json's "type" around it says.
    code = ("const src=require('fs').readFileSync(process.argv[1],'utf8');const module={exports:{}};"
            "new Function('module','exports','define','window',src)(module,module.exports,undefined,undefined);"
            "const m=module.exports;process.stdout.write(typeof m==='string'?m:JSON.stringify(m))")
    out = subprocess.run(['node', '-e', code, path], check=True, capture_output=True, text=True).stdout
    return out if opening == 'string' else json.loads(out)


def read_keras():
    """(layers up to LAST, {weight name: float32 array}) from nsfwjs's files."""
    d = _model_dir()
    model = _js_payload(os.path.join(d, 'model.min.js'), 'object')
    blob = base64.b64decode(_js_payload(os.path.join(d, 'group1-shard1of1.min.js'), 'string'))
    weights, off = {}, 0
    for w in model['weightsManifest'][0]['weights']:
        n = int(np.prod(w['shape']))
        q = w.get('quantization')
        if q:
            size = {'uint8': 1, 'uint16': 2}[q['dtype']]
            raw = np.frombuffer(blob, {'uint8': np.uint8, 'uint16': np.uint16}[q['dtype']], n, off)
            arr = raw.astype(np.float32) * q['scale'] + q['min']
        else:
            size = 4
            arr = np.frombuffer(blob, np.float32, n, off).copy()
        off += n * size
        weights[w['name']] = arr.reshape(w['shape'])
    layers = []
    for layer in model['modelTopology']['model_config']['config']['layers']:
        layers.append(layer)
        if layer['name'] == LAST:
            break
    if any(layer['config'].get('trainable', False) for layer in layers[1:]):
        raise SystemExit('nsfwjs: a layer up to block 10 is trainable there: not the frozen ImageNet weights')
    return layers, weights


class MobileNetV2Trunk(nn.Module):
    """Conv1 … block_10 of Keras's MobileNetV2, frozen; forward(l) -> (1/8 tap, 1/16 tap)."""

    def __init__(self, layers=None, weights=None):
        super().__init__()
        self.ops = []  # (kind, name, args) in topology order; one input per layer but Add
        self.mods = nn.ModuleDict()
        self.inbound = {}
        if layers is None:  # the structure only (weights come from a checkpoint or an ONNX file)
            layers, weights = read_keras()
        for layer in layers:
            kind, cfg, name = layer['class_name'], layer['config'], layer['name']
            self.inbound[name] = [n[0] for n in layer['inbound_nodes'][0]] if layer['inbound_nodes'] else []
            key = name.replace('/', '_')
            if kind == 'Conv2D':
                k = weights[f'{name}/kernel']  # kh, kw, in, out
                conv = nn.Conv2d(k.shape[2], k.shape[3], k.shape[:2], cfg['strides'],
                                 padding=(k.shape[0] // 2) if cfg['padding'] == 'same' else 0, bias=cfg['use_bias'])
                conv.weight.data = torch.from_numpy(np.ascontiguousarray(k.transpose(3, 2, 0, 1)))
                if cfg['use_bias']:
                    conv.bias.data = torch.from_numpy(weights[f'{name}/bias'])
                self.mods[key] = conv
            elif kind == 'DepthwiseConv2D':
                k = weights[f'{name}/depthwise_kernel']  # kh, kw, in, 1
                conv = nn.Conv2d(k.shape[2], k.shape[2], k.shape[:2], cfg['strides'],
                                 padding=(k.shape[0] // 2) if cfg['padding'] == 'same' else 0, groups=k.shape[2],
                                 bias=cfg['use_bias'])
                conv.weight.data = torch.from_numpy(np.ascontiguousarray(k.transpose(2, 3, 0, 1)))
                self.mods[key] = conv
            elif kind == 'BatchNormalization':
                c = weights[f'{name}/gamma'].shape[0]
                bn = nn.BatchNorm2d(c, eps=cfg['epsilon'])
                bn.weight.data = torch.from_numpy(weights[f'{name}/gamma'])
                bn.bias.data = torch.from_numpy(weights[f'{name}/beta'])
                bn.running_mean.data = torch.from_numpy(weights[f'{name}/moving_mean'])
                bn.running_var.data = torch.from_numpy(weights[f'{name}/moving_variance'])
                self.mods[key] = bn
            elif kind == 'ReLU':
                if cfg.get('max_value') not in (6, 6.0) or cfg.get('negative_slope', 0) or cfg.get('threshold', 0):
                    raise SystemExit(f'nsfwjs: unexpected ReLU config at {name}')
            elif kind == 'ZeroPadding2D':
                (t, b), (le, r) = cfg['padding']
                self.mods[key] = nn.ZeroPad2d((le, r, t, b))
            elif kind not in ('InputLayer', 'Add'):
                raise SystemExit(f'nsfwjs: unexpected layer {kind} {name}')
            self.ops.append((kind, name, key))
        for p in self.parameters():
            p.requires_grad_(False)
        self.eval()

    def train(self, mode=True):  # frozen: batch norms always use the ImageNet statistics
        return super().train(False)

    def forward(self, l):
        x = l.expand(-1, 3, -1, -1)
        out, taps = {}, []
        for kind, name, key in self.ops:
            ins = [out[n] for n in self.inbound[name]] or [x]
            if kind == 'Add':
                y = ins[0] + ins[1]
            elif kind == 'ReLU':
                y = F.relu6(ins[0])
            elif kind == 'InputLayer':
                y = x
            else:
                y = self.mods[key](ins[0])
            out[name] = y
            if name in TAPS:
                taps.append(y)
        return tuple(taps)
