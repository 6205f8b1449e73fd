#!/usr/bin/env node
// DuckDB's side of query-benchmark.sh: times each query's Athena SQL (as flowlens-cli translates
// it) streaming from the file with read_csv, and on an in-memory table; prints JSON lines.
// usage: node query-duckdb.mjs FLOWLENS_CLI CACHE_DIR FLOWS_FILE REPEAT QUERY...
import { resolve } from 'node:path';

import { connect, duckdbSql, loadDuckDB, readFlows } from '../query/duckdbflows.mjs';

const [cli, cacheDir, file, repeatText, ...queries] = process.argv.slice(2);
const repeat = Number(repeatText);
const duckdb = await loadDuckDB(cacheDir);
const db = await connect(duckdb);
const source = readFlows(resolve(file));

async function time(sql, times) {
    const ms = [];
    let rows = 0;
    for (let i = 0; i < times; ++i) {
        const t0 = performance.now();
        const reader = await db.runAndReadAll(sql);
        ms.push(performance.now() - t0);
        rows = reader.currentRowCount;
    }
    ms.sort((a, b) => a - b);
    return { rows, min_ms: ms[0], median_ms: ms[Math.floor(ms.length / 2)] };
}

const t0 = performance.now();
await db.run(`CREATE TABLE vpc_flow_logs AS SELECT * FROM ${source}`);
console.log(JSON.stringify({ load_seconds: (performance.now() - t0) / 1000 }));
for (const query of queries) {
    const sql = duckdbSql(cli, query);
    const table = await time(sql, repeat);
    // Streaming: the same SQL over read_csv, once (it reads the whole file each time).
    const streaming = await time(sql.replace(/FROM vpc_flow_logs/g, `FROM ${source}`), 1);
    console.log(JSON.stringify({ query, table, read_csv_ms: streaming.min_ms }));
}
