import type { BenchResult } from './bench.ts';

const esc = (text: string) =>
  text.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * One SVG for the README: hit@3 and p95 per retriever (left), and cost against knowledge size
 * (right: one-document reload, ask p95 and RSS per scale). Plain shapes, no fonts to load.
 */
export function benchChart(result: BenchResult): string {
  const width = 900;
  const height = 340;
  const parts: string[] = [];
  const text = (x: number, y: number, body: string, extra = ''): void => {
    parts.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${extra}>${esc(body)}</text>`);
  };
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  const m = result.machine;
  text(
    20,
    22,
    `iprisk bench — ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}`,
    'font-size="12" fill="#4a5561"',
  );

  // Left: retrievers.
  const peers = result.peers?.retrievers ?? [];
  text(
    20,
    48,
    `Retrievers on ${result.peers?.questions ?? 0} labelled questions: hit@3 (bar) and p95 ms`,
    'font-size="13" font-weight="bold"',
  );
  peers.forEach((r, i) => {
    const y = 70 + i * 46;
    text(20, y + 13, r.name, 'font-size="12"');
    const bar = 260 * r.hit3;
    parts.push(
      `<rect x="20" y="${y + 18}" width="${bar.toFixed(1)}" height="14" fill="${r.name.startsWith('iprisk') ? '#0b5cad' : '#8aa4c0'}"/>`,
    );
    text(26 + bar, y + 30, `${r.hit3.toFixed(3)} · p95 ${r.p95Ms} ms`, 'font-size="11"');
  });

  // Right: scale.
  const scales = result.scales ?? [];
  const x0 = 480;
  const plotW = 380;
  const plotH = 220;
  const y0 = 70;
  text(
    x0,
    48,
    'Cost vs knowledge size (1×, 10×, 100× the shipped knowledge)',
    'font-size="13" font-weight="bold"',
  );
  if (scales.length > 0) {
    const series = [
      {
        name: '1-doc reload (s)',
        color: '#0b5cad',
        value: (s: (typeof scales)[number]) => s.oneDocumentReloadMs / 1000,
      },
      { name: 'ask p95 (ms)', color: '#b35c00', value: (s: (typeof scales)[number]) => s.askP95Ms },
      { name: 'RSS (GB)', color: '#136c2e', value: (s: (typeof scales)[number]) => s.rssMb / 1024 },
      {
        name: 'full build (10 s)',
        color: '#6b3fa0',
        value: (s: (typeof scales)[number]) => s.fullBuildMs / 10_000,
      },
    ];
    const top = Math.max(1, ...series.flatMap((serie) => scales.map(serie.value)));
    const xAt = (i: number) => x0 + 30 + (i * (plotW - 60)) / Math.max(1, scales.length - 1);
    const yAt = (v: number) => y0 + plotH - (v / top) * plotH;
    parts.push(
      `<line x1="${x0 + 20}" y1="${y0 + plotH}" x2="${x0 + plotW}" y2="${y0 + plotH}" stroke="#c9d1d9"/>`,
    );
    for (const [i, s] of scales.entries())
      text(xAt(i) - 10, y0 + plotH + 16, `${s.scale}×`, 'font-size="11"');
    series.forEach((serie, k) => {
      const points = scales.map((s, i) => `${xAt(i).toFixed(1)},${yAt(serie.value(s)).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${points}" fill="none" stroke="${serie.color}" stroke-width="2"/>`);
      scales.forEach((s, i) => {
        parts.push(
          `<circle cx="${xAt(i).toFixed(1)}" cy="${yAt(serie.value(s)).toFixed(1)}" r="3" fill="${serie.color}"/>`,
        );
        text(
          xAt(i) + 5,
          yAt(serie.value(s)) - 4,
          serie.value(s).toFixed(serie.value(s) < 10 ? 2 : 0),
          `font-size="10" fill="${serie.color}"`,
        );
      });
      text(x0 + 20 + k * 95, height - 12, serie.name, `font-size="11" fill="${serie.color}"`);
    });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${parts.join('')}</svg>\n`;
}
