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
    """Copy the ONNX initializers whose names match the model's parameters.

    The model may have grown since the file was written: parameters the file lacks keep their own
    initialisation (new blocks are zero-initialised residuals), and a weight that gained input channels
    gets the old weights in its leading channels and zeros after them, so the function is unchanged.
    Anything else that does not match is refused. Returns the file's metadata and the grown names."""
    m = onnx.load(path)
    inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    state = model.state_dict()
    learned = [k for k in state if not k.startswith('prop.') and k != 'grid']
    if not any(k in inits for k in learned):
        raise SystemExit(f'{path}: none of the weights match (exported by another architecture?)')
    grown = []
    for k in learned:
        if k not in inits:
            grown.append(k)
            continue
        old = torch.from_numpy(np.array(inits[k]))
        if old.shape == state[k].shape:
            state[k] = old
        elif old.dim() == 4 and old.shape[0] == state[k].shape[0] and old.shape[2:] == state[k].shape[2:] \
                and old.shape[1] < state[k].shape[1]:
            w = torch.zeros_like(state[k])
            w[:, :old.shape[1]] = old
            state[k] = w
            grown.append(k)
        else:
            raise SystemExit(f'{path}: {k} has shape {tuple(old.shape)}, the model needs {tuple(state[k].shape)}')
    model.load_state_dict(state)
    return {p.key: p.value for p in m.metadata_props}, grown
