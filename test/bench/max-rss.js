// Preloaded (node -r) into a process the bench measures: on exit, its peak resident memory in
// KB is written to the file named by RDTAX_BENCH_RSS_FILE. On Linux it is VmHWM from
// /proc/self/status, the high-water mark of this program's own memory: getrusage's maxRSS
// survives exec, so a child would report the bench's (forked) memory instead of its own.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const file = process.env.RDTAX_BENCH_RSS_FILE;
  if (!file) return;
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {
    // not Linux: getrusage's figure
  }
  fs.writeFileSync(file, String(kb));
});
