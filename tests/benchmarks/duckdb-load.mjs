// Loads a v2 flow-log file into an in-memory DuckDB table and prints one JSON line with the time
// the load took, the row count, the sum of `bytes` (for the cross-check) and the memory DuckDB says
// it holds. Run by ingest-benchmark.sh with FLOWLENS_BENCH_NODE_DIR set to the folder whose
// node_modules has @duckdb/node-api; the path of the file is the only argument.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.FLOWLENS_BENCH_NODE_DIR ?? '.', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const file = process.argv[2];
if (!file) {
    console.error('usage: node duckdb-load.mjs FILE');
    process.exit(2);
}

// The 14 default fields with the types they have, so DuckDB need not guess; '-' is null, the
// header line is skipped.
const columns = {
    version: 'INTEGER', account_id: 'VARCHAR', interface_id: 'VARCHAR', srcaddr: 'VARCHAR', dstaddr: 'VARCHAR',
    srcport: 'INTEGER', dstport: 'INTEGER', protocol: 'INTEGER', packets: 'BIGINT', bytes: 'BIGINT',
    start: 'BIGINT', end: 'BIGINT', action: 'VARCHAR', log_status: 'VARCHAR',
};
const columnList = Object.entries(columns).map(([name, type]) => `'${name}': '${type}'`).join(', ');
const quoted = file.replaceAll("'", "''");

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const started = performance.now();
await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${quoted}', delim=' ', header=false, skip=1, ` +
    `nullstr='-', columns={${columnList}})`);
const seconds = (performance.now() - started) / 1000;

const scalar = async (sql) => (await connection.runAndReadAll(sql)).getRows()[0][0];
const rows = Number(await scalar('SELECT count(*) FROM t'));
const bytesTotal = String(await scalar('SELECT sum(bytes) FROM t'));
const memoryBytes = Number(await scalar('SELECT sum(memory_usage_bytes) FROM duckdb_memory()'));
const threads = Number(await scalar("SELECT current_setting('threads')"));
console.log(JSON.stringify({
    rows, seconds, records_per_second: rows / seconds, bytes_total: bytesTotal, memory_bytes: memoryBytes,
    bytes_per_record: memoryBytes / rows, peak_rss_bytes: process.resourceUsage().maxRSS * 1024, threads,
}));
