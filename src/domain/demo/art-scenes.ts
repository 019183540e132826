import { between, type Rng } from './prng.ts';

/**
 * Scenes drawn as SVG on a 1600×900 canvas: flat, poster-like shapes that
 * read as a photograph's subject at thumbnail size. Every random choice
 * comes from the seeded generator, so a key always draws the same picture.
 */
export interface Palette {
  sky: [string, string];
  ground: string;
  accent: string;
  ink: string;
}

export const W = 1600;
export const H = 900;
const f = (n: number) => n.toFixed(1);

export function skyGradient(p: Palette): string {
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient>
<radialGradient id="glow" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff" stop-opacity="0.9"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
}

function buildings(rng: Rng, p: Palette, base: number, count: number, maxH: number, fill: string, windows: boolean): string {
  let out = '';
  let x = -20;
  for (let i = 0; i < count && x < W; i++) {
    const w = between(rng, 60, 150);
    const h = between(rng, maxH * 0.3, maxH);
    out += `<rect x="${f(x)}" y="${f(base - h)}" width="${f(w)}" height="${f(h)}" fill="${fill}"/>`;
    if (windows) {
      for (let wy = base - h + 20; wy < base - 20; wy += 34) {
        for (let wx = x + 12; wx < x + w - 16; wx += 26) {
          if (rng() < 0.42) out += `<rect x="${f(wx)}" y="${f(wy)}" width="12" height="16" fill="${p.accent}" opacity="0.85"/>`;
        }
      }
    }
    x += w + between(rng, 0, 14);
  }
  return out;
}

function wavePath(rng: Rng, y: number, amp: number, len: number): string {
  const phase = between(rng, 0, Math.PI * 2);
  let d = `M0 ${H} L0 ${f(y)}`;
  for (let x = 0; x <= W; x += 40) d += ` L${x} ${f(y + Math.sin(x / len + phase) * amp)}`;
  return `${d} L${W} ${H} Z`;
}

export const scenes: Record<string, (rng: Rng, p: Palette) => string> = {
  skyline: (rng, p) =>
    `<circle cx="${f(between(rng, 200, 1400))}" cy="${f(between(rng, 150, 320))}" r="90" fill="url(#glow)"/>` +
    buildings(rng, p, 700, 30, 420, p.ink + '99', false) +
    buildings(rng, p, 720, 24, 520, p.ink, true) +
    `<rect y="720" width="${W}" height="180" fill="${p.ground}"/>` +
    `<path d="${wavePath(rng, 760, 6, 60)}" fill="${p.sky[0]}" opacity="0.35"/>`,

  civic: (rng, p) => {
    let cols = '';
    for (let i = 0; i < 8; i++) cols += `<rect x="${470 + i * 88}" y="400" width="40" height="300" fill="${p.ground}"/>`;
    return `<path d="M420 400 L800 230 L1180 400 Z" fill="${p.ink}"/><rect x="420" y="390" width="760" height="24" fill="${p.ink}"/>` +
      `<ellipse cx="800" cy="230" rx="120" ry="110" fill="${p.accent}" opacity="0.9"/>${cols}` +
      `<rect x="380" y="700" width="840" height="40" fill="${p.ink}"/><rect y="740" width="${W}" height="160" fill="${p.ground}"/>` +
      buildings(rng, p, 740, 6, 260, p.ink + '55', false);
  },

  stadium: (rng, p) => {
    let lights = '';
    for (const x of [180, 1420]) lights += `<rect x="${x}" y="120" width="14" height="420" fill="${p.ink}"/><circle cx="${x + 7}" cy="120" r="60" fill="url(#glow)"/>`;
    let crowd = '';
    for (let i = 0; i < 260; i++) crowd += `<circle cx="${f(between(rng, 0, W))}" cy="${f(between(rng, 420, 560))}" r="6" fill="${rng() < 0.5 ? p.accent : p.ink}" opacity="0.7"/>`;
    return `<ellipse cx="800" cy="640" rx="900" ry="300" fill="${p.ink}"/>${crowd}${lights}` +
      `<ellipse cx="800" cy="700" rx="700" ry="190" fill="${p.ground}"/>` +
      `<ellipse cx="800" cy="700" rx="120" ry="40" fill="none" stroke="#fff" stroke-width="4"/><line x1="800" y1="510" x2="800" y2="890" stroke="#fff" stroke-width="4"/>`;
  },

  lab: (rng, p) => {
    const atoms: Array<[number, number]> = Array.from({ length: 14 }, () => [between(rng, 150, 1450), between(rng, 120, 780)]);
    let out = '';
    atoms.forEach(([x, y], i) => {
      const [x2, y2] = atoms[(i + 1 + Math.floor(rng() * 3)) % atoms.length];
      out += `<line x1="${f(x)}" y1="${f(y)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${p.accent}" stroke-width="6" opacity="0.5"/>`;
    });
    atoms.forEach(([x, y]) => (out += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(between(rng, 22, 60))}" fill="${rng() < 0.5 ? p.accent : p.ground}" stroke="${p.ink}" stroke-width="4"/>`));
    return out + `<circle cx="1250" cy="650" r="190" fill="none" stroke="${p.ink}" stroke-width="26"/><line x1="1385" y1="785" x2="1540" y2="900" stroke="${p.ink}" stroke-width="40"/>`;
  },

  waves: (rng, p) =>
    `<circle cx="${f(between(rng, 300, 1300))}" cy="260" r="110" fill="url(#glow)"/>` +
    [480, 560, 650, 750].map((y, i) => `<path d="${wavePath(rng, y, 18 + i * 6, 70 + i * 20)}" fill="${i % 2 ? p.ground : p.accent}" opacity="${0.55 + i * 0.12}"/>`).join('') +
    `<path d="M1040 470 L1120 470 L1100 500 L1060 500 Z" fill="${p.ink}"/><line x1="1080" y1="470" x2="1080" y2="400" stroke="${p.ink}" stroke-width="5"/>`,

  concert: (rng, p) => {
    let beams = '';
    for (let i = 0; i < 5; i++) {
      const x = 200 + i * 300;
      beams += `<polygon points="${x},0 ${x + 60},0 ${f(between(rng, 500, 1100))},620 ${f(between(rng, 300, 700))},620" fill="${p.accent}" opacity="0.18"/>`;
    }
    let heads = '';
    for (let i = 0; i < 70; i++) heads += `<circle cx="${f(i * 24 + between(rng, -6, 6))}" cy="${f(between(rng, 800, 850))}" r="${f(between(rng, 26, 36))}" fill="${p.ink}"/>`;
    return `${beams}<path d="M200 640 Q800 520 1400 640 L1400 700 L200 700 Z" fill="${p.ground}"/>` +
      `<rect x="740" y="470" width="12" height="180" fill="${p.ink}"/><circle cx="746" cy="450" r="30" fill="${p.ink}"/>${heads}`;
  },

  clouds: (rng, p) => {
    let out = '';
    for (let c = 0; c < 5; c++) {
      const cx = between(rng, 100, 1500), cy = between(rng, 120, 420);
      for (let i = 0; i < 6; i++) out += `<circle cx="${f(cx + between(rng, -150, 150))}" cy="${f(cy + between(rng, -40, 40))}" r="${f(between(rng, 60, 120))}" fill="${p.ground}" opacity="0.9"/>`;
    }
    for (let i = 0; i < 120; i++) {
      const x = between(rng, 0, W), y = between(rng, 450, 880);
      out += `<line x1="${f(x)}" y1="${f(y)}" x2="${f(x - 14)}" y2="${f(y + 40)}" stroke="${p.accent}" stroke-width="3" opacity="0.7"/>`;
    }
    return out + buildings(rng, p, H, 20, 220, p.ink, false);
  },

  tram: (rng, p) => {
    let windows = '';
    for (let i = 0; i < 6; i++) windows += `<rect x="${380 + i * 140}" y="430" width="110" height="110" rx="10" fill="${p.sky[0]}" opacity="0.9"/>`;
    return buildings(rng, p, 640, 26, 380, p.ink + '66', false) +
      `<rect y="640" width="${W}" height="260" fill="${p.ground}"/><path d="M0 860 L1600 760 M0 890 L1600 790" stroke="${p.ink}" stroke-width="8"/>` +
      `<rect x="340" y="400" width="900" height="250" rx="40" fill="${p.accent}"/>${windows}` +
      `<line x1="700" y1="400" x2="640" y2="300" stroke="${p.ink}" stroke-width="6"/><line x1="0" y1="300" x2="${W}" y2="290" stroke="${p.ink}" stroke-width="3"/>`;
  },

  chart: (rng, p) => {
    let grid = '';
    for (let y = 150; y <= 750; y += 100) grid += `<line x1="120" y1="${y}" x2="1480" y2="${y}" stroke="${p.ink}" stroke-width="2" opacity="0.25"/>`;
    let bars = '', pts = '', v = 600;
    for (let i = 0; i < 12; i++) {
      const x = 160 + i * 110;
      v = Math.max(200, Math.min(720, v - between(rng, -60, 110)));
      bars += `<rect x="${x}" y="${f(v + 40)}" width="60" height="${f(750 - v - 40)}" fill="${p.ground}" opacity="0.8"/>`;
      pts += `${x + 30},${f(v)} `;
    }
    return `${grid}${bars}<polyline points="${pts}" fill="none" stroke="${p.accent}" stroke-width="12" stroke-linejoin="round"/>`;
  },

  bridge: (rng, p) =>
    buildings(rng, p, 560, 24, 240, p.ink + '77', false) +
    `<rect y="560" width="${W}" height="340" fill="${p.ground}"/><path d="${wavePath(rng, 600, 8, 50)}" fill="${p.sky[1]}" opacity="0.4"/>` +
    `<path d="M0 520 Q400 300 800 520 Q1200 300 1600 520" fill="none" stroke="${p.accent}" stroke-width="22"/>` +
    `<rect y="510" width="${W}" height="26" fill="${p.ink}"/>` +
    [400, 1200].map((x) => `<rect x="${x - 20}" y="300" width="40" height="420" fill="${p.ink}"/>`).join(''),

  market: (rng, p) => {
    let stalls = '';
    for (let i = 0; i < 6; i++) {
      const x = 40 + i * 260, stripes = [p.accent, '#ffffff'];
      for (let s = 0; s < 6; s++) stalls += `<rect x="${x + s * 38}" y="380" width="38" height="90" fill="${stripes[s % 2]}"/>`;
      stalls += `<rect x="${x}" y="470" width="228" height="200" fill="${p.ink}" opacity="0.85"/>`;
      for (let k = 0; k < 9; k++) stalls += `<circle cx="${f(x + 30 + (k % 5) * 42)}" cy="${f(520 + Math.floor(k / 5) * 50)}" r="${f(between(rng, 14, 20))}" fill="${rng() < 0.5 ? '#e4a11b' : '#c0392b'}"/>`;
    }
    return `<rect y="670" width="${W}" height="230" fill="${p.ground}"/>${stalls}`;
  },

  park: (rng, p) => {
    let trees = '';
    for (let i = 0; i < 14; i++) {
      const x = between(rng, 40, 1560), y = between(rng, 560, 760), r = between(rng, 40, 90);
      trees += `<rect x="${f(x - 8)}" y="${f(y)}" width="16" height="${f(r)}" fill="${p.ink}"/><circle cx="${f(x)}" cy="${f(y - r * 0.4)}" r="${f(r)}" fill="${p.accent}" opacity="0.92"/>`;
    }
    return `<path d="M0 600 Q400 480 800 580 T1600 540 L1600 900 L0 900 Z" fill="${p.ground}"/>` +
      `<path d="M700 900 Q760 720 900 600" fill="none" stroke="#efe6d0" stroke-width="40"/>${trees}`;
  },

  library: (rng, p) => {
    let books = '';
    for (let shelf = 0; shelf < 4; shelf++) {
      const base = 260 + shelf * 170;
      books += `<rect x="100" y="${base}" width="1400" height="16" fill="${p.ink}"/>`;
      for (let x = 110; x < 1480; ) {
        const w = between(rng, 22, 46), h = between(rng, 100, 150);
        books += `<rect x="${f(x)}" y="${f(base - h)}" width="${f(w)}" height="${f(h)}" fill="${rng() < 0.4 ? p.accent : rng() < 0.5 ? p.ground : '#e8dcc0'}"/>`;
        x += w + 3;
      }
    }
    return books;
  },

  sun: (rng, p) => {
    let rays = '';
    for (let i = 0; i < 24; i++) {
      const a = (i / 24) * Math.PI * 2, r1 = 200, r2 = between(rng, 300, 420);
      rays += `<line x1="${f(800 + Math.cos(a) * r1)}" y1="${f(380 + Math.sin(a) * r1)}" x2="${f(800 + Math.cos(a) * r2)}" y2="${f(380 + Math.sin(a) * r2)}" stroke="${p.accent}" stroke-width="14" stroke-linecap="round"/>`;
    }
    return `${rays}<circle cx="800" cy="380" r="170" fill="${p.accent}"/>` + buildings(rng, p, H, 22, 260, p.ink, false);
  },

  theatre: (rng, p) => {
    const swag = (x: number, dir: number) => `<path d="M${x} 0 L${x + dir * 520} 0 Q${x + dir * 300} 420 ${x + dir * 120} 900 L${x} 900 Z" fill="${p.accent}"/>`;
    let seats = '';
    for (let r = 0; r < 3; r++) for (let i = 0; i < 30; i++) seats += `<rect x="${f(i * 55 + r * 20)}" y="${780 + r * 40}" width="40" height="34" rx="8" fill="${p.ink}"/>`;
    return `<rect x="200" y="560" width="1200" height="200" fill="${p.ground}"/><ellipse cx="800" cy="420" rx="300" ry="240" fill="url(#glow)"/>` +
      swag(0, 1) + swag(W, -1) + `<rect width="${W}" height="70" fill="${p.ink}"/>${seats}`;
  },
};

/** A head-and-shoulders silhouette for staff portraits (square canvas). */
export function portrait(rng: Rng, p: Palette, size: number): string {
  const c = size / 2;
  const hair = rng() < 0.5 ? p.ink : p.accent;
  return `<defs><radialGradient id="bg" cx="0.4" cy="0.3" r="0.9"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></radialGradient></defs>
<rect width="${size}" height="${size}" fill="url(#bg)"/>
<ellipse cx="${c}" cy="${size * 1.02}" rx="${size * 0.4}" ry="${size * 0.32}" fill="${p.ground}"/>
<rect x="${c - size * 0.06}" y="${size * 0.55}" width="${size * 0.12}" height="${size * 0.15}" fill="#c99a7a"/>
<ellipse cx="${c}" cy="${size * 0.42}" rx="${size * 0.16}" ry="${size * 0.2}" fill="#d8a988"/>
<path d="M${c - size * 0.17} ${size * 0.42} Q${c - size * 0.18} ${size * 0.16} ${c} ${size * 0.18} Q${c + size * 0.2} ${size * 0.17} ${c + size * 0.17} ${size * 0.42} Q${c + size * 0.1} ${size * 0.26} ${c} ${size * 0.28} Q${c - size * 0.12} ${size * 0.27} ${c - size * 0.17} ${size * 0.42} Z" fill="${hair}"/>`;
}
