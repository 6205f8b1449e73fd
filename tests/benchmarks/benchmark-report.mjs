// Prints ingest-benchmark.sh's table from the JSON files it collected: the figures, the ratios,
// issue 2's targets marked met or not met, and the cross-check of the bytes totals. Exits 1 when
// the tools disagree on the records or the bytes, so a wrong load never passes for a fast one.
//
// usage: node benchmark-report.mjs RESULTS_DIR RECORDS PLAIN_FILE GZ_FILE BUILD_DIR BUILD_TYPE
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [resultsDir, recordsText, plainFile, gzFile, buildDir, buildType] = process.argv.slice(2);
const records = Number(recordsText);
const read = (name) => fs.readFileSync(path.join(resultsDir, name), 'utf8');
const json = (name) => JSON.parse(read(name));

const plain = json('flowlens-plain.json');
const gz = json('flowlens-gz.json');
const duck = json('duckdb.json');
const mawk = json('mawk.json');
const plainWall = Number(read('flowlens-plain.wall'));
const gzWall = Number(read('flowlens-gz.wall'));
const mawkRate = mawk.rows / mawk.seconds;

const million = (v) => `${(v / 1e6).toFixed(2)}M`;
const mib = (v) => `${(v / 1048576).toFixed(0)} MiB`;
const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);

const rows = [
    ['FlowLens summary, plain', plain.records_per_second, plain.load_seconds, plainWall,
        plain.bytes_per_record, plain.peak_rss_bytes, plain.peak_rss_bytes / plain.store_bytes],
    ['FlowLens summary, gzip', gz.records_per_second, gz.load_seconds, gzWall, gz.bytes_per_record,
        gz.peak_rss_bytes, gz.peak_rss_bytes / gz.store_bytes],
    [`DuckDB in-memory load (${duck.threads} threads)`, duck.records_per_second, duck.seconds, null,
        duck.bytes_per_record, duck.peak_rss_bytes, duck.peak_rss_bytes / duck.memory_bytes],
    ['mawk, sum of bytes', mawkRate, mawk.seconds, null, null, null, null],
];

const size = (file) => mib(fs.statSync(file).size);
console.log(`Ingest benchmark: ${records.toLocaleString('en')} v2 records, seed 1 ` +
    `(plain ${size(plainFile)}, gzip ${size(gzFile)})`);
console.log(`flowlens-cli from ${buildDir} (${buildType}); ${os.cpus().length} cores, load average ` +
    `${os.loadavg()[0].toFixed(1)} at the end. The machine is shared, so the figures are noisy.`);
console.log('');
console.log(`${pad('', 34)}${padLeft('records/s', 11)}${padLeft('load s', 9)}${padLeft('wall s', 9)}` +
    `${padLeft('B/record', 10)}${padLeft('peak RSS', 11)}${padLeft('RSS/store', 11)}`);
for (const [name, rate, seconds, wall, perRecord, rss, ratio] of rows) {
    console.log(`${pad(name, 34)}${padLeft(million(rate), 11)}${padLeft(seconds.toFixed(2), 9)}` +
        `${padLeft(wall === null ? '' : wall.toFixed(2), 9)}` +
        `${padLeft(perRecord === null ? '' : perRecord.toFixed(1), 10)}${padLeft(rss === null ? '' : mib(rss), 11)}` +
        `${padLeft(ratio === null ? '' : ratio.toFixed(2), 11)}`);
}
console.log('(B/record and RSS/store: FlowLens store_bytes; DuckDB memory_usage_bytes from duckdb_memory())');
console.log('');
console.log('Ratios (records/s)');
console.log(`  FlowLens plain / DuckDB   ${(plain.records_per_second / duck.records_per_second).toFixed(2)}x`);
console.log(`  FlowLens gzip  / DuckDB   ${(gz.records_per_second / duck.records_per_second).toFixed(2)}x`);
console.log(`  FlowLens plain / mawk     ${(plain.records_per_second / mawkRate).toFixed(2)}x`);
console.log(`  FlowLens gzip  / mawk     ${(gz.records_per_second / mawkRate).toFixed(2)}x`);
console.log('');

const targets = [
    ['plain >= 6M records/s', million(plain.records_per_second), plain.records_per_second >= 6e6],
    ['plain >= 5x DuckDB', `${(plain.records_per_second / duck.records_per_second).toFixed(2)}x`,
        plain.records_per_second >= 5 * duck.records_per_second],
    ['gzip >= 4M records/s', million(gz.records_per_second), gz.records_per_second >= 4e6],
    ['store <= 40 bytes/record (plain)', plain.bytes_per_record.toFixed(1), plain.bytes_per_record <= 40],
    ['peak RSS <= 1.3x store (plain)', (plain.peak_rss_bytes / plain.store_bytes).toFixed(2),
        plain.peak_rss_bytes <= 1.3 * plain.store_bytes],
    ['peak RSS <= 1.3x store (gzip)', (gz.peak_rss_bytes / gz.store_bytes).toFixed(2),
        gz.peak_rss_bytes <= 1.3 * gz.store_bytes],
];
console.log('Targets (issue 2)');
for (const [what, value, met] of targets) {
    console.log(`  ${pad(what, 34)}${padLeft(value, 9)}   ${met ? 'met' : 'NOT MET'}`);
}
console.log('');

// Cross-check: every tool saw the same records and the same bytes.
const counts = { 'FlowLens plain': plain.records, 'FlowLens gzip': gz.records, DuckDB: duck.rows };
const totals = { 'FlowLens plain': String(plain.bytes_total), 'FlowLens gzip': String(gz.bytes_total),
    DuckDB: String(duck.bytes_total), mawk: String(mawk.bytes_total) };
const countsAgree = Object.values(counts).every((n) => n === records) && plain.errors === 0 && gz.errors === 0;
const totalsAgree = new Set(Object.values(totals)).size === 1;
console.log(`Cross-check records: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
    `errors ${plain.errors} + ${gz.errors}: ${countsAgree ? 'agree' : 'DISAGREE'}`);
console.log(`Cross-check bytes total: ${Object.entries(totals).map(([k, v]) => `${k} ${v}`).join(', ')}: ` +
    `${totalsAgree ? 'agree' : 'DISAGREE'}`);
process.exit(countsAgree && totalsAgree ? 0 : 1);
