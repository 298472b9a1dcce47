"""sRGB <-> CIE Lab (D65), the formulas of the model contract (scikit-image's rgb2lab/lab2rgb)."""
import torch

WHITE = (0.95047, 1.0, 1.08883)
_RGB2XYZ = torch.tensor([[0.412453, 0.357580, 0.180423],
                         [0.212671, 0.715160, 0.072169],
                         [0.019334, 0.119193, 0.950227]])
_XYZ2RGB = torch.linalg.inv(_RGB2XYZ)


def rgb_to_lab(rgb: torch.Tensor) -> torch.Tensor:
    """rgb: [N,3,H,W] in [0,1] -> Lab [N,3,H,W] (L in 0..100, ab in about -110..110)."""
    lin = torch.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = torch.einsum('ij,njhw->nihw', _RGB2XYZ.to(rgb), lin)
    white = torch.tensor(WHITE, dtype=rgb.dtype, device=rgb.device).view(1, 3, 1, 1)
    t = xyz / white
    f = torch.where(t > 0.008856, t.clamp(min=1e-12) ** (1 / 3), 7.787 * t + 16 / 116)
    l = 116 * f[:, 1:2] - 16
    l = torch.where(t[:, 1:2] > 0.008856, l, 903.3 * t[:, 1:2])
    a = 500 * (f[:, 0:1] - f[:, 1:2])
    b = 200 * (f[:, 1:2] - f[:, 2:3])
    return torch.cat([l, a, b], 1)


def lab_to_rgb(lab: torch.Tensor) -> torch.Tensor:
    """Lab [N,3,H,W] -> sRGB [N,3,H,W] clipped to [0,1]."""
    l, a, b = lab[:, 0:1], lab[:, 1:2], lab[:, 2:3]
    fy = (l + 16) / 116
    fx = fy + a / 500
    fz = fy - b / 200
    f = torch.cat([fx, fy, fz], 1)
    t = torch.where(f > 0.2068966, f ** 3, (f - 16 / 116) / 7.787)
    white = torch.tensor(WHITE, dtype=lab.dtype, device=lab.device).view(1, 3, 1, 1)
    xyz = t * white
    lin = torch.einsum('ij,njhw->nihw', _XYZ2RGB.to(lab), xyz).clamp(min=0)
    rgb = torch.where(lin > 0.0031308, 1.055 * lin.clamp(min=1e-12) ** (1 / 2.4) - 0.055, 12.92 * lin)
    return rgb.clamp(0, 1)
