// One load run, in its own process so the bench can pin it to a core of its own:
//   node bench/load.mjs '{"url":"http://127.0.0.1:3000/events","connections":50,"duration":10,"warmup":2}'
// Runs a warm-up (not counted), then the measured run; prints one line of JSON.
// With "cpuPid", also reports the CPU time that process used during the measured run
// (from /proc/<pid>/stat), so a busy or shared machine still yields CPU ms per request.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2] ?? '{}');
const { url, connections = 50, duration = 10, warmup = 2, cpuPid, ...rest } = opts;
if (!url) {
  console.error('usage: node bench/load.mjs \'{"url":"http://..."}\'');
  process.exit(2);
}

const run = (seconds) => autocannon({ ...rest, url, connections, duration: seconds });

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
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime, stime (fields 14, 15)
  } catch {
    return undefined;
  }
}

if (warmup > 0) await run(warmup);
const cpu0 = cpuSeconds(cpuPid);
const r = await run(duration);
const cpu1 = cpuSeconds(cpuPid);
const cpu = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
const completed = r['2xx'] + r.non2xx;
console.log(
  JSON.stringify({
    url,
    connections,
    duration: r.duration,
    requestsPerSecond: r.requests.average,
    requestsTotal: completed,
    latencyMs: { average: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    throughputBytesPerSecond: r.throughput.average,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    // server CPU: seconds used in the measured run, share of one core, ms per completed request
    serverCpu:
      cpu === undefined
        ? null
        : {
            seconds: cpu,
            coreShare: cpu / r.duration,
            msPerRequest: completed ? (1000 * cpu) / completed : null,
            requestsPerCpuSecond: cpu > 0 ? completed / cpu : null,
          },
  }),
);
