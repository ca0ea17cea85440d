import { spawn } from 'node:child_process';

// Development: the API restarts when server code changes (tsx watch) and the Angular dev
// server rebuilds and reloads the browser; it forwards /api to the API (src/proxy.conf.json).
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env['PORT'] ?? '8080' },
  }),
  spawn('npx', ['ng', 'serve', '--port', '4200'], { stdio: 'inherit' }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
