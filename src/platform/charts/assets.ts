// The browser side of interactive charts: the ECharts browser build, served as a static file straight
// from the installed package (no CDN, no copy in the repository, the version always the server's),
// and our small script that makes server-rendered charts live (public/js/charts.js). Pages load them
// only when they show an interactive chart (ChartScripts in figure.tsx).
import path from 'node:path';
import { createRequire } from 'node:module';

// The package's CommonJS entry is dist/echarts.js: its folder holds the browser builds.
const dist = path.dirname(createRequire(import.meta.url).resolve('echarts'));

/** The one file served under `prefix` (the common build: bar and line charts, tooltip, legend). */
const prefix = '/static/vendor/echarts/';
const file = 'echarts.common.min.js';
export const ECHARTS_BROWSER = { dir: dist, prefix, file, href: `${prefix}${file}` } as const;

/** Our enhancement script (public/js, served under /static/). */
export const CHARTS_SCRIPT = '/static/js/charts.js';
