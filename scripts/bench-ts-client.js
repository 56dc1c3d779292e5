// Decode throughput of SuperOffice's TypeScript client on a payload file; run by
// bench-ts-client.sh (which installs the package into the directory given as first argument).
"use strict";

const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const [dir, payloadPath, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 15);
const load = createRequire(path.join(dir, "package.json"));
const pkgDir = path.join(dir, "node_modules", "@superoffice", "webapi");
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
// The package exports "./*" as dist/cjs/* for require().
const converters = load("@superoffice/webapi/Converters.js");
const convert = converters.Create_ChatSessionEntityArray_From;
if (typeof convert !== "function") {
    console.error("bench-ts-client: Create_ChatSessionEntityArray_From not found in the package");
    process.exit(1);
}

const bytes = fs.readFileSync(payloadPath);
const MiB = 1024 * 1024;

function best(label, work) {
    const times = [];
    let count = 0;
    for (let i = 0; i < rounds; i++) {
        const start = process.hrtime.bigint();
        count = work();
        times.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    times.sort((a, b) => a - b);
    const [fastest, median] = [times[0], times[Math.floor(times.length / 2)]];
    const rate = (s) => (bytes.length / MiB / s).toFixed(1);
    console.log(
        `${label}: best ${(fastest * 1000).toFixed(1)} ms (${rate(fastest)} MiB/s), ` +
            `median ${(median * 1000).toFixed(1)} ms (${rate(median)} MiB/s), ${count} sessions`
    );
}

console.log(
    `${pkg.name} ${pkg.version} on node ${process.version}: ${bytes.length} bytes from ${payloadPath}, ` +
        `best of ${rounds}`
);
// What the client does with a response body: UTF-8 text -> JSON.parse -> generated converter.
best("ts_client (utf-8 + JSON.parse + Create_ChatSessionEntityArray_From)", () => {
    const sessions = convert(JSON.parse(bytes.toString("utf8")));
    return sessions.length;
});
best("ts_json_parse_only (utf-8 + JSON.parse)", () => JSON.parse(bytes.toString("utf8")).length);
