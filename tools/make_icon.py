"""Draws assets/icon.png (256x256): a teal rounded square with a white check mark inside a
ring, the mark of "a real, active account". Standard library only; run from the repo root."""
import math, struct, zlib

N = 256
def inside_rounded(x, y, r=48, pad=8):
    lo, hi = pad, N - 1 - pad
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and lo <= x <= hi and lo <= y <= hi

def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)

rows = []
for y in range(N):
    row = bytearray([0])
    for x in range(N):
        # 4x supersampling for smooth edges
        acc = [0.0, 0.0, 0.0, 0.0]
        for sy in range(2):
            for sx in range(2):
                fx, fy = x + (sx + 0.5) / 2, y + (sy + 0.5) / 2
                if not inside_rounded(fx, fy):
                    continue
                r, g, b = 0x13, 0x6f, 0x7a  # teal
                ring = abs(math.hypot(fx - 128, fy - 128) - 84)
                check = min(seg_dist(fx, fy, 82, 132, 114, 164), seg_dist(fx, fy, 114, 164, 176, 98))
                if ring <= 7 or check <= 12:
                    r, g, b = 255, 255, 255
                acc[0] += r; acc[1] += g; acc[2] += b; acc[3] += 255
        n = 4
        row += bytes([int(acc[0] / max(1, acc[3] / 255)) if acc[3] else 0,
                      int(acc[1] / max(1, acc[3] / 255)) if acc[3] else 0,
                      int(acc[2] / max(1, acc[3] / 255)) if acc[3] else 0,
                      int(acc[3] / n)])
    rows.append(bytes(row))

def chunk(t, d):
    c = struct.pack(">I", len(d)) + t + d
    return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open("assets/icon.png", "wb").write(png)
print("assets/icon.png", len(png), "bytes")
