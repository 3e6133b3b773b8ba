"""How a printed page reaches the archive (numpy + OpenCV, own code).

flatbed   grey/colour scan 200 or 300 dpi, skew 0.2-2 deg, mild blur, grey paper, light noise
phone     photo: page warped in perspective onto a desk texture, uneven light + vignette,
          JPEG; 12 MP frame or downscaled to a long side of 1600-3000 px
phone_hard  phone + a soft shadow across part of the page + page curl (remap) + motion blur
fax       200 dpi, noise, hard threshold, 1 bit
marks     colour scan with a red/blue seal, ballpoint ticks / a ring, a highlighter stroke over cells
turned    flatbed, page turned 90 deg (either way) or 180 deg
Each function takes a page image at the render dpi (RGB uint8) and returns (image, params).
"""
import math

import cv2
import numpy as np


def _gray(img):
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img


def _resize_dpi(img, src_dpi, dpi):
    if src_dpi == dpi:
        return img
    f = dpi / src_dpi
    return cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)


def _rotate(img, deg, fill):
    h, w = img.shape[:2]
    M = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(img, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def _noise(img, rng, sigma):
    n = rng.normal(0, sigma, img.shape)
    return np.clip(img.astype(np.float32) + n, 0, 255).astype(np.uint8)


def _paper(img, level):
    """Map white to a paper level (ink stays dark)."""
    f = img.astype(np.float32) * (level / 255.0)
    return np.clip(f, 0, 255).astype(np.uint8)


def flatbed(page, dpi0, rng, dpi=None, colour=False):
    dpi = dpi or int(rng.choice([300, 300, 200]))
    img = page if colour else _gray(page)
    img = _resize_dpi(img, dpi0, dpi)
    level = float(rng.uniform(222, 245))
    img = _paper(img, level)
    sk = float(rng.uniform(0.2, 2.0)) * (1 if rng.random() < 0.5 else -1)
    fill = int(level) if not colour else (int(level),) * 3
    img = _rotate(img, sk, fill)
    sig = float(rng.uniform(0.4, 1.0)) * dpi / 300
    img = cv2.GaussianBlur(img, (0, 0), sig)
    img = _noise(img, rng, float(rng.uniform(2, 6)))
    edge = None
    if rng.random() < 0.3:  # scanner lid shadow along one edge
        h, w = img.shape[:2]
        bw = int(rng.uniform(0.01, 0.03) * w)
        edge = bw
        ramp = np.linspace(0.35, 1.0, bw, dtype=np.float32)
        f = img.astype(np.float32)
        if f.ndim == 3:
            f[:, :bw] *= ramp[None, :, None]
        else:
            f[:, :bw] *= ramp[None, :]
        img = f.clip(0, 255).astype(np.uint8)
    return img, {"dpi": dpi, "skew_deg": round(sk, 2), "blur_sigma": round(sig, 2), "paper": round(level),
                 "lid_shadow_px": edge}


def fax(page, dpi0, rng):
    g = _gray(page)
    g = _resize_dpi(g, dpi0, 200)
    sk = float(rng.uniform(-1.2, 1.2))
    g = _rotate(g, sk, 255)
    g = cv2.GaussianBlur(g, (0, 0), float(rng.uniform(0.5, 0.9)))
    g = _noise(g, rng, float(rng.uniform(8, 22)))
    thr = float(rng.uniform(120, 165))
    b = np.where(g > thr, 255, 0).astype(np.uint8)
    sp = float(rng.uniform(0.0005, 0.003))
    m = rng.random(b.shape) < sp
    b[m] = 255 - b[m]
    if rng.random() < 0.4:  # standard-resolution fax: every other line doubled
        b[1::2] = b[0::2][: b[1::2].shape[0]]
    return b, {"dpi": 200, "skew_deg": round(sk, 2), "threshold": round(thr), "salt_pepper": round(sp, 4)}


def _stamp(img, rng, cx, cy, r, colour):
    ov = np.zeros(img.shape[:2], np.uint8)
    cv2.circle(ov, (cx, cy), r, 255, max(3, r // 18))
    cv2.circle(ov, (cx, cy), int(r * 0.72), 255, max(2, r // 30))
    # star in the middle
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r * (0.28 if k % 2 == 0 else 0.12)
        pts.append((int(cx + rr * math.cos(a)), int(cy + rr * math.sin(a))))
    cv2.fillPoly(ov, [np.array(pts, np.int32)], 255)
    # letters on the ring (short strokes)
    for k in range(26):
        a = k * 2 * math.pi / 26
        x = int(cx + r * 0.86 * math.cos(a)); y = int(cy + r * 0.86 * math.sin(a))
        cv2.line(ov, (x, y), (x + int(rng.integers(-6, 7)), y + int(rng.integers(-6, 7))), 255, max(2, r // 40))
    ov = cv2.GaussianBlur(ov, (0, 0), 1.2)
    alpha = (ov.astype(np.float32) / 255.0 * float(rng.uniform(0.55, 0.85)))[..., None]
    col = np.array(colour, np.float32)[None, None, :]
    f = img.astype(np.float32)
    # multiply blend (ink under the seal stays dark)
    f = f * (1 - alpha) + (f * col / 255.0) * alpha
    return f.clip(0, 255).astype(np.uint8)


def marks(page, dpi0, rng, table_box):
    """table_box: (x0, y0, x1, y1) of the table in page pixels at dpi0."""
    img = page.copy()
    x0, y0, x1, y1 = table_box
    h, w = img.shape[:2]
    done = []
    # highlighter over one body row band (yellow/green, multiply)
    if rng.random() < 0.75:
        yy = int(rng.uniform(y0 + 0.3 * (y1 - y0), y1 - 0.1 * (y1 - y0)))
        hh = int(dpi0 * 0.16)
        xa = int(rng.uniform(x0, x0 + 0.3 * (x1 - x0))); xb = int(rng.uniform(x0 + 0.6 * (x1 - x0), x1))
        col = np.array(rng.choice([[255, 245, 90], [180, 255, 140], [255, 190, 230]]), np.float32)
        m = np.zeros((h, w), np.float32)
        cv2.rectangle(m, (xa, yy), (xb, yy + hh), 1.0, -1)
        m = cv2.GaussianBlur(m, (0, 0), 3)[..., None] * 0.9
        f = img.astype(np.float32)
        img = (f * (1 - m) + f * col[None, None] / 255.0 * m).clip(0, 255).astype(np.uint8)
        done.append("highlighter")
    # ballpoint ticks next to cells and a ring around a number
    pen = tuple(int(c) for c in rng.choice([[20, 40, 160], [30, 30, 60], [150, 20, 20]]))
    nt = int(rng.integers(3, 9))
    for _ in range(nt):
        x = int(rng.uniform(x0 + 0.3 * (x1 - x0), x1)); y = int(rng.uniform(y0 + 0.25 * (y1 - y0), y1))
        s = int(dpi0 * rng.uniform(0.06, 0.12))
        pts = np.array([(x, y), (x + s // 3, y + s // 2), (x + s, y - s // 2)], np.int32)
        cv2.polylines(img, [pts], False, pen, max(2, dpi0 // 110), cv2.LINE_AA)
    done.append(f"ticks{nt}")
    if rng.random() < 0.5:
        x = int(rng.uniform(x0 + 0.4 * (x1 - x0), x1 - 40)); y = int(rng.uniform(y0 + 0.3 * (y1 - y0), y1 - 20))
        cv2.ellipse(img, (x, y), (int(dpi0 * 0.35), int(dpi0 * 0.12)), float(rng.uniform(-10, 10)), 20, 350,
                    pen, max(2, dpi0 // 120), cv2.LINE_AA)
        done.append("ring")
    # seal over the lower right part of the table / the signature block
    r = int(dpi0 * rng.uniform(0.7, 0.95))
    cx = int(rng.uniform(x0 + 0.55 * (x1 - x0), x1 - 0.2 * r)); cy = int(rng.uniform(y1 - 0.35 * (y1 - y0), y1 + 0.4 * r))
    colour = [230, 40, 40] if rng.random() < 0.75 else [40, 60, 200]
    img = _stamp(img, rng, min(cx, w - r), min(cy, h - r), r, colour)
    done.append("seal_red" if colour[0] > 200 else "seal_blue")
    out, p = flatbed(img, dpi0, rng, dpi=300, colour=True)
    p["marks"] = done
    return out, p


def turned(page, dpi0, rng, landscape):
    img, p = flatbed(page, dpi0, rng, dpi=300)
    if landscape and rng.random() < 0.7:
        rot = int(rng.choice([90, 270]))
    else:
        rot = 180
    img = np.rot90(img, k=rot // 90).copy()  # counter-clockwise
    p["turned_ccw_deg"] = rot
    return img, p


# ---------------------------------------------------------------- phone photos
def _desk(rng, H, W):
    kind = rng.choice(["wood", "dark", "cloth", "laminate"])
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if kind == "wood":
        base = np.array([120, 80, 45], np.float32)
        grain = np.sin(xx / W * 40 + np.sin(yy / H * 6) * 3 + rng.uniform(0, 6)) * 0.5 + 0.5
        t = 0.75 + 0.3 * grain[..., None]
    elif kind == "dark":
        base = np.array([45, 45, 50], np.float32)
        t = np.ones((H, W, 1), np.float32)
    elif kind == "cloth":
        base = np.array([60, 85, 120], np.float32)
        t = (0.85 + 0.15 * (np.sin(xx / 3.0) * np.sin(yy / 3.0)))[..., None]
    else:
        base = np.array([170, 165, 150], np.float32)
        t = np.ones((H, W, 1), np.float32)
    small = cv2.resize(rng.normal(1, 0.08, (H // 16 + 1, W // 16 + 1)).astype(np.float32), (W, H))
    d = base[None, None] * t * small[..., None]
    return np.clip(d, 0, 255), kind


def _curl(page, rng):
    """Lift one edge of the page: rows fan out and bend near it (remap)."""
    h, w = page.shape[:2]
    side = rng.choice(["left", "right", "bottom"])
    band = float(rng.uniform(0.12, 0.28))
    amp = float(rng.uniform(0.012, 0.03)) * h
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if side in ("left", "right"):
        u = (xx / w) if side == "left" else (1 - xx / w)
        s = np.clip((band - u) / band, 0, 1) ** 2  # 1 at the edge
        mapy = yy + amp * s * (yy / h - 0.5) * 2  # lines fan out vertically
        mapx = xx + (1 if side == "left" else -1) * -amp * 0.6 * s
        shade = 1 - 0.25 * s
    else:
        u = 1 - yy / h
        s = np.clip((band - u) / band, 0, 1) ** 2
        mapx = xx + amp * s * (xx / w - 0.5) * 2
        mapy = yy - amp * 0.6 * s + amp * 0.5 * s * np.sin(xx / w * math.pi)
        shade = 1 - 0.25 * s
    out = cv2.remap(page, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    out = (out.astype(np.float32) * shade[..., None]).clip(0, 255).astype(np.uint8)
    return out, {"side": side, "band": round(band, 3), "amp_px": round(amp, 1)}


def phone(page, dpi0, rng, hard=False):
    p = {}
    pg = page.astype(np.float32) * np.array(rng.choice([[1, .98, .93], [.98, .98, .98], [1, .96, .9]]), np.float32)
    pg = pg.clip(0, 255).astype(np.uint8)
    if hard and rng.random() < 0.85:
        pg, p["curl"] = _curl(pg, rng)
    ph, pw = pg.shape[:2]
    # frame: 12 MP (4000x3000) in the page's orientation
    if ph >= pw:
        H, W = 4000, 3000
    else:
        H, W = 3000, 4000
    fill = float(rng.uniform(0.72, 0.9))  # share of the frame the page takes
    sc = min(H * fill / ph, W * fill / pw)
    cw, ch = pw * sc, ph * sc
    cx, cy = W / 2 + rng.uniform(-0.04, 0.04) * W, H / 2 + rng.uniform(-0.04, 0.04) * H
    rot = math.radians(rng.uniform(-4, 4))
    corners = []
    for (sx, sy) in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * cw / 2, sy * ch / 2
        xr = x * math.cos(rot) - y * math.sin(rot); yr = x * math.sin(rot) + y * math.cos(rot)
        corners.append([cx + xr, cy + yr])
    corners = np.array(corners, np.float32)
    # keystone (camera tilted) + jitter: 2-7% of the page size
    k = float(rng.uniform(0.02, 0.07))
    ax = rng.choice(["top", "bottom", "left", "right"])
    d = k * cw / 2
    if ax == "top":
        corners[0, 0] += d; corners[1, 0] -= d
    elif ax == "bottom":
        corners[3, 0] += d; corners[2, 0] -= d
    elif ax == "left":
        corners[0, 1] += d; corners[3, 1] -= d
    else:
        corners[1, 1] += d; corners[2, 1] -= d
    corners += rng.normal(0, 0.01 * min(cw, ch), corners.shape).astype(np.float32)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    M = cv2.getPerspectiveTransform(src, corners)
    desk, dk = _desk(rng, H, W)
    warped = cv2.warpPerspective(pg, M, (W, H), flags=cv2.INTER_AREA if sc < 1 else cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), M, (W, H))
    m = (cv2.GaussianBlur(mask, (0, 0), 1.0).astype(np.float32) / 255.0)[..., None]
    img = warped.astype(np.float32) * m + desk * (1 - m)
    # light: broad gradient + vignette
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    g = ((xx - W / 2) * math.cos(ang) + (yy - H / 2) * math.sin(ang)) / max(W, H)
    light = float(rng.uniform(0.7, 0.95)) + float(rng.uniform(0.1, 0.35)) * g
    r2 = ((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2
    light = light * (1 - float(rng.uniform(0.1, 0.3)) * r2 / 2)
    img = img * light[..., None]
    if hard:
        # soft shadow (hand / phone) across part of the page
        sh = np.zeros((H, W), np.float32)
        c = corners.mean(0)
        a = rng.uniform(0, 2 * math.pi)
        p0 = (int(c[0] + math.cos(a) * cw * 0.25), int(c[1] + math.sin(a) * ch * 0.25))
        p1 = (int(c[0] + math.cos(a) * cw * 1.5), int(c[1] + math.sin(a) * ch * 1.5))
        cv2.line(sh, p0, p1, 1.0, int(min(cw, ch) * rng.uniform(0.25, 0.45)))
        sh = cv2.GaussianBlur(sh, (0, 0), min(W, H) * 0.03)
        depth = float(rng.uniform(0.3, 0.55))
        img = img * (1 - depth * sh)[..., None]
        p["shadow_depth"] = round(depth, 2)
        # motion blur (hand shake)
        L = int(rng.integers(3, 10))
        kern = np.zeros((L, L), np.float32)
        th = rng.uniform(0, math.pi)
        cv2.line(kern, (int(L / 2 - math.cos(th) * L / 2), int(L / 2 - math.sin(th) * L / 2)),
                 (int(L / 2 + math.cos(th) * L / 2), int(L / 2 + math.sin(th) * L / 2)), 1.0, 1)
        kern /= max(kern.sum(), 1)
        img = cv2.filter2D(img, -1, kern)
        p["motion_px"] = L
    else:
        img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.4, 1.0)))
    img = img + rng.normal(0, float(rng.uniform(2, 7)), img.shape)
    img = img.clip(0, 255).astype(np.uint8)
    long_side = int(rng.choice([4000, 4000, 3000, 2400, 2000, 1600]))
    if long_side < 4000:
        f = long_side / 4000
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        corners = corners * f
    eff_dpi = (np.linalg.norm(corners[1] - corners[0]) / pw) * dpi0
    p.update({"frame": [int(img.shape[1]), int(img.shape[0])], "desk": dk, "keystone": round(k, 3),
              "keystone_side": ax, "page_fill": round(fill, 2), "page_quad": corners.round(1).tolist(),
              "eff_dpi": round(float(eff_dpi)), "dpi": round(float(eff_dpi))})
    return img, p
