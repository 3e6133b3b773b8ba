"""Scan-like degradations of rasterised pages (numpy / OpenCV / PIL).

Every function takes and returns uint8 arrays (H x W gray or H x W x 3 RGB) and draws its
random parameters from the given random.Random, recording them in `ops`.
"""
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

KINDS = ["clean", "lowdpi", "rotate", "blur", "noise_gauss", "noise_sp", "jpeg", "lighting",
         "stamp", "signature", "faint_rules", "fax", "photocopy"]


def to_rgb(img):
    return img if img.ndim == 3 else np.stack([img] * 3, axis=2)


def to_gray(img):
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def nprng(rng):
    return np.random.default_rng(rng.randrange(1 << 31))


# ------------------------------------------------------------------ geometry

def rotate(img, angle):
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def rule_masks(gray, dpi, thr=170):
    """Masks of the table's horizontal and vertical rules (long thin dark runs)."""
    bw = (gray < thr).astype(np.uint8)
    hk = max(25, int(0.35 * dpi))
    vk = max(20, int(0.30 * dpi))
    hor = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    ver = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    return hor, ver


def table_bbox(gray, dpi):
    hor, ver = rule_masks(gray, dpi)
    ys, xs = np.nonzero(hor | ver)
    h, w = gray.shape
    if len(xs) == 0:
        return (int(w * 0.1), int(h * 0.2), int(w * 0.9), int(h * 0.8))
    return (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()))


# ------------------------------------------------------------------ paper marks

def faint_rules(img, rng, dpi, ops):
    gray = to_gray(img)
    hor, ver = rule_masks(gray, dpi)
    mode = rng.choice(["broken", "faint", "both"])
    out = img.astype(np.float32)
    mask_all = (hor | ver).astype(bool)
    # grow a little to cover antialiased edges
    mask_all = cv2.dilate(mask_all.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    if mode in ("faint", "both"):
        f = rng.uniform(0.2, 0.55)           # remaining darkness of the rules
        sel = mask_all if img.ndim == 2 else mask_all[..., None].repeat(3, 2)
        out[sel] = 255 - (255 - out[sel]) * f
        ops.append({"op": "lighten_rules", "keep": round(f, 2)})
    n_gaps = 0
    if mode in ("broken", "both"):
        for mask, horizontal in ((hor, True), (ver, False)):
            n, lab, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
            for i in range(1, n):
                x, y, w, h = stats[i][:4]
                length = w if horizontal else h
                for _ in range(rng.randint(0, 5)):
                    seg = int(length * rng.uniform(0.02, 0.15))
                    if seg < 3:
                        continue
                    s = rng.randint(0, max(0, length - seg))
                    pad = max(2, int(dpi / 100))
                    if horizontal:
                        ys, xs = slice(max(0, y - pad), y + h + pad), slice(x + s, x + s + seg)
                    else:
                        ys, xs = slice(y + s, y + s + seg), slice(max(0, x - pad), x + w + pad)
                    sub = mask_all[ys, xs]
                    if img.ndim == 2:
                        out[ys, xs][sub] = 255
                    else:
                        o = out[ys, xs]
                        o[sub] = 255
                    n_gaps += 1
        ops.append({"op": "break_rules", "gaps": n_gaps})
    return np.clip(out, 0, 255).astype(np.uint8)


def _ink(img, mask, color, rng, opacity):
    """Composite an ink mask (float 0..1) of `color` over img, with uneven ink."""
    img = to_rgb(img).astype(np.float32)
    h, w = mask.shape
    g = nprng(rng)
    tex = cv2.GaussianBlur(g.random((h, w)).astype(np.float32), (0, 0), max(1.0, w / 60))
    tex = (tex - tex.min()) / (tex.max() - tex.min() + 1e-6)
    a = mask * opacity * (0.55 + 0.45 * tex)
    a = a[..., None]
    col = np.array(color, np.float32)[None, None, :]
    # multiply-like blend: ink darkens but the black print stays black
    blended = img * (1 - a) + np.minimum(img, col) * a
    return np.clip(blended, 0, 255).astype(np.uint8)


def _place(img, rng, dpi, size, region):
    gray = to_gray(img)
    x0, y0, x1, y1 = table_bbox(gray, dpi)
    if region == "lower":
        y0 = y0 + (y1 - y0) // 2
    cx = rng.randint(x0 + size // 2, max(x0 + size // 2 + 1, x1 - size // 2))
    cy = rng.randint(y0, max(y0 + 1, y1))
    return cx, cy


def stamp(img, rng, dpi, ops, province="Sóc Trăng"):
    r = int(rng.uniform(16, 21) / 25.4 * dpi)
    size = 2 * r + 8
    m = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(m)
    c = size // 2
    lw = max(2, int(dpi / 110))
    d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=lw)
    r2 = int(r * 0.68)
    d.ellipse([c - r2, c - r2, c + r2, c + r2], outline=255, width=max(1, lw - 1))
    text = rng.choice(["UBND TỈNH %s" % province.upper(), "ỦY BAN NHÂN DÂN TỈNH %s" % province.upper(),
                       "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]) + " * "
    fs = max(8, int(r * 0.2))
    font = ImageFont.truetype(FONT_BOLD, fs)
    rt = (r + r2) / 2
    n = len(text)
    for i, ch in enumerate(text):
        ang = -90 + 360.0 * i / n
        ci = Image.new("L", (fs * 2, fs * 2), 0)
        ImageDraw.Draw(ci).text((fs // 2, fs // 3), ch, fill=255, font=font)
        ci = ci.rotate(-(ang + 90), resample=Image.BILINEAR)
        x = c + rt * math.cos(math.radians(ang)) - fs
        y = c + rt * math.sin(math.radians(ang)) - fs
        m.paste(255, (int(x), int(y)), ci)
    # star in the middle
    pts = []
    rs = r2 * 0.55
    for k in range(10):
        rr = rs if k % 2 == 0 else rs * 0.4
        a = math.radians(-90 + 36 * k)
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(pts, fill=255)
    m = m.rotate(rng.uniform(0, 360), resample=Image.BILINEAR)
    mask = np.asarray(m, np.float32) / 255.0
    color = rng.choice([(200, 30, 45), (215, 50, 50), (40, 60, 185), (60, 70, 160)])
    cx, cy = _place(img, rng, dpi, size, rng.choice(["lower", "any"]))
    h, w = img.shape[:2]
    full = np.zeros((h, w), np.float32)
    xa, ya = cx - size // 2, cy - size // 2
    xs0, ys0 = max(0, xa), max(0, ya)
    xs1, ys1 = min(w, xa + size), min(h, ya + size)
    full[ys0:ys1, xs0:xs1] = mask[ys0 - ya:ys1 - ya, xs0 - xa:xs1 - xa]
    op = rng.uniform(0.65, 0.95)
    ops.append({"op": "stamp", "center": [cx, cy], "radius_px": r, "color": color,
                "opacity": round(op, 2)})
    return _ink(img, full, color, rng, op)


def signature(img, rng, dpi, ops):
    h, w = img.shape[:2]
    width = int(rng.uniform(35, 70) / 25.4 * dpi)
    height = int(width * rng.uniform(0.25, 0.5))
    cx, cy = _place(img, rng, dpi, width, "lower")
    g = nprng(rng)
    t = np.linspace(0, 1, 400)
    # sum of a few sines gives a loopy pen path moving left to right
    x = t * width
    y = np.zeros_like(t)
    for k in range(rng.randint(3, 6)):
        f = rng.uniform(2, 12)
        y += rng.uniform(0.1, 0.45) * height * np.sin(2 * math.pi * f * t + rng.uniform(0, 6))
        x += rng.uniform(0, 0.08) * width * np.cos(2 * math.pi * f * t + rng.uniform(0, 6))
    pts = np.stack([x + cx - width / 2, y + cy], 1).astype(np.int32)
    mask = np.zeros((h, w), np.uint8)
    th = max(2, int(dpi / rng.uniform(60, 110)))
    cv2.polylines(mask, [pts], False, 255, th, cv2.LINE_AA)
    if rng.random() < 0.6:  # underline flourish
        x0 = int(cx - width * 0.5)
        yy = int(cy + height * 0.6)
        cv2.line(mask, (x0, yy), (x0 + int(width * rng.uniform(0.6, 1.1)), yy - int(height * 0.3)),
                 255, th, cv2.LINE_AA)
    color = rng.choice([(20, 40, 150), (30, 30, 110), (25, 25, 25), (40, 70, 190)])
    ops.append({"op": "signature", "center": [cx, cy], "width_px": width, "color": color})
    return _ink(img, mask.astype(np.float32) / 255.0, color, rng, rng.uniform(0.8, 1.0))


# ------------------------------------------------------------------ scanner / copier

def blur(img, sigma):
    return cv2.GaussianBlur(img, (0, 0), sigma)


def noise_gauss(img, rng, sigma):
    g = nprng(rng)
    return np.clip(img.astype(np.float32) + g.normal(0, sigma, img.shape), 0, 255).astype(np.uint8)


def noise_sp(img, rng, amount):
    g = nprng(rng)
    out = img.copy()
    h, w = img.shape[:2]
    r = g.random((h, w))
    out[r < amount / 2] = 0
    out[r > 1 - amount / 2] = 255
    return out


def lighting(img, rng, ops):
    h, w = img.shape[:2]
    lo = rng.uniform(0.45, 0.75)
    if rng.random() < 0.6:
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        p = (xx / w - 0.5) * math.cos(ang) + (yy / h - 0.5) * math.sin(ang)
        p = (p - p.min()) / (p.max() - p.min())
        gain = 1 - (1 - lo) * p
        ops.append({"op": "gradient", "low": round(lo, 2), "angle_deg": round(math.degrees(ang))})
    else:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        d = np.sqrt(((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
        d = d / d.max()
        gain = 1 - (1 - lo) * d ** 1.5
        ops.append({"op": "vignette", "low": round(lo, 2)})
    out = img.astype(np.float32)
    if rng.random() < 0.5:   # yellowish paper / warm light
        out = to_rgb(img).astype(np.float32) * np.array([1.0, 0.96, 0.85], np.float32)
        ops.append({"op": "tint"})
    if out.ndim == 3:
        gain = gain[..., None]
    return np.clip(out * gain, 0, 255).astype(np.uint8)


def photocopy(img, rng, dpi, ops):
    g = nprng(rng)
    gray = to_gray(img).astype(np.float32) / 255.0
    gamma = rng.uniform(1.4, 2.2)
    bg = rng.uniform(0.72, 0.9)
    out = (gray ** gamma) * bg
    h, w = out.shape
    # speckles: small dark blobs
    n = int(rng.uniform(300, 1500) * (w * h) / (2480 * 3508))
    sp = np.zeros((h, w), np.uint8)
    xs = g.integers(0, w, n)
    ys = g.integers(0, h, n)
    rads = g.integers(1, max(2, int(dpi / 100)) + 1, n)
    for x, y, r in zip(xs, ys, rads):
        cv2.circle(sp, (int(x), int(y)), int(r), 255, -1)
    out[sp > 0] *= rng.uniform(0.1, 0.4)
    # dark margin band (book edge / lid not closed)
    if rng.random() < 0.6:
        band = int(w * rng.uniform(0.02, 0.06))
        side = rng.choice(["left", "right"])
        ramp = np.linspace(0.25, 1, band)[None, :]
        if side == "left":
            out[:, :band] *= ramp
        else:
            out[:, -band:] *= ramp[:, ::-1]
        ops.append({"op": "edge_shadow", "side": side})
    # toner streak
    if rng.random() < 0.4:
        x = rng.randrange(w)
        out[:, x:x + max(1, dpi // 150)] *= rng.uniform(0.5, 0.8)
        ops.append({"op": "streak", "x": x})
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 1.0) * dpi / 300)
    out = out + g.normal(0, 0.03, out.shape)
    ops.append({"op": "photocopy", "gamma": round(gamma, 2), "bg": round(bg, 2), "speckles": n})
    return np.clip(out * 255, 0, 255).astype(np.uint8)


def fax(img, rng, dpi, ops):
    """Binarise like a fax at 200 dpi; sometimes 'standard' resolution (half vertical)."""
    g = nprng(rng)
    gray = to_gray(img).astype(np.float32)
    gray = cv2.GaussianBlur(gray, (0, 0), rng.uniform(0.3, 0.9))
    gray += g.normal(0, rng.uniform(5, 20), gray.shape)
    h, w = gray.shape
    std = rng.random() < 0.35
    if std:
        small = cv2.resize(gray, (w, h // 2), interpolation=cv2.INTER_AREA)
        gray = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)
    t = rng.uniform(120, 200)
    bw = np.where(gray < t, 0, 255).astype(np.uint8)
    # line dropouts / streaks
    for _ in range(rng.randint(0, 4)):
        y = rng.randrange(h)
        hh = rng.randint(1, 3)
        if rng.random() < 0.5:
            bw[y:y + hh, :] = 255
        else:
            x0 = rng.randrange(w)
            bw[y:y + hh, x0:x0 + rng.randint(w // 10, w // 2)] = 0
    ops.append({"op": "fax", "threshold": round(t), "standard_res": std})
    return bw


def jpeg_bytes(img, quality):
    import io
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality)
    return buf.getvalue()
