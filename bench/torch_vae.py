#!/usr/bin/python3
"""Times the MelodyVAE model in PyTorch: one training step, one single-z decode, one single-clip encode.

The peer for bench/bench_engine: the same layers, sizes and loss (docs/design.md), so the two can be
timed side by side by bench/compare_with_pytorch.sh. Prints one JSON object with median times in
microseconds. Run with Debian's /usr/bin/python3 (python3-torch); for PyTorch at its best, put OpenBLAS
first on the library path (the wrapper script does).
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn

CELLS, PLANE_HIDDEN, MERGE_HIDDEN, LATENT, DECODER_HIDDEN, BRANCH_HIDDEN = 768, 512, 512, 2, 1024, 512


def block(inputs, outputs):
    # Keras BatchNormalization(momentum=0.99, epsilon=1e-3) is PyTorch's momentum 0.01.
    return nn.Sequential(nn.Linear(inputs, outputs), nn.BatchNorm1d(outputs, eps=1e-3, momentum=0.01),
                         nn.LeakyReLU(0.3), nn.Dropout(0.2))


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.plane_encoders = nn.ModuleList([block(CELLS, PLANE_HIDDEN) for _ in range(4)])
        self.merge = block(4 * PLANE_HIDDEN, MERGE_HIDDEN)
        self.mean = nn.Linear(MERGE_HIDDEN, LATENT)
        self.logvar = nn.Linear(MERGE_HIDDEN, LATENT)
        self.decoder_input = block(LATENT, DECODER_HIDDEN)
        self.branches = nn.ModuleList([nn.Sequential(block(DECODER_HIDDEN, BRANCH_HIDDEN),
                                                     nn.Linear(BRANCH_HIDDEN, CELLS)) for _ in range(4)])

    def encode(self, planes):
        hidden = self.merge(torch.cat([enc(p) for enc, p in zip(self.plane_encoders, planes)], dim=1))
        return self.mean(hidden), self.logvar(hidden)

    def decode(self, z):
        hidden = self.decoder_input(z)
        return [branch(hidden) for branch in self.branches]  # logits / pre-activations

    def loss(self, planes, kl_weight):
        mean, logvar = self.encode(planes)
        z = mean + torch.exp(0.5 * logvar) * torch.randn_like(mean)
        onset_logits, velocity, duration, offset = self.decode(z)
        onset = planes[0]
        bce = nn.functional.binary_cross_entropy_with_logits(onset_logits, onset, reduction="none").sum(1)
        masked = lambda prediction, target: ((prediction - target) ** 2 * onset).sum(1)
        reconstruction = (bce + 2.5 * masked(torch.sigmoid(velocity), planes[1])
                          + 2.5 * masked(torch.sigmoid(duration), planes[2])
                          + 5.0 * masked(torch.tanh(offset), planes[3]))
        kl = -0.5 * (1 + logvar - mean ** 2 - logvar.exp()).sum(1)
        return (reconstruction + kl_weight * kl).mean()


def sparse_planes(batch, generator):
    """Planes like real loops: about 3% of cells hold an onset."""
    onset = (torch.rand(batch, CELLS, generator=generator) < 0.03).float()
    return [onset, onset * torch.rand(batch, CELLS, generator=generator),
            onset * torch.rand(batch, CELLS, generator=generator),
            onset * (torch.rand(batch, CELLS, generator=generator) * 2 - 1)]


def median_microseconds(function, repetitions, warmup=3):
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1e6)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", default="64", help="comma-separated training batch sizes")
    parser.add_argument("--repetitions", type=int, default=20)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(2)
    model = Vae()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    results = {"torch": torch.__version__, "threads": args.threads,
               "parameters": sum(p.numel() for p in model.parameters())}

    for batch in [int(b) for b in args.batches.split(",")]:
        planes = sparse_planes(batch, generator)
        model.train()

        def train_step():
            # set_to_none: the gradients are dropped rather than zeroed (PyTorch 2's default), ~6% faster
            # here than zeroing; foreach Adam was slower (it makes more passes over memory).
            optimizer.zero_grad(set_to_none=True)
            model.loss(planes, 1.0).backward()
            optimizer.step()

        results[f"train_step_batch{batch}_us"] = median_microseconds(train_step, args.repetitions)

    model.eval()
    z = torch.zeros(1, LATENT)
    clip = sparse_planes(1, generator)
    with torch.no_grad():
        results["decode_one_us"] = median_microseconds(
            lambda: [torch.sigmoid(x) for x in model.decode(z)], args.repetitions * 20)
        results["encode_one_us"] = median_microseconds(lambda: model.encode(clip)[0],
                                                       args.repetitions * 20)
        grid = torch.stack(torch.meshgrid(torch.linspace(-2, 2, 16), torch.linspace(-2, 2, 16),
                                          indexing="ij"), -1).reshape(256, 2)
        results["decode_grid256_us"] = median_microseconds(lambda: model.decode(grid),
                                                           args.repetitions)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
