"""Office scanner / photocopier damage on page images (numpy + OpenCV). Every op records its parameters."""
import math

import cv2
import numpy as np


def rotate(img, deg, fill=255):
    h, w = img.shape[:2]
    M = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    c, s = abs(M[0, 0]), abs(M[0, 1])
    nw, nh = int(h * s + w * c), int(h * c + w * s)
    M[0, 2] += nw / 2 - w / 2
    M[1, 2] += nh / 2 - h / 2
    bv = (fill,) * 3 if img.ndim == 3 else fill
    return cv2.warpAffine(img, M, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=bv)


def gauss_noise(img, rng, sigma):
    n = rng.normal(0, sigma, img.shape)
    return np.clip(img.astype(np.float32) + n, 0, 255).astype(np.uint8)


def rule_mask(gray, dpi):
    """Long horizontal and vertical ink runs of the clean page (its ruling lines)."""
    ink = (gray < 160).astype(np.uint8)
    L = max(20, int(dpi * 0.6))
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (L, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, L // 2)))
    # dotted rules: close first
    inkc = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    h |= cv2.morphologyEx(inkc, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (L, 1)))
    return h, v


def faint_rules(gray, rng, dpi, ops):
    h, v = rule_mask(gray, dpi)
    out = gray.astype(np.float32)
    level = rng.uniform(150, 215)
    gap_share = rng.uniform(0.15, 0.45)
    for m, axis in ((h, 1), (v, 0)):
        mm = m.astype(bool).copy()
        # broken: random gaps along the rule direction
        n = gray.shape[axis]
        keep = np.ones(n, bool)
        pos = 0
        while pos < n:
            seg = int(rng.uniform(0.05, 0.5) * dpi)
            if rng.random() < gap_share:
                keep[pos:pos + seg] = False
            pos += seg
        if axis == 1:
            gaps = mm & ~keep[None, :]
        else:
            gaps = mm & ~keep[:, None]
        out[mm] = np.maximum(out[mm], level + rng.normal(0, 12, mm.sum()))
        out[gaps] = np.maximum(out[gaps], rng.uniform(225, 250))
    # the whole page a little starved too
    out = 255 - (255 - out) * rng.uniform(0.75, 0.95)
    ops.append({"op": "faint_rules", "rule_gray": round(level), "gap_share": round(gap_share, 2)})
    return np.clip(out, 0, 255).astype(np.uint8)


def photocopy(gray, rng, dpi, gens, ops):
    img = gray.copy()
    for g in range(gens):
        k = max(1, int(round(dpi / 300.0 * rng.uniform(1.0, 2.0))))
        img = cv2.erode(img, np.ones((k, k), np.uint8))  # thicker strokes
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.0) * dpi / 300)
        f = img.astype(np.float32) / 255
        f = np.clip((f - 0.25) / 0.6, 0, 1) ** 1.4  # contrast of the copier
        bg = rng.uniform(20, 55)
        f = f * (255 - bg)
        # speckle
        n = int(img.size * rng.uniform(2e-5, 8e-5))
        ys = rng.integers(0, img.shape[0], n)
        xs = rng.integers(0, img.shape[1], n)
        r = max(1, dpi // 150)
        for y, x in zip(ys, xs):
            cv2.circle(f, (int(x), int(y)), int(rng.integers(1, r + 2)), float(rng.uniform(0, 80)), -1)
        # dark margins (copier lid / page edge)
        H, W = img.shape
        for side in range(4):
            if rng.random() < 0.7:
                width = int(rng.uniform(0.05, 0.35) * dpi)
                ramp = np.linspace(0, 1, width)[::-1] ** 2 * rng.uniform(120, 220)
                if side == 0:
                    f[:width, :] -= ramp[:, None]
                elif side == 1:
                    f[H - width:, :] -= ramp[::-1][:, None]
                elif side == 2:
                    f[:, :width] -= ramp[None, :]
                else:
                    f[:, W - width:] -= ramp[::-1][None, :]
        img = np.clip(f, 0, 255).astype(np.uint8)
        a = rng.uniform(-0.6, 0.6)
        img = rotate(img, a, fill=int(255 - bg))
        ops.append({"op": "photocopy_gen", "gen": g + 1, "stroke_px": k, "background": round(bg), "rot": round(a, 2)})
    return img


def punch_holes(img, rng, dpi, landscape, ops):
    H, W = img.shape[:2]
    r = int(dpi * 0.11)
    dark = rng.random() < 0.6
    col = int(rng.uniform(20, 60)) if dark else 252
    if not landscape:
        x = int(dpi * rng.uniform(0.35, 0.55))
        cs = [(x, H // 2 - int(dpi * 1.58)), (x, H // 2 + int(dpi * 1.58))]
    else:
        y = int(dpi * rng.uniform(0.35, 0.55))
        cs = [(W // 2 - int(dpi * 1.58), y), (W // 2 + int(dpi * 1.58), y)]
    for c in cs:
        cv2.circle(img, c, r + 2, 120, -1)
        cv2.circle(img, c, r, col, -1)
    ops.append({"op": "punch_holes", "dark": dark, "centres": cs})
    return img


def stamp(rgb, rng, dpi, box, ops):
    """Round seal (red or blue) and a signature stroke over the lower right part of the table."""
    H, W = rgb.shape[:2]
    x0, y0, x1, y1 = box
    color = (200, 30, 40) if rng.random() < 0.6 else (40, 60, 190)
    R = int(dpi * rng.uniform(0.65, 0.85))
    cx = int(rng.uniform(x0 + (x1 - x0) * 0.45, x1 - R * 0.5))
    cy = int(rng.uniform(y0 + (y1 - y0) * 0.45, y1 + R * 0.2))
    layer = np.zeros((H, W), np.uint8)
    th = max(2, dpi // 60)
    cv2.circle(layer, (cx, cy), R, 255, th)
    cv2.circle(layer, (cx, cy), int(R * 0.72), 255, max(1, th // 2))
    # star in the centre
    pts = []
    for k in range(10):
        rr = R * (0.22 if k % 2 == 0 else 0.09)
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    cv2.fillPoly(layer, [np.array(pts, np.int32)], 255)
    # letters around the ring
    text = "UY BAN NHAN DAN * TINH * "
    fs = R / 220.0
    for k, ch in enumerate(text):
        a = -math.pi + k * 2 * math.pi / len(text) * 0.95
        px = int(cx + R * 0.86 * math.cos(a) - 8 * fs)
        py = int(cy + R * 0.86 * math.sin(a) + 8 * fs)
        cv2.putText(layer, ch, (px, py), cv2.FONT_HERSHEY_SIMPLEX, fs * 1.2, 255, max(1, th // 2))
    # ink unevenness
    mask = cv2.GaussianBlur(layer, (0, 0), 1.0).astype(np.float32) / 255
    mask *= rng.uniform(0.55, 0.95) * (0.7 + 0.3 * rng.random(mask.shape))
    # signature: a pen stroke crossing several cells
    sig = np.zeros((H, W), np.uint8)
    sx = cx - int(R * rng.uniform(1.0, 2.2))
    sy = cy - int(R * rng.uniform(0.0, 0.6))
    pts = []
    for k in range(60):
        t = k / 59.0
        pts.append((sx + t * R * 2.6 + math.sin(t * 17) * R * 0.12,
                    sy + math.sin(t * 9 + 1) * R * 0.35 - t * R * 0.3))
    cv2.polylines(sig, [np.array(pts, np.int32)], False, 255, max(2, dpi // 80), cv2.LINE_AA)
    smask = sig.astype(np.float32) / 255 * 0.85
    scol = (30, 40, 150)
    out = rgb.astype(np.float32)
    for c in range(3):
        out[..., c] = out[..., c] * (1 - mask) + color[c] * mask * (out[..., c] / 255) ** 0.2
        out[..., c] = out[..., c] * (1 - smask) + scol[c] * smask
    ops.append({"op": "stamp", "color": "red" if color[0] > 100 else "blue", "centre": [cx, cy], "radius": R})
    return np.clip(out, 0, 255).astype(np.uint8)


def ink_box(gray):
    ys, xs = np.nonzero(gray < 128)
    if len(xs) == 0:
        return (0, 0, gray.shape[1], gray.shape[0])
    return (int(np.percentile(xs, 1)), int(np.percentile(ys, 20)), int(np.percentile(xs, 99)), int(np.percentile(ys, 99.5)))
