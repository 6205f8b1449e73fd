#!/usr/bin/env node
// The Athena translation checked against the local engine: loads one generated flow-log file into
// DuckDB as AWS's vpc_flow_logs table (nulls for '-'), runs each query's Athena SQL there and the
// query itself through `flowlens-cli query --output json`, and compares the answers.
//
// usage: node athena-vs-local.mjs FLOWLENS_CLI CACHE_DIR
// @duckdb/node-api is installed into CACHE_DIR with npm when it is not there yet. Exits 77 (a
// skip for ctest) when node's npm or DuckDB cannot be had, 1 when an answer differs.
// DuckDB stands in for Athena through the shims in duckdbflows.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { connect, duckdbSql, loadDuckDB, readFlows } from './duckdbflows.mjs';

const [cli, cacheDir] = process.argv.slice(2);
if (!cli || !cacheDir) {
    console.error('usage: node athena-vs-local.mjs FLOWLENS_CLI CACHE_DIR');
    process.exit(2);
}

// Deterministic records: sources with distinct REJECT counts, distinct byte sums, IPv6 sources,
// NODATA/SKIPDATA records with '-' everywhere, ports 22/80/443/3389/others, TCP/UDP/ICMP.
function generate(path) {
    let x = 20240501n;
    const next = (mod) => {
        x = (x * 6364136223846793005n + 1442695040888963407n) & 0xFFFFFFFFFFFFFFFFn;
        return Number((x >> 33n) % BigInt(mod));
    };
    const lines = ['version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start '
        + 'end action log-status'];
    const t0 = 1714521600; // 2024-05-01 00:00:00 UTC
    const record = (src, dst, dstPort, protocol, bytes, start, action) =>
        `2 123456789012 eni-0a1b2c3d ${src} ${dst} ${40000 + next(20000)} ${dstPort} ${protocol} `
        + `${1 + Math.floor(bytes / 1200)} ${bytes} ${start} ${start + next(60)} ${action} OK`;
    const ports = [22, 80, 443, 3389, 53, 8080];
    for (let k = 0; k < 60; ++k) { // source k is rejected k + 1 times
        for (let i = 0; i <= k; ++i) {
            lines.push(record(`10.0.0.${k}`, `10.0.1.${next(40)}`, ports[next(6)], 6, 40 + next(500), t0 + next(6 * 3600), 'REJECT'));
        }
    }
    for (let i = 0; i < 20000; ++i) {
        const s = next(100);
        const src = s < 10 ? `192.0.2.${next(50)}` : s < 14 ? `2001:db8::${(next(30) + 1).toString(16)}` : `10.0.0.${next(60)}`;
        const dst = next(5) === 0 ? `198.51.100.${next(20)}` : `10.0.1.${next(40)}`;
        const protocol = next(10) === 0 ? 17 : next(40) === 0 ? 1 : 6;
        lines.push(record(src, dst, ports[next(6)], protocol, 40 + next(20000000), t0 + next(6 * 3600),
            next(15) === 0 ? 'REJECT' : 'ACCEPT'));
    }
    for (let i = 0; i < 300; ++i) {
        const status = next(3) === 0 ? 'NODATA' : 'SKIPDATA';
        const start = t0 + next(6 * 3600);
        lines.push(`2 123456789012 eni-0a1b2c3d - - - - - - - ${start} ${start + 60} - ${status}`);
    }
    writeFileSync(path, lines.join('\n') + '\n');
}

// The console's sample queries for VPC flow logs, word for word, and a few more. `order`: the
// columns the result is sorted by (rows tied on them may come in any order).
const queries = [
    { q: 'stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr' },
    { q: 'filter protocol=17 | stats count(*) by srcAddr' },
    { q: 'stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort bytesTransferred desc | limit 10', order: ['bytesTransferred'] },
    { q: 'filter action="REJECT" | stats count(*) as numRejections by srcAddr | sort numRejections desc | limit 20', order: ['numRejections'] },
    { q: 'stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15', order: ['packetsTransferred'] },
    { q: 'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24") | stats sum(bytes) as bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15', order: ['bytesTransferred'] },
    { q: 'filter logStatus="SKIPDATA" | stats count(*) by bin(1h) as t | sort t', order: ['t'] },
    { q: 'stats count(*) as n, sum(bytes) as b by bin(5m) as t | sort t desc | limit 30', order: ['t'] },
    { q: 'stats count(*) as n by bin(2w) as t, bin(1w) as w, bin(1d) as d' },
    { q: 'filter dstPort in [22, 3389] and action = "REJECT" | stats count(*) as n, max(bytes) as m by dstPort, protocol | sort dstPort', order: ['dstPort'] },
    { q: 'filter srcAddr = "10.0.0.7" and not (dstPort = 443) | sort bytes desc | limit 5 | display srcAddr, dstPort, bytes', order: ['bytes'] },
    { q: 'filter bytes >= 1000 and bytes < 5000 or protocol = 1 | stats count(*) as n by action, logStatus' },
    { q: 'stats count(*) as n, count(bytes) as present by logStatus | sort n', order: ['n'] },
    { q: 'filter ispresent(srcAddr) and srcAddr like "2001:db8" | stats sum(bytes) as b by srcAddr' },
];

function normalise(v) {
    if (v === null || v === undefined) {
        return null;
    }
    if (typeof v === 'bigint') {
        return Number(v);
    }
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.0+)?$/.test(v)) {
        return v.replace('T', ' ').replace(/\.0+$/, ''); // timestamps to the second
    }
    return v;
}

function same(a, b) {
    if (typeof a === 'number' && typeof b === 'number') {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    }
    return a === b;
}

const key = (row, columns) => JSON.stringify(columns.map((c) => row[c]));

// Rows in a canonical order: by the query's sort columns as given, and by everything else within
// runs that tie on them.
function canonical(rows, columns, order) {
    const runs = [];
    for (const row of rows) {
        const k = order ? key(row, order) : '';
        if (runs.length === 0 || runs[runs.length - 1].k !== k) {
            runs.push({ k, rows: [] });
        }
        runs[runs.length - 1].rows.push(row);
    }
    return runs.flatMap((run) => run.rows.sort((a, b) => (key(a, columns) < key(b, columns) ? -1 : key(a, columns) > key(b, columns) ? 1 : 0)));
}

const duckdb = await loadDuckDB(cacheDir);
const work = join(resolve(cacheDir), 'athena-vs-local');
mkdirSync(work, { recursive: true });
const data = join(work, 'flows.log');
generate(data);
const db = await connect(duckdb);
await db.run(`CREATE TABLE vpc_flow_logs AS SELECT * FROM ${readFlows(data)}`);

let failures = 0;
for (const { q, order } of queries) {
    const local = spawnSync(cli, ['query', '--output', 'json', q, data], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (local.status !== 0) {
        console.log(`FAIL ${q}\n  flowlens-cli: ${local.stderr}`);
        ++failures;
        continue;
    }
    let sql = '';
    let sqlRows;
    try {
        sql = duckdbSql(cli, q);
        const reader = await db.runAndReadAll(sql);
        sqlRows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k,
            v instanceof Date ? v.toISOString().slice(0, 19).replace('T', ' ') : normalise(typeof v === 'object' && v !== null ? String(v) : v)])));
    } catch (e) {
        console.log(`FAIL ${q}\n  DuckDB: ${e.message}\n  SQL: ${sql}`);
        ++failures;
        continue;
    }
    const localRows = JSON.parse(local.stdout).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalise(v)])));
    const columns = localRows.length ? Object.keys(localRows[0]) : [];
    const a = canonical(localRows, columns, order);
    const b = canonical(sqlRows, columns, order);
    let problem = null;
    if (a.length !== b.length) {
        problem = `${a.length} local rows, ${b.length} SQL rows`;
    } else if (a.length === 0) {
        problem = 'no rows: the data does not exercise this query';
    } else {
        for (let i = 0; i < a.length && !problem; ++i) {
            for (const c of columns) {
                if (!same(a[i][c], b[i][c])) {
                    problem = `row ${i}, ${c}: local ${JSON.stringify(a[i][c])}, SQL ${JSON.stringify(b[i][c])}`;
                    break;
                }
            }
        }
    }
    if (problem) {
        console.log(`FAIL ${q}\n  ${problem}\n  SQL: ${sql.replace(/\n/g, ' ')}`);
        ++failures;
    } else {
        console.log(`ok   ${q} (${a.length} rows)`);
    }
}
console.log(`${queries.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
