// The server test helpers set jasmine.DEFAULT_TIMEOUT_INTERVAL at load time; outside Jasmine give them a stand-in.
const g = globalThis as unknown as { jasmine?: Record<string, unknown> };
if (!g.jasmine) g.jasmine = { DEFAULT_TIMEOUT_INTERVAL: 0 };
export {};
