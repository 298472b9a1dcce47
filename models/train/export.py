"""Export a trained Colorizer to one self-contained ONNX file with the contract's metadata, and read
weights back from such a file (so the shipped model is also the resumable state across sessions)."""
import datetime
import json

import numpy as np
import onnx
import torch
from onnx import numpy_helper

CONTRACT = 'tintype-colorizer/1'


def export_onnx(model, path, grid, train_data, train_steps, extra=None):
    model.eval()
    dummy = (torch.rand(1, 1, 256, 256), torch.zeros(1, 2, 256, 256), torch.zeros(1, 1, 256, 256))
    axes = {'l': {0: 'n', 2: 'h', 3: 'w'}, 'hint_ab': {0: 'n', 2: 'h', 3: 'w'},
            'hint_mask': {0: 'n', 2: 'h', 3: 'w'}, 'ab': {0: 'n', 2: 'h', 3: 'w'},
            'ab_logits': {0: 'n', 2: 'h4', 3: 'w4'}}
    torch.onnx.export(model, dummy, path, input_names=['l', 'hint_ab', 'hint_mask'],
                      output_names=['ab', 'ab_logits'], dynamic_axes=axes, opset_version=17,
                      do_constant_folding=True)
    m = onnx.load(path)
    meta = {'contract': CONTRACT, 'ab_grid': json.dumps([[float(a), float(b)] for a, b in grid.tolist()]),
            'train_data': train_data, 'train_steps': str(train_steps),
            'created': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}
    meta.update(extra or {})
    del m.metadata_props[:]
    for k, v in meta.items():
        m.metadata_props.add(key=k, value=v)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    model.train()


def load_weights_from_onnx(model, path):
    """Copy the ONNX initializers whose names match the model's parameters; fail unless all matched."""
    m = onnx.load(path)
    inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    state = model.state_dict()
    missing = [k for k in state if k not in inits and not k.startswith('prop.') and k != 'grid']
    if missing:
        raise SystemExit(f'{path}: weights missing for {missing[:5]} (exported by another architecture?)')
    for k in state:
        if k in inits:
            state[k] = torch.from_numpy(np.array(inits[k]))
    model.load_state_dict(state)
    return {p.key: p.value for p in m.metadata_props}
