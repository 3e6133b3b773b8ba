"""Phone-photo simulation of a rendered page (numpy / OpenCV).

simulate(page, kinds, rng, table_box) takes a page rasterised at 300 dpi (H x W x 3 uint8)
and the table's box on it, and returns the photo (RGB uint8), the JPEG quality to save it
with and a record of every random parameter.  Damage kinds:

  perspective  page on a desk, corners displaced 4-8% of the page size (others get 2-3.5%)
  curl         the page lifts near one edge: lines fan out and bend, the band is compressed
               and shaded
  shadow       the soft shadow of a hand and forearm over part of the table
  lowlight     warm dim light (tungsten tint, 35-60% brightness), vignette, sensor noise,
               a little defocus, JPEG 60-72
  glare        a bright washed-out ellipse over part of the table (text keeps 8-40% of its
               contrast at the centre)
  crop         tight crop inside the page: margins cut, no desk in the frame

Every photo: effective resolution 150-230 dpi over the page, slight defocus, noise,
JPEG quality 60-90.  The page quadrilateral and the table's box are returned in photo
coordinates (x, y pixels).
"""
import math

import cv2
import numpy as np

SRC_DPI = 300


def nprng(rng):
    return np.random.default_rng(rng.randrange(1 << 31))


def _lowfreq(g, h, w, cells, lo=0.0, hi=1.0):
    a = g.random((max(2, cells), max(2, int(cells * w / max(h, 1))))).astype(np.float32)
    a = cv2.resize(a, (w, h), interpolation=cv2.INTER_CUBIC)
    a = (a - a.min()) / (a.max() - a.min() + 1e-6)
    return lo + (hi - lo) * a


# ------------------------------------------------------------------ desk

def desk(rng, h, w):
    g = nprng(rng)
    kind = rng.choice(["wood", "wood", "dark", "laminate", "cloth"])
    if kind == "wood":
        base = np.array([rng.uniform(110, 170), rng.uniform(70, 110), rng.uniform(35, 65)], np.float32)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ang = rng.uniform(0, math.pi)
        u = xx * math.cos(ang) + yy * math.sin(ang)
        warp = _lowfreq(g, h, w, 6, -1, 1) * rng.uniform(20, 60)
        f = rng.uniform(0.04, 0.12)
        grain = 0.5 + 0.5 * np.sin((u + warp) * f)
        grain = grain ** 3
        fine = cv2.GaussianBlur(g.random((h, w)).astype(np.float32), (0, 0), 1.2)
        shade = 0.8 + 0.15 * (fine - 0.5) - 0.25 * grain
        img = base[None, None, :] * shade[..., None]
    elif kind == "dark":
        base = np.array([rng.uniform(25, 60)] * 3, np.float32) * np.array(
            [1, rng.uniform(0.95, 1.05), rng.uniform(0.95, 1.2)], np.float32)
        n = g.normal(0, 6, (h, w)).astype(np.float32)
        img = base[None, None, :] + n[..., None] + _lowfreq(g, h, w, 4, -10, 10)[..., None]
    elif kind == "laminate":
        base = np.array([rng.uniform(150, 190), rng.uniform(140, 175), rng.uniform(115, 150)], np.float32)
        img = base[None, None, :] * _lowfreq(g, h, w, 5, 0.85, 1.05)[..., None]
        img = img + g.normal(0, 3, (h, w, 1)).astype(np.float32)
    else:   # cloth / desk mat: blue-green or grey with a weave
        base = np.array(rng.choice([(40, 70, 60), (50, 60, 95), (90, 90, 90), (110, 60, 50)]), np.float32)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        weave = 0.9 + 0.1 * np.sin(xx * 1.7) * np.sin(yy * 1.7)
        img = base[None, None, :] * weave[..., None] * _lowfreq(g, h, w, 5, 0.85, 1.1)[..., None]
    if rng.random() < 0.4:      # a pen or a ruler lying on the desk
        pt = (rng.randrange(w), rng.randrange(h))
        a = rng.uniform(0, math.pi)
        L = max(h, w) * rng.uniform(0.2, 0.5)
        p2 = (int(pt[0] + L * math.cos(a)), int(pt[1] + L * math.sin(a)))
        col = rng.choice([(20, 20, 120), (10, 10, 10), (200, 200, 210), (170, 30, 30)])
        cv2.line(img, pt, p2, col, max(4, int(min(h, w) * 0.008)), cv2.LINE_AA)
    return {"kind": kind}, np.clip(img, 0, 255).astype(np.float32)


# ------------------------------------------------------------------ curl (page space)

def curl(page, alpha, tmask, rng):
    """Lift the page near one edge.  Arrays are rotated so the edge is on the left."""
    edge = rng.choice(["left", "right", "top", "bottom"])
    k = {"left": 0, "top": 1, "right": 2, "bottom": 3}[edge]   # np.rot90 turns
    arrs = [np.rot90(a, k) for a in (page, alpha, tmask)]
    h, w = arrs[0].shape[:2]
    b = rng.uniform(0.12, 0.26) * w              # width of the lifted band
    c = rng.uniform(0.06, 0.2)                    # compression of the band (foreshortening)
    kk = rng.uniform(0.025, 0.08)                 # fan-out of lines near the edge
    y0 = rng.uniform(0.15, 0.85) * h              # where the camera looks along the edge
    dyc = rng.uniform(-0.012, 0.012) * h          # a sideways slide of the lifted part
    u = np.arange(w, dtype=np.float32)
    q = np.clip(1 - u / b, 0, None)               # 1 at the edge, 0 at the band's end
    disc = 1 - 4 * c * q
    s = np.where(q > 0, (1 - np.sqrt(np.clip(disc, 0, None))) / (2 * c), 0)
    xs = np.where(q > 0, b - b * s, u)            # source column of each output column
    xs = np.where(u < c * b, -10.0, xs)           # beyond the lifted edge: no page
    t2 = (np.clip((b - xs) / b, 0, 1)) ** 2
    v = np.arange(h, dtype=np.float32)
    T = t2[None, :]
    ys = (v[:, None] + kk * T * y0 - dyc * T) / (1 + kk * T)
    mapx = np.broadcast_to(xs[None, :], (h, w)).astype(np.float32)
    mapy = ys.astype(np.float32)
    sh = rng.uniform(0.12, 0.35)
    shade = (1 - sh * np.clip((b - xs) / b, 0, 1) ** 1.5).astype(np.float32)
    out = []
    for i, a in enumerate(arrs):
        a = np.ascontiguousarray(a)
        r = cv2.remap(a, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                      borderValue=(255, 255, 255) if i == 0 else 0)
        if i == 0:
            r = np.clip(r.astype(np.float32) * shade[None, :, None], 0, 255).astype(np.uint8)
        out.append(np.rot90(r, -k))
    return [np.ascontiguousarray(o) for o in out], {
        "edge": edge, "band_pct": round(100 * b / w, 1), "compress": round(c, 3),
        "fan": round(kk, 3), "shade": round(sh, 2)}


# ------------------------------------------------------------------ marks on the canvas

def hand_shadow(rng, h, w, target):
    """A blurred hand-and-forearm mask (0..1) whose palm lies near `target` (x, y)."""
    m = np.zeros((h, w), np.uint8)
    size = max(h, w)
    edge = rng.choice(["bottom", "right", "left", "bottom", "top"])
    tx, ty = target
    ex, ey = {"bottom": (tx + rng.uniform(-0.2, 0.2) * w, h * 1.3),
              "top": (tx + rng.uniform(-0.2, 0.2) * w, -0.3 * h),
              "left": (-0.3 * w, ty + rng.uniform(-0.2, 0.2) * h),
              "right": (w * 1.3, ty + rng.uniform(-0.2, 0.2) * h)}[edge]
    arm_w = int(size * rng.uniform(0.09, 0.14))
    cv2.line(m, (int(ex), int(ey)), (int(tx), int(ty)), 255, arm_w)
    ang = math.atan2(ty - ey, tx - ex)
    palm = (int(size * rng.uniform(0.07, 0.1)), int(size * rng.uniform(0.05, 0.075)))
    cv2.ellipse(m, (int(tx), int(ty)), palm, math.degrees(ang), 0, 360, 255, -1)
    fl = size * rng.uniform(0.08, 0.13)
    fw = max(3, int(size * 0.022))
    for i in range(4):
        a = ang + (i - 1.5) * 0.22 + rng.uniform(-0.05, 0.05)
        sx = tx + palm[0] * 0.8 * math.cos(a)
        sy = ty + palm[0] * 0.8 * math.sin(a)
        L = fl * (0.8 + 0.2 * (i in (1, 2)))
        cv2.line(m, (int(sx), int(sy)), (int(sx + L * math.cos(a)), int(sy + L * math.sin(a))), 255, fw)
    thumb = ang + rng.choice([-1, 1]) * 1.1
    cv2.line(m, (int(tx), int(ty)), (int(tx + fl * 0.8 * math.cos(thumb)),
                                     int(ty + fl * 0.8 * math.sin(thumb))), 255, int(fw * 1.2))
    sig = size * rng.uniform(0.012, 0.035)
    return cv2.GaussianBlur(m.astype(np.float32) / 255, (0, 0), sig), {
        "from": edge, "palm": [int(tx), int(ty)], "blur_px": round(sig, 1)}


def glare(rng, h, w, target, page_size):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    sx = page_size * rng.uniform(0.06, 0.15)
    sy = sx * rng.uniform(0.4, 1.0)
    a = rng.uniform(0, math.pi)
    dx, dy = xx - target[0], yy - target[1]
    u = dx * math.cos(a) + dy * math.sin(a)
    v = -dx * math.sin(a) + dy * math.cos(a)
    core = np.exp(-0.5 * ((u / sx) ** 2 + (v / sy) ** 2))
    peak = rng.uniform(0.6, 0.92)
    g = np.clip(core * 1.25, 0, 1) * peak          # a flat-topped washed-out centre
    return g.astype(np.float32), {"center": [int(target[0]), int(target[1])],
                                  "sigma_px": [round(sx), round(sy)], "peak": round(peak, 2)}


# ------------------------------------------------------------------ the photo

def _inside(quad, rect):
    x0, y0, x1, y1 = rect
    q = quad.reshape(-1, 1, 2).astype(np.float32)
    return all(cv2.pointPolygonTest(q, (float(x), float(y)), False) >= 0
               for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))


def simulate(page, kinds, rng, table_box):
    """page: H x W x 3 uint8 at 300 dpi; table_box: (x0, y0, x1, y1) on it."""
    g = nprng(rng)
    rec = {"kinds": list(kinds)}
    H, W = page.shape[:2]
    alpha = np.full((H, W), 255, np.uint8)
    tmask = np.zeros((H, W), np.uint8)
    x0, y0, x1, y1 = table_box
    tmask[y0:y1 + 1, x0:x1 + 1] = 255
    # paper tint
    tint = np.array([1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 0.99)], np.float32)
    page = (page.astype(np.float32) * tint).astype(np.uint8)
    if "curl" in kinds:
        (page, alpha, tmask), rec["curl"] = curl(page, alpha, tmask, rng)

    # scale to the effective resolution
    dpi = rng.uniform(150, 230)
    s = dpi / SRC_DPI
    Wp, Hp = int(round(W * s)), int(round(H * s))
    page = cv2.resize(page, (Wp, Hp), interpolation=cv2.INTER_AREA)
    alpha = cv2.resize(alpha, (Wp, Hp), interpolation=cv2.INTER_AREA)
    tmask = cv2.resize(tmask, (Wp, Hp), interpolation=cv2.INTER_AREA)
    rec["dpi"] = round(dpi, 1)

    # perspective: a keystone from the camera's tilt, a rotation, and some jitter per corner
    size = max(Wp, Hp)
    p = rng.uniform(0.04, 0.08) if "perspective" in kinds else rng.uniform(0.02, 0.035)
    src = np.float32([[0, 0], [Wp, 0], [Wp, Hp], [0, Hp]])
    dst = src.copy()
    side = rng.randrange(4)        # edge that is farther from the camera (shrinks)
    ks = p * rng.uniform(0.5, 0.9) * size
    i0, i1 = side, (side + 1) % 4
    d = dst[i1] - dst[i0]
    d = d / np.linalg.norm(d)
    dst[i0] += d * ks
    dst[i1] -= d * ks
    jit = p * size - ks
    dst += np.float32([[rng.uniform(-1, 1) * jit, rng.uniform(-1, 1) * jit] for _ in range(4)])
    rot = math.radians(rng.uniform(-4, 4) if "perspective" not in kinds else rng.uniform(-7, 7))
    c = dst.mean(0)
    R = np.float32([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]])
    dst = (dst - c) @ R.T + c
    disp = np.abs((dst - c) - (src - src.mean(0)) @ R.T).max() / size
    rec["perspective_pct"] = round(100 * p, 1)
    rec["corner_shift_pct"] = round(100 * float(disp), 1)
    rec["rotation_deg"] = round(math.degrees(rot), 2)
    # canvas: the page quad plus desk around it
    mx = [rng.uniform(0.03, 0.12) * size for _ in range(4)]
    bx0, by0 = dst.min(0)
    bx1, by1 = dst.max(0)
    off = np.float32([mx[0] - bx0, mx[1] - by0])
    dst = dst + off
    cw, ch = int(bx1 - bx0 + mx[0] + mx[2]), int(by1 - by0 + mx[1] + mx[3])
    M = cv2.getPerspectiveTransform(src, dst)
    pw = cv2.warpPerspective(page, M, (cw, ch), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    aw = cv2.warpPerspective(alpha, M, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=0)
    tw = cv2.warpPerspective(tmask, M, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=0)
    rec["desk"], bg = desk(rng, ch, cw)
    a = aw.astype(np.float32)[..., None] / 255
    # the page's soft contact shadow on the desk
    sh = cv2.GaussianBlur(aw.astype(np.float32) / 255, (0, 0), size * 0.006)
    sh = np.roll(sh, (int(size * 0.004), int(size * 0.004)), (0, 1))
    bg = bg * (1 - 0.35 * sh[..., None])
    img = pw.astype(np.float32) * a + bg * (1 - a)

    ty, tx = np.nonzero(tw > 127)
    tb = [int(tx.min()), int(ty.min()), int(tx.max()), int(ty.max())] if len(tx) else [0, 0, cw, ch]

    def pick_in_table(bias=0.0):
        return (rng.uniform(tb[0], tb[2]), rng.uniform(tb[1] + bias * (tb[3] - tb[1]), tb[3]))

    # light: a broad gradient on every photo, then the kinds
    L = _lowfreq(g, ch, cw, 3, rng.uniform(0.8, 0.92), 1.0)
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    if "lowlight" in kinds:
        b = rng.uniform(0.35, 0.6)
        r2 = ((xx - cw / 2) / (cw / 2)) ** 2 + ((yy - ch / 2) / (ch / 2)) ** 2
        vig = 1 - rng.uniform(0.15, 0.35) * np.clip(r2 / 2, 0, 1)
        L = L * b * vig
        warm = np.array([1.0, rng.uniform(0.76, 0.88), rng.uniform(0.52, 0.68)], np.float32)
        rec["lowlight"] = {"brightness": round(b, 2), "tint": [round(float(x), 2) for x in warm]}
    else:
        warm = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.86, 0.98)], np.float32)
    img = img * L[..., None] * warm[None, None, :]
    if "shadow" in kinds:
        m, rec["shadow"] = hand_shadow(rng, ch, cw, pick_in_table(0.2))
        st = rng.uniform(0.35, 0.65)
        rec["shadow"]["strength"] = round(st, 2)
        cool = np.array([0.95, 0.98, 1.0], np.float32)
        img = img * (1 - st * m[..., None] * cool)
    if "glare" in kinds:
        gl, rec["glare"] = glare(rng, ch, cw, pick_in_table(), size)
        img = img + (255 - img) * gl[..., None]

    # camera: defocus, noise
    blur = rng.uniform(0.6, 1.2) if "lowlight" in kinds else rng.uniform(0.3, 0.8)
    img = cv2.GaussianBlur(img, (0, 0), blur)
    ns = rng.uniform(7, 16) if "lowlight" in kinds else rng.uniform(1.5, 4.5)
    lum = g.normal(0, ns, (ch, cw, 1)).astype(np.float32)
    chroma = g.normal(0, ns * 0.5, (ch, cw, 3)).astype(np.float32)
    img = img + lum + chroma
    rec["blur_px"] = round(blur, 2)
    rec["noise_sigma"] = round(ns, 1)
    img = np.clip(img, 0, 255).astype(np.uint8)

    quad = dst.copy()
    if "crop" in kinds:
        # a rectangle holding the table, inside the page (no desk), margins cut
        inner = [max(quad[0][0], quad[3][0]), max(quad[0][1], quad[1][1]),
                 min(quad[1][0], quad[2][0]), min(quad[2][1], quad[3][1])]
        pad = 0.012 * size
        tight = [tb[0] - pad, tb[1] - pad, tb[2] + pad, tb[3] + pad]
        fr = [rng.uniform(0.0, 0.4) for _ in range(4)]
        for _ in range(30):
            rect = [tight[0] - fr[0] * max(0, tight[0] - inner[0]),
                    tight[1] - fr[1] * max(0, tight[1] - inner[1]),
                    tight[2] + fr[2] * max(0, inner[2] - tight[2]),
                    tight[3] + fr[3] * max(0, inner[3] - tight[3])]
            rect = [int(math.ceil(rect[0])), int(math.ceil(rect[1])), int(rect[2]), int(rect[3])]
            rect = [max(0, rect[0]), max(0, rect[1]), min(cw - 1, rect[2]), min(ch - 1, rect[3])]
            ok = _inside(quad, rect) and aw[rect[1]:rect[3] + 1, rect[0]:rect[2] + 1].min() >= 250
            if ok:
                break
            fr = [f * 0.7 for f in fr]
            if max(fr) < 0.02:
                pad *= 0.8
                tight = [tb[0] - pad, tb[1] - pad, tb[2] + pad, tb[3] + pad]
        rec["crop"] = {"rect": rect, "desk_free": bool(ok),
                       "margin_kept": [round(f, 2) for f in fr]}
        img = img[rect[1]:rect[3] + 1, rect[0]:rect[2] + 1]
        quad = quad - np.float32([rect[0], rect[1]])
        tb = [tb[0] - rect[0], tb[1] - rect[1], tb[2] - rect[0], tb[3] - rect[1]]
    q = rng.randint(60, 72) if "lowlight" in kinds else rng.randint(60, 90)
    rec["jpeg_quality"] = q
    rec["page_quad"] = [[round(float(x), 1), round(float(y), 1)] for x, y in quad]
    rec["table_box"] = tb
    return img, q, rec


# ------------------------------------------------------------------ pen marks (page space)

def pen_marks(page, rng, box):
    """Ticks, a circled figure, an underline and a short margin scribble in ballpoint ink."""
    h, w = page.shape[:2]
    x0, y0, x1, y1 = box
    m = np.zeros((h, w), np.uint8)
    th = max(3, int(SRC_DPI / rng.uniform(70, 110)))
    ops = []
    for _ in range(rng.randint(2, 5)):        # ticks beside rows
        x = int(rng.uniform(x1 - 0.25 * (x1 - x0), x1 + 0.03 * w))
        y = int(rng.uniform(y0 + 0.2 * (y1 - y0), y1))
        s = int(SRC_DPI * rng.uniform(0.08, 0.14))
        pts = np.int32([[x, y], [x + s // 3, y + s // 2], [x + s, y - s // 2]])
        cv2.polylines(m, [pts], False, 255, th, cv2.LINE_AA)
        ops.append("tick")
    if rng.random() < 0.7:                    # a ring around a figure
        cx, cy = int(rng.uniform(x0 + 0.3 * (x1 - x0), x1)), int(rng.uniform(y0 + 0.3 * (y1 - y0), y1))
        ax = (int(SRC_DPI * rng.uniform(0.25, 0.4)), int(SRC_DPI * rng.uniform(0.1, 0.16)))
        cv2.ellipse(m, (cx, cy), ax, rng.uniform(-10, 10), rng.uniform(0, 40), rng.uniform(330, 380),
                    255, th, cv2.LINE_AA)
        ops.append("ring")
    if rng.random() < 0.6:                    # a scribbled note in the margin below
        cx = int(rng.uniform(x0, max(x0 + 1, x1 - SRC_DPI)))
        cy = int(min(h - SRC_DPI * 0.3, y1 + SRC_DPI * rng.uniform(0.2, 0.6)))
        t = np.linspace(0, 1, 300)
        xs = cx + t * SRC_DPI * rng.uniform(1.0, 2.0)
        ys = cy + SRC_DPI * 0.06 * np.sin(2 * math.pi * rng.uniform(8, 14) * t) \
            + SRC_DPI * 0.02 * np.sin(2 * math.pi * rng.uniform(1, 3) * t)
        cv2.polylines(m, [np.stack([xs, ys], 1).astype(np.int32)], False, 255, th, cv2.LINE_AA)
        ops.append("note")
    col = np.array(rng.choice([(25, 45, 160), (30, 30, 120), (170, 25, 30), (20, 20, 20)]), np.float32)
    a = (m.astype(np.float32) / 255 * rng.uniform(0.75, 0.95))[..., None]
    out = page.astype(np.float32) * (1 - a) + np.minimum(page.astype(np.float32), col) * a
    return np.clip(out, 0, 255).astype(np.uint8), {"op": "pen", "marks": ops,
                                                   "color": [int(x) for x in col]}
