#!/usr/bin/python3
"""PyTorch reference for the C++ network (core/vae): writes parity fixtures to tests/data/parity/.

For each configuration it builds the model of docs/design.md ("Model") in plain PyTorch (F.linear,
F.batch_norm, F.leaky_relu, F.binary_cross_entropy_with_logits, torch.optim.Adam), with
  - weights from a counter hash that the C++ test recomputes bit for bit (so full-size weights need not
    be stored), see weight_values();
  - seeded sparse input planes, dropout keep-masks and eps, all stored;
and records one training step (outputs, every loss part, every gradient), the parameters after one Adam
step, the batch-norm running statistics after the step (Keras semantics: momentum 0.99 on the biased
batch variance), an eval-mode pass of the same batch after the step, and an eval-mode decode of fixed z.

Output per configuration: <name>.json (index, torch version, shape) and <name>.bin (float32 little-endian).
Large tensors (full configuration) are stored as a deterministic sample (every `stride`-th value) plus the
float64 sum and sum of absolute values of the whole tensor.

Run: /usr/bin/python3 tools/torch_reference.py [--out tests/data/parity]
"""
import argparse
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

PLANES = ["onset", "velocity", "duration", "offset"]
SAMPLE_LIMIT = 2048  # values kept of a tensor larger than this


# --- weights the C++ test can recompute exactly -------------------------------------------------------
def hash_uniform(tensor_index, size):
    """Symmetric values in [-1, 1) from a 32-bit integer hash (lowbias32) of (tensor_index, element)."""
    i = np.arange(size, dtype=np.uint64)
    x = (np.uint64(tensor_index) * np.uint64(0x9E3779B9) + i) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    top = (x >> np.uint64(8)).astype(np.float32)  # 24 bits, exact in float32
    return top * np.float32(2.0 ** -23) - np.float32(1.0)


def weight_values(name, shape, tensor_index):
    s = hash_uniform(tensor_index, int(np.prod(shape)))
    if name.endswith(".norm.gamma"):
        v = np.float32(1.0) + np.float32(0.2) * s
    elif name.endswith(".running_var"):
        v = np.float32(1.0) + np.float32(0.4) * s
    elif name.endswith(".bias") or name.endswith(".norm.beta") or name.endswith(".running_mean"):
        v = np.float32(0.1) * s
    else:  # kernel [out, in]: uniform with Glorot's range
        v = np.float32(math.sqrt(6.0 / (shape[0] + shape[1]))) * s
    return v.astype(np.float32).reshape(shape)


# --- the tensor layout of docs/model-tensors.md ---------------------------------------------------------
def layout(shape):
    c, h, m, l, d, k = (shape[x] for x in ("cells", "planeHidden", "mergeHidden", "latent", "decoderHidden",
                                           "branchHidden"))
    params, state = [], []

    def hidden(prefix, fin, fout):
        params.extend([(prefix + ".dense.weight", [fout, fin]), (prefix + ".dense.bias", [fout]),
                       (prefix + ".norm.gamma", [fout]), (prefix + ".norm.beta", [fout])])
        state.extend([(prefix + ".norm.running_mean", [fout]), (prefix + ".norm.running_var", [fout])])

    for p in PLANES:
        hidden("encoder." + p, c, h)
    hidden("encoder.merge", 4 * h, m)
    params.extend([("encoder.mean.weight", [l, m]), ("encoder.mean.bias", [l]),
                   ("encoder.logvar.weight", [l, m]), ("encoder.logvar.bias", [l])])
    hidden("decoder.input", l, d)
    for p in PLANES:
        hidden("decoder." + p, d, k)
        params.extend([("decoder." + p + ".out.weight", [c, k]), ("decoder." + p + ".out.bias", [c])])
    return params, state


# --- inputs ------------------------------------------------------------------------------------------------
def make_planes(rng, batch, rows, steps):
    """Monophonic-ish loops: at each step an onset with probability 0.5 on a random row."""
    cells = rows * steps
    planes = np.zeros((4, batch, cells), dtype=np.float32)
    for b in range(batch):
        for step in range(steps):
            if rng.random() < 0.5:
                cell = int(rng.integers(rows)) * steps + step
                planes[0, b, cell] = 1.0
                planes[1, b, cell] = np.float32(int(rng.integers(30, 128)) / 127.0)
                planes[2, b, cell] = np.float32(rng.uniform(0.05, 0.95))
                planes[3, b, cell] = np.float32(rng.uniform(-1.0, 1.0))
    return planes


# --- the model -----------------------------------------------------------------------------------------------
class Model:
    def __init__(self, shape, params, state):
        self.shape = shape
        self.p = params  # name -> leaf tensor (requires_grad)
        self.s = state   # name -> tensor
        self.batch_stats = {}

    def hidden(self, x, prefix, train, mask):
        sh = self.shape
        pre = F.linear(x, self.p[prefix + ".dense.weight"], self.p[prefix + ".dense.bias"])
        if train:
            out = F.batch_norm(pre, None, None, self.p[prefix + ".norm.gamma"], self.p[prefix + ".norm.beta"],
                               training=True, eps=sh["batchNormEpsilon"])
            detached = pre.detach()
            self.batch_stats[prefix] = (detached.mean(0), detached.var(0, unbiased=False))
        else:
            out = F.batch_norm(pre, self.s[prefix + ".norm.running_mean"], self.s[prefix + ".norm.running_var"],
                               self.p[prefix + ".norm.gamma"], self.p[prefix + ".norm.beta"], training=False,
                               eps=sh["batchNormEpsilon"])
        out = F.leaky_relu(out, sh["leakySlope"])
        if train:
            out = out * mask / (1.0 - sh["dropout"])
        return out

    def encode(self, planes, train, masks):
        feats = [self.hidden(planes[i], "encoder." + p, train, masks.get("encoder." + p)) for i, p in enumerate(PLANES)]
        e = self.hidden(torch.cat(feats, dim=1), "encoder.merge", train, masks.get("encoder.merge"))
        mean = F.linear(e, self.p["encoder.mean.weight"], self.p["encoder.mean.bias"])
        logvar = F.linear(e, self.p["encoder.logvar.weight"], self.p["encoder.logvar.bias"])
        return mean, logvar

    def decode(self, z, train, masks):
        g = self.hidden(z, "decoder.input", train, masks.get("decoder.input"))
        logits, outputs = [], []
        for p in PLANES:
            r = self.hidden(g, "decoder." + p, train, masks.get("decoder." + p))
            lg = F.linear(r, self.p["decoder." + p + ".out.weight"], self.p["decoder." + p + ".out.bias"])
            logits.append(lg)
            outputs.append(torch.tanh(lg) if p == "offset" else torch.sigmoid(lg))
        return logits, outputs

    def loss(self, planes, logits, outputs, mean, logvar, kl_weight):
        sh = self.shape
        onset = planes[0]
        parts = {
            "onset": sh["onsetWeight"] * F.binary_cross_entropy_with_logits(logits[0], onset, reduction="none").sum(1),
            "velocity": sh["velocityWeight"] * (onset * (outputs[1] - planes[1]) ** 2).sum(1),
            "duration": sh["durationWeight"] * (onset * (outputs[2] - planes[2]) ** 2).sum(1),
            "offset": sh["offsetWeight"] * (onset * (outputs[3] - planes[3]) ** 2).sum(1),
            "kl": -0.5 * (1 + logvar - mean ** 2 - torch.exp(logvar)).sum(1),
        }
        parts = {k: v.mean() for k, v in parts.items()}
        parts["total"] = parts["onset"] + parts["velocity"] + parts["duration"] + parts["offset"] + kl_weight * parts["kl"]
        return parts

    def update_running(self):
        momentum = self.shape["batchNormMomentum"]
        with torch.no_grad():
            for prefix, (mean, var) in self.batch_stats.items():
                rm, rv = self.s[prefix + ".norm.running_mean"], self.s[prefix + ".norm.running_var"]
                rm.mul_(momentum).add_((1 - momentum) * mean)
                rv.mul_(momentum).add_((1 - momentum) * var)


# --- fixture writing ----------------------------------------------------------------------------------------
class FixtureWriter:
    def __init__(self):
        self.index = {}
        self.chunks = []
        self.offset = 0

    def add(self, name, array, sample=False):
        a = np.ascontiguousarray(np.asarray(array, dtype=np.float32))
        entry = {"shape": list(a.shape), "offset": self.offset}
        flat = a.reshape(-1)
        if sample and flat.size > SAMPLE_LIMIT:
            stride = -(-flat.size // SAMPLE_LIMIT) | 1
            cols = a.shape[-1] if a.ndim > 1 else 1
            while math.gcd(stride, cols) != 1:
                stride += 2
            entry["stride"] = stride
            entry["sum"] = float(flat.astype(np.float64).sum())
            entry["abs_sum"] = float(np.abs(flat.astype(np.float64)).sum())
            flat = flat[::stride]
        entry["count"] = int(flat.size)
        self.index[name] = entry
        self.chunks.append(flat.astype("<f4").tobytes())
        self.offset += flat.size

    def write(self, directory, name, meta):
        meta = dict(meta)
        meta["tensors"] = self.index
        with open(os.path.join(directory, name + ".bin"), "wb") as f:
            for c in self.chunks:
                f.write(c)
        with open(os.path.join(directory, name + ".json"), "w") as f:
            json.dump(meta, f, indent=1, sort_keys=True)
            f.write("\n")


DEFAULT_SHAPE = {
    "cells": 768, "planeHidden": 512, "mergeHidden": 512, "latent": 2, "decoderHidden": 1024, "branchHidden": 512,
    "dropout": 0.2, "leakySlope": 0.3, "batchNormMomentum": 0.99, "batchNormEpsilon": 1e-3,
    "onsetWeight": 1.0, "velocityWeight": 2.5, "durationWeight": 2.5, "offsetWeight": 5.0,
}


def build_fixture(directory, name, shape, rows, steps, batch, seed, sample):
    assert rows * steps == shape["cells"]
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    kl_weight = 0.5
    learning_rate = 1e-3
    adam_eps = 1e-7
    param_list, state_list = layout(shape)
    params = {n: torch.tensor(weight_values(n, s, i), requires_grad=True) for i, (n, s) in enumerate(param_list)}
    state = {n: torch.tensor(weight_values(n, s, 1000 + i)) for i, (n, s) in enumerate(state_list)}
    model = Model(shape, params, state)

    planes_np = make_planes(rng, batch, rows, steps)
    planes = [torch.tensor(planes_np[i]) for i in range(4)]
    gen = torch.Generator().manual_seed(seed + 1)
    keep = 1.0 - shape["dropout"]
    widths = {"planeHidden": shape["planeHidden"], "mergeHidden": shape["mergeHidden"],
              "decoderHidden": shape["decoderHidden"], "branchHidden": shape["branchHidden"]}
    mask_layers = ([("encoder." + p, widths["planeHidden"]) for p in PLANES] + [("encoder.merge", widths["mergeHidden"])]
                   + [("decoder.input", widths["decoderHidden"])]
                   + [("decoder." + p, widths["branchHidden"]) for p in PLANES])
    masks = {n: torch.bernoulli(torch.full((batch, w), keep), generator=gen) for n, w in mask_layers}
    eps = torch.randn(batch, shape["latent"], generator=gen)

    w = FixtureWriter()
    for i, p in enumerate(PLANES):
        w.add("input." + p, planes_np[i])
    for n, _ in mask_layers:
        w.add("mask." + n, masks[n].numpy())
    w.add("eps", eps.numpy())

    # Training step.
    mean, logvar = model.encode(planes, True, masks)
    z = mean + torch.exp(0.5 * logvar) * eps
    logits, outputs = model.decode(z, True, masks)
    parts = model.loss(planes, logits, outputs, mean, logvar, kl_weight)
    parts["total"].backward()
    model.update_running()
    w.add("train.mean", mean.detach().numpy())
    w.add("train.logvar", logvar.detach().numpy())
    w.add("train.z", z.detach().numpy())
    for i, p in enumerate(PLANES):
        w.add("train.output." + p, outputs[i].detach().numpy())
    w.add("train.loss", np.array([parts[k].item() for k in ("onset", "velocity", "duration", "offset", "kl", "total")]))
    for n, _ in param_list:
        w.add("grad." + n, params[n].grad.numpy(), sample)

    # A dense layer feeding batch norm cannot change the training loss through its bias (the batch mean is
    # subtracted): the exact gradient is 0 and autograd returns rounding noise (~1e-7), which Adam would turn
    # into arbitrary +-lr steps. The C++ engine uses the exact 0; so does the reference from here on.
    for n, _ in param_list:
        if n.endswith(".dense.bias"):
            params[n].grad.zero_()
    optimizer = torch.optim.Adam(list(params.values()), lr=learning_rate, betas=(0.9, 0.999), eps=adam_eps)
    optimizer.step()
    for n, _ in param_list:
        w.add("adam." + n, params[n].detach().numpy(), sample)
    for n, _ in state_list:
        w.add("state." + n, state[n].numpy())

    # Eval mode after the step: same batch, then a decode of fixed latent points.
    with torch.no_grad():
        mean, logvar = model.encode(planes, False, {})
        logits, outputs = model.decode(mean, False, {})
        parts = model.loss(planes, logits, outputs, mean, logvar, kl_weight)
        w.add("eval.mean", mean.numpy())
        w.add("eval.logvar", logvar.numpy())
        for i, p in enumerate(PLANES):
            w.add("eval.output." + p, outputs[i].numpy())
        w.add("eval.loss", np.array([parts[k].item() for k in ("onset", "velocity", "duration", "offset", "kl", "total")]))
        zs = torch.tensor(np.random.default_rng(seed + 2).normal(0.0, 1.5, (3, shape["latent"])).astype(np.float32))
        _, outputs = model.decode(zs, False, {})
        w.add("decode.z", zs.numpy())
        for i, p in enumerate(PLANES):
            w.add("decode.output." + p, outputs[i].numpy())

    meta = {"torch_version": torch.__version__, "numpy_version": np.__version__, "generator": "tools/torch_reference.py",
            "shape": shape, "batch": batch, "klWeight": kl_weight, "learningRate": learning_rate,
            "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": adam_eps},
            "maskOrder": [n for n, _ in mask_layers], "lossOrder": ["onset", "velocity", "duration", "offset", "kl", "total"],
            "parameters": [n for n, _ in param_list], "batchNormState": [n for n, _ in state_list]}
    w.write(directory, name, meta)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out", default=os.path.join(root, "tests", "data", "parity"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    small = dict(DEFAULT_SHAPE, cells=12, planeHidden=16, mergeHidden=8, latent=2, decoderHidden=16, branchHidden=8)
    build_fixture(args.out, "small", small, rows=3, steps=4, batch=6, seed=1234, sample=False)
    build_fixture(args.out, "full", dict(DEFAULT_SHAPE), rows=24, steps=32, batch=4, seed=5678, sample=True)


if __name__ == "__main__":
    main()
