"""The five super-resolution networks, written for one-channel float depth (torch).

Our own implementations of
- SRCNN  (Dong, Loy, He & Tang 2016, IEEE TPAMI 38(2):295), 9-1-5, on the bicubic grid;
- FSRCNN (Dong, Loy & Tang 2016, ECCV, LNCS 9906:391), hourglass with a deconvolution;
- ESPCN  (Shi et al. 2016, CVPR, "Real-time single image and video super-resolution using an
  efficient sub-pixel convolutional neural network");
- SRGAN  (Ledig et al. 2017, CVPR): the SRResNet generator and a strided discriminator;
- ESRGAN (Wang et al. 2018, ECCV Workshops): the RRDB generator and a relativistic
  average discriminator.

What every generator shares, and why (`BathymetrySR`):
- It predicts the correction to bicubic (Keys, the plugin's own bicubic computed outside
  the network and fed in as the second input), so an untrained network is bicubic.
- An exact block-mean projection ends the graph: out = y + nearest(coarse - blockmean(y)).
  A coarser grid of the same survey is the block mean of the finer one, so the output's
  block means reproduce the input exactly (the back-projection of Yang et al. 2010, in
  one step, learned through end to end).
- Affine equivariance by construction: the first convolution has zero-sum kernels
  (`ZeroSumConv2d`, blind to a constant offset) and no layer has a bias, with ReLU-family
  activations (positively homogeneous).  So f(a*z + b) = a*f(z) + b for any a > 0, b,
  away from the array's edges (the convolutions' zero padding sees b there; the tiler's
  reflected context, cropped off afterwards, keeps those edges out of every result):
  the per-tile normalisation (mean depth, robust relief) that keeps the numbers near 1
  does not change the result, and tiled inference equals a single pass (the
  bias-free idea of Mohan et al. 2020, ICLR, "Robust and interpretable blind image
  denoising via bias-free CNNs").  a < 0 (depths positive down) is not exact: training
  augments with negated relief so both conventions are learned.  ESPCN's tanh becomes ReLU and SRGAN's batch norm goes
  for the same reason (ESRGAN removed batch norm too).

Sizes are reduced from the papers so that training on a 2-core CPU takes minutes to an
hour per network; `REDUCED` says what changed and goes into each model card.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class ZeroSumConv2d(nn.Conv2d):
    """A convolution whose every kernel sums to zero over channels and space."""

    def forward(self, x):
        w = self.weight - self.weight.mean(dim=(1, 2, 3), keepdim=True)
        return F.conv2d(x, w, None, self.stride, self.padding)


def conv(cin, cout, k, first=False):
    cls = ZeroSumConv2d if first else nn.Conv2d
    return cls(cin, cout, k, padding=k // 2, bias=False)


def upsample_steps(scale):
    """x2 -> [2], x4 -> [2, 2], x3 -> [3]."""
    if scale == 4:
        return [2, 2]
    return [scale]


class SRCNN(nn.Module):
    """9-1-5 SRCNN with 64/32 filters, on the bicubic grid (input: the bicubic estimate)."""
    on_bicubic = True

    def __init__(self, scale, n1=64, n2=32):
        super().__init__()
        self.body = nn.Sequential(conv(1, n1, 9, first=True), nn.ReLU(),
                                  conv(n1, n2, 1), nn.ReLU(), conv(n2, 1, 5))

    def forward(self, x):
        return self.body(x)


class FSRCNN(nn.Module):
    """FSRCNN(d, s, m): feature extraction, shrinking, mapping, expanding, deconvolution."""
    on_bicubic = False

    def __init__(self, scale, d=32, s=12, m=4):
        super().__init__()
        layers = [conv(1, d, 5, first=True), nn.PReLU(d), conv(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            layers += [conv(s, s, 3), nn.PReLU(s)]
        layers += [conv(s, d, 1), nn.PReLU(d)]
        self.body = nn.Sequential(*layers)
        self.deconv = nn.ConvTranspose2d(d, 1, 9, stride=scale, padding=4,
                                         output_padding=scale - 1, bias=False)

    def forward(self, x):
        return self.deconv(self.body(x))


class ESPCN(nn.Module):
    """ESPCN: three convolutions on the coarse grid and a sub-pixel shuffle."""
    on_bicubic = False

    def __init__(self, scale, n1=64, n2=32):
        super().__init__()
        self.scale = scale
        self.body = nn.Sequential(conv(1, n1, 5, first=True), nn.ReLU(),
                                  conv(n1, n2, 3), nn.ReLU(), conv(n2, scale * scale, 3))

    def forward(self, x):
        return F.pixel_shuffle(self.body(x), self.scale)


class ResidualBlock(nn.Module):
    def __init__(self, nf):
        super().__init__()
        self.body = nn.Sequential(conv(nf, nf, 3), nn.PReLU(nf), conv(nf, nf, 3))

    def forward(self, x):
        return x + self.body(x)


class SRResNet(nn.Module):
    """SRGAN's generator: residual blocks without batch norm, sub-pixel upsampling."""
    on_bicubic = False

    def __init__(self, scale, nf=32, blocks=6):
        super().__init__()
        self.head = nn.Sequential(conv(1, nf, 9, first=True), nn.PReLU(nf))
        self.blocks = nn.Sequential(*[ResidualBlock(nf) for _ in range(blocks)])
        self.trunk = conv(nf, nf, 3)
        up = []
        for f in upsample_steps(scale):
            up += [conv(nf, nf * f * f, 3), nn.PixelShuffle(f), nn.PReLU(nf)]
        self.up = nn.Sequential(*up)
        self.tail = conv(nf, 1, 9)

    def forward(self, x):
        h = self.head(x)
        return self.tail(self.up(h + self.trunk(self.blocks(h))))


class DenseBlock(nn.Module):
    """ESRGAN's residual dense block: five 3x3 convolutions, each seeing all before it."""

    def __init__(self, nf, gc):
        super().__init__()
        self.convs = nn.ModuleList(conv(nf + i * gc, gc if i < 4 else nf, 3) for i in range(5))

    def forward(self, x):
        feats = [x]
        for i, c in enumerate(self.convs):
            out = c(torch.cat(feats, 1))
            if i < 4:
                feats.append(F.leaky_relu(out, 0.2))
        return x + 0.2 * out


class RRDB(nn.Module):
    def __init__(self, nf, gc):
        super().__init__()
        self.blocks = nn.Sequential(*[DenseBlock(nf, gc) for _ in range(3)])

    def forward(self, x):
        return x + 0.2 * self.blocks(x)


class RRDBNet(nn.Module):
    """ESRGAN's generator: residual-in-residual dense blocks, nearest upsampling + conv."""
    on_bicubic = False

    def __init__(self, scale, nf=32, gc=16, blocks=2):
        super().__init__()
        self.head = conv(1, nf, 3, first=True)
        self.blocks = nn.Sequential(*[RRDB(nf, gc) for _ in range(blocks)])
        self.trunk = conv(nf, nf, 3)
        self.steps = upsample_steps(scale)
        self.ups = nn.ModuleList(conv(nf, nf, 3) for _ in self.steps)
        self.hr = conv(nf, nf, 3)
        self.last = conv(nf, 1, 3)

    def forward(self, x):
        h = self.head(x)
        h = h + self.trunk(self.blocks(h))
        for f, c in zip(self.steps, self.ups):
            h = F.leaky_relu(c(F.interpolate(h, scale_factor=f, mode="nearest")), 0.2)
        return self.last(F.leaky_relu(self.hr(h), 0.2))


class BathymetrySR(nn.Module):
    """A generator wrapped as the shipped ONNX graph: (coarse, bicubic) -> fine.

    All three are normalised depths, (z - mean) / relief of the tile's coarse grid.
    """

    def __init__(self, core, scale):
        super().__init__()
        self.core, self.scale = core, scale

    def forward(self, coarse, bicubic):
        correction = self.core(bicubic if self.core.on_bicubic else coarse)
        y = bicubic + correction
        residual = coarse - F.avg_pool2d(y, self.scale)
        return y + F.interpolate(residual, scale_factor=self.scale, mode="nearest")


def _dihedral(x, k, flip):
    """x (N, C, H, W) rotated by k quarter turns then mirrored left-right if `flip`:
    transposes and flips only, which export to ONNX with dynamic height and width."""
    for _ in range(k):
        x = torch.flip(x.transpose(2, 3), dims=(2,))
    return torch.flip(x, dims=(3,)) if flip else x


def _undo_dihedral(y, k, flip):
    y = torch.flip(y, dims=(3,)) if flip else y
    for _ in range(k):
        y = torch.flip(y, dims=(2,)).transpose(2, 3)
    return y


class DihedralEnsemble(nn.Module):
    """A trained BathymetrySR averaged over the eight rotations and reflections of its
    input (the geometric self-ensemble of Lim et al. 2017, EDSR, CVPR Workshops), as one
    graph: exactly equivariant to the dihedral group, eight times the inference cost.
    Averaging keeps the block-mean projection exact (each member satisfies it)."""

    def __init__(self, sr):
        super().__init__()
        self.sr, self.scale = sr, sr.scale

    def forward(self, coarse, bicubic):
        total = None
        for k in range(4):
            for flip in (False, True):
                y = self.sr(_dihedral(coarse, k, flip), _dihedral(bicubic, k, flip))
                y = _undo_dihedral(y, k, flip)
                total = y if total is None else total + y
        return total / 8.0


class Discriminator(nn.Module):
    """A small strided VGG-style critic on normalised fine patches (SRGAN / ESRGAN)."""

    def __init__(self, nf=32):
        super().__init__()
        layers, cin = [], 1
        for i, cout in enumerate((nf, nf, 2 * nf, 2 * nf, 4 * nf, 4 * nf)):
            layers += [nn.Conv2d(cin, cout, 3, stride=2 if i % 2 else 1, padding=1),
                       nn.LeakyReLU(0.2)]
            cin = cout
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Linear(cin, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))

    def forward(self, x):
        return self.head(self.features(x).mean(dim=(2, 3)))


ARCHITECTURES = {"srcnn": SRCNN, "fsrcnn": FSRCNN, "espcn": ESPCN,
                 "srgan": SRResNet, "esrgan": RRDBNet}
ADVERSARIAL = {"srgan": "standard", "esrgan": "relativistic_average"}
PAPER = {
    "srcnn": "Dong et al. 2016, IEEE TPAMI 38(2):295",
    "fsrcnn": "Dong, Loy & Tang 2016, ECCV, LNCS 9906:391",
    "espcn": "Shi et al. 2016, CVPR",
    "srgan": "Ledig et al. 2017, CVPR",
    "esrgan": "Wang et al. 2018, ECCV Workshops",
}
REDUCED = {
    "srcnn": "The paper's 9-1-5 network with 64/32 filters, unchanged in size; no biases, "
             "zero-sum first layer, predicts the correction to bicubic.",
    "fsrcnn": "d=32, s=12, m=4 (paper's FSRCNN: d=56, s=12, m=4); no biases.",
    "espcn": "The paper's 64/32 filters (5-3-3) unchanged; ReLU instead of tanh (scale "
             "equivariance); no biases.",
    "srgan": "SRResNet generator with 6 residual blocks of 32 channels (paper: 16 of 64) "
             "and no batch norm; discriminator of 6 strided convolutions (32-128 "
             "channels, paper 64-512); the VGG perceptual loss replaced by depth, slope "
             "and curvature losses.",
    "esrgan": "RRDB generator with 2 blocks of 32 channels, growth 16 (paper: 23 blocks of "
              "64, growth 32); relativistic average discriminator of 6 strided "
              "convolutions (32-128 channels); the VGG perceptual loss replaced by depth, "
              "slope and curvature losses.",
}


def build(name, scale):
    """The wrapped generator for `name` at `scale`."""
    return BathymetrySR(ARCHITECTURES[name](scale), scale)


def receptive_field(model, scale, bicubic, size=97, trials=3):
    """Width in coarse cells of the coarse neighbourhood one output block depends on.

    Measured, not computed from the layers: one coarse cell in the middle of random
    relief is perturbed and the extent of the output that changes at all is found (outside
    the true field, local operations give bit-identical values) (in both
    directions, for `trials` random fields).  `bicubic(coarse, scale)` is the plugin's
    bicubic, since the network sees it as its second input.
    """
    import numpy as np
    rng = np.random.default_rng(0)
    c = size // 2
    extent = 0
    model.eval()
    with torch.no_grad():
        for _ in range(trials):
            base = rng.standard_normal((size, size))
            outs = []
            for delta in (0.0, 1.0):
                z = base.copy()
                z[c, c] += delta
                b = bicubic(z, scale)
                t = [torch.tensor(a[None, None], dtype=torch.float32) for a in (z, b)]
                outs.append(model(*t)[0, 0].numpy())
            changed = np.argwhere(outs[1] != outs[0]) // scale
            extent = max(extent, int(np.abs(changed - c).max()))
    return 2 * extent + 1


def parameter_count(module):
    return int(sum(p.numel() for p in module.parameters()))


class KeysBicubic(nn.Module):
    """The plugin's bicubic upsampling (algorithms/bathymetry/resample.py: Keys a = -0.5,
    reflected by two cells at the edges) as a graph, for the stages of a cascade."""

    def __init__(self, scale):
        super().__init__()
        from geoinverse.algorithms.bathymetry.resample import MARGIN, phase_taps
        self.scale, self.margin, self.taps = scale, MARGIN, phase_taps(scale)

    def _axis(self, a, dim):
        m, size = self.margin, a.shape[dim]
        phases = []
        for taps in self.taps:
            acc = None
            for off, w in taps:
                term = w * a.narrow(dim, m + off, size - 2 * m)
                acc = term if acc is None else acc + term
            phases.append(acc)
        out = torch.stack(phases, dim=dim + 1)
        shape = list(a.shape)
        shape[dim] = -1
        return out.reshape(shape[:dim] + [-1] + shape[dim + 1:])

    def forward(self, x):
        m = self.margin
        padded = F.pad(x, (m, m, m, m), mode="reflect")
        return self._axis(self._axis(padded, 3)[:, :, :, :], 2)


class Cascade(nn.Module):
    """Trained networks run one after the other (x2 then x4 = x8), each stage fed the
    previous stage's output and the plugin's bicubic of it, as one graph with the usual
    (coarse, bicubic) -> fine contract.  Every stage's block-mean projection holds, so
    the block means of the output reproduce the input."""

    def __init__(self, stages):
        super().__init__()
        self.stages = nn.ModuleList(stages)
        self.bicubic = nn.ModuleList(KeysBicubic(s.scale) for s in stages)
        self.scale = 1
        for s in stages:
            self.scale *= s.scale

    def forward(self, coarse, bicubic):
        y = coarse
        for stage, bic in zip(self.stages, self.bicubic):
            y = stage(y, bic(y))
        return y + 0.0 * bicubic   # the contract's second input, unused by a cascade
