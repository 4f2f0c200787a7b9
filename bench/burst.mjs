// The registration burst of `npm run bench`, in its own process so the bench can pin it to
// the load generator's core:
//   node bench/burst.mjs '{"origin":"http://127.0.0.1:3000","slug":"bench-registration-1","requests":1000}'
// Opens the form once (CSRF cookie and token), then sends all registrations at once, each
// on its own connection with its own address and idempotency key, and waits for every
// answer. Prints one line of JSON: counts by status and outcome, total time, latencies.
// With "cpuPid", also the CPU time that process (the server) used during the burst.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { burstAgent, idempotencyKey, openForm, percentile, postRegistration } from './registration-client.mjs';

const { origin, slug, requests = 1000, cpuPid } = JSON.parse(process.argv[2] ?? '{}');
if (!origin || !slug) {
  console.error('usage: node bench/burst.mjs \'{"origin":"http://...","slug":"...","requests":1000}\'');
  process.exit(2);
}

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* Linux default */
}
/** user + system CPU seconds of a process so far, or undefined where /proc is not there. */
function cpuSeconds(pid) {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

const form = await openForm(origin, slug);
const run = crypto.randomBytes(4).toString('hex');
const people = Array.from({ length: requests }, (_, i) => ({
  email: `burst-${run}-${i + 1}@example.org`,
  name: `Burst Registrant ${i + 1}`,
  idem: idempotencyKey(),
}));

const agent = burstAgent();
const cpu0 = cpuSeconds(cpuPid);
const started = process.hrtime.bigint();
const answers = await Promise.all(people.map((p) => postRegistration(agent, form, p)));
const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
const cpu1 = cpuSeconds(cpuPid);
agent.destroy();

const statuses = {};
const errors = {};
let confirmed = 0;
let waitlisted = 0;
let otherOutcome = 0;
for (const a of answers) {
  if (a.status === 0) errors[a.error] = (errors[a.error] ?? 0) + 1;
  else statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  if (a.status !== 200) continue;
  if (a.outcome === 'confirmed') confirmed++;
  else if (a.outcome === 'waitlisted') waitlisted++;
  else otherOutcome++;
}
const ms = answers.filter((a) => a.status !== 0).map((a) => a.ms);
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
const cpu = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
console.log(
  JSON.stringify({
    origin,
    slug,
    requests,
    ok2xx: answers.filter((a) => a.status >= 200 && a.status < 300).length,
    non2xx: answers.filter((a) => a.status !== 0 && (a.status < 200 || a.status >= 300)).length,
    errors: answers.filter((a) => a.status === 0).length,
    statuses,
    errorKinds: errors,
    confirmed,
    waitlisted,
    otherOutcome,
    totalMs: round(totalMs),
    registrationsPerSecond: round((1000 * answers.length) / totalMs),
    latencyMs: {
      min: round(percentile(ms, 0)),
      p50: round(percentile(ms, 50)),
      p90: round(percentile(ms, 90)),
      p99: round(percentile(ms, 99)),
      max: round(percentile(ms, 100)),
    },
    serverCpu: cpu === undefined ? null : { seconds: cpu, msPerRegistration: (1000 * cpu) / requests },
  }),
);
