// CPU profiles of a Worker served by bench/workerd.mjs with `inspectorPort`: the V8 inspector's Profiler over the
// DevTools protocol (Node's built-in WebSocket), and a self-time summary by function and by file. Used by the drain,
// import and ingest benches when BENCH_CPU_PROFILE names a file to write the .cpuprofile to. BENCH_PERF names a file
// for Linux perf's samples of workerd's native stacks instead, which see what V8's profiler cannot: SQLite.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/**
 * Starts the profiler on the Worker's inspector target; `stop(file)` writes the profile there and prints its self time
 * by function on stderr (stdout carries the benchmark's result rows).
 */
export async function startProfile(inspectorPort, { intervalUs = 200 } = {}) {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = targets.find((t) => t.webSocketDebuggerUrl);
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}: ${JSON.stringify(targets)}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  let nextId = 0;
  const pending = new Map();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
    else waiter.resolve(message.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: intervalUs });
  await send("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await send("Profiler.stop");
      socket.close();
      writeFileSync(file, JSON.stringify(profile));
      const { totalMs, functions } = summarize(profile);
      console.error(`CPU profile (${Math.round(totalMs)} ms sampled), self time by function:\n${functions.join("\n")}`);
    },
  };
}

/** Self time by function, in shares of all samples (idle included: time spent waiting on D1). */
function summarize(profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const file = callFrame.url.split("/").at(-1) || "(native)";
    const fn = `${callFrame.functionName || "(anonymous)"} ${file}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const functions = [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return { totalMs: total / 1000, functions };
}

/**
 * Starts counting the CPU of this process's workerd children (the Worker and its local D1 together); `read()` gives
 * the CPU seconds used since, in all and on the busiest thread. workerd runs a Worker, its D1 and its queues on one
 * thread, so that thread's share of the wall time says whether a run was bound by it.
 * On a shared machine wall-clock rates move with the neighbours' load; CPU spent per item does much less.
 */
export function workerdCpuMeter() {
  const before = workerdThreadSeconds();
  return {
    read() {
      let seconds = 0;
      let busiestThreadSeconds = 0;
      for (const [thread, used] of workerdThreadSeconds()) {
        const delta = used - (before.get(thread) ?? 0);
        seconds += delta;
        busiestThreadSeconds = Math.max(busiestThreadSeconds, delta);
      }
      return { seconds, busiestThreadSeconds };
    },
  };
}

/** CPU seconds (user + system) per thread of this process's workerd children, keyed by thread id. */
function workerdThreadSeconds() {
  const ticks = 100; // USER_HZ on Linux
  const threads = new Map();
  for (const pid of workerdPids()) {
    let tasks;
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      } catch {
        continue;
      }
      // The command sits in parentheses and may hold spaces; the fields after it are space-separated.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / ticks);
    }
  }
  return threads;
}

/**
 * Samples the native stacks of this process's workerd child with Linux perf (Debian's `linux-perf`) until `stop()`,
 * which prints on stderr, and returns, the shares of the samples (0–1) spent in SQLite's statements (`sqlite3_step`,
 * commits and WAL checkpoints included), in those commits and checkpoints, and in V8's garbage collector. V8's own
 * profiler cannot tell them apart from the Worker's waiting, and on the one thread that runs the Worker and its local
 * D1 they set how much a faster Worker could gain.
 */
export async function startNativeProfile(file) {
  const [pid] = workerdPids();
  if (pid === undefined) throw new Error("no workerd process to profile");
  const perf = spawn("perf", ["record", "-F", "499", "-g", "-p", String(pid), "-o", file], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 500)); // perf attaches to every thread before the run starts
  return {
    async stop() {
      perf.kill("SIGINT");
      await once(perf, "exit");
      const report = execFileSync(
        "perf",
        ["report", "-i", file, "--children", "--sort", "sym", "-g", "none", "--stdio"],
        { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "ignore"] },
      );
      // Lines read "  children%  self%  [.] symbol"; a share is the children (inclusive) column.
      const share = (symbol) => {
        const line = report.split("\n").find((l) => l.trimEnd().endsWith(`] ${symbol}`));
        return line ? Number(/([\d.]+)%/.exec(line)?.[1] ?? 0) / 100 : 0;
      };
      const shares = {
        sqlite: share("sqlite3_step"),
        commit: share("sqlite3PagerCommitPhaseOne") + share("sqlite3WalCheckpoint"),
        gc: share("v8::internal::Heap::CollectGarbage"),
      };
      const percent = (v) => `${(v * 100).toFixed(1)}%`;
      console.error(
        `perf, workerd's samples: SQLite ${percent(shares.sqlite)} (commits and checkpoints ${percent(shares.commit)}), V8 GC ${percent(shares.gc)}`,
      );
      return shares;
    },
  };
}

/**
 * A result row's figures from a native profile (none without one): SQLite's share of workerd's CPU, its CPU per item
 * or row, and the rate that alone would allow, were the Worker and D1's plumbing free.
 */
export function sqliteFigures(native, cpuMsPerUnit, unit) {
  if (!native) return {};
  const sqliteMs = cpuMsPerUnit * native.sqlite;
  return {
    sqliteShare: Math.round(native.sqlite * 100) / 100,
    [`sqliteMsPer${unit}`]: Math.round(sqliteMs * 1000) / 1000,
    sqliteAloneAllows: Math.round(1000 / sqliteMs),
  };
}

/** The workerd processes this process started (bench/workerd.mjs serves one at a time). */
function workerdPids() {
  return descendants(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("workerd");
    } catch {
      return false;
    }
  });
}

function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {}
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
