// DuckDB as a stand-in for Athena: installs @duckdb/node-api into a cache folder when needed,
// loads flow-log text as AWS's vpc_flow_logs table, and bridges the Trino SQL that
// `flowlens-cli query --translate athena` prints to DuckDB's dialect with three shims:
// from_unixtime() becomes a macro, `contains('cidr', try_cast(x AS ipaddress))` an IPv4 macro,
// and ipaddress casts become text (equality only, no address order).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SKIP = 77;

// The @duckdb/node-api module, or exit 77 when npm or the package cannot be had.
export async function loadDuckDB(cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    const require = createRequire(join(resolve(cacheDir), 'package.json'));
    const load = async () => import(pathToFileURL(require.resolve('@duckdb/node-api')).href);
    try {
        return await load();
    } catch {
        // Not installed yet.
    }
    const npm = spawnSync('npm', ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--loglevel=error',
        '@duckdb/node-api'], { encoding: 'utf8', timeout: 240000 });
    if (npm.error || npm.status !== 0) {
        console.log(`SKIP: could not install @duckdb/node-api with npm: ${npm.error ?? npm.stderr}`);
        process.exit(SKIP);
    }
    try {
        return await load();
    } catch (e) {
        console.log(`SKIP: @duckdb/node-api does not load: ${e.message}`);
        process.exit(SKIP);
    }
}

// read_csv of a v2 flow-log file with a header line, '-' as null, in the table's column names.
export function readFlows(path) {
    return `read_csv('${path}', delim = ' ', header = true, nullstr = '-', columns = { 'version': 'INTEGER',
        'account_id': 'VARCHAR', 'interface_id': 'VARCHAR', 'srcaddr': 'VARCHAR', 'dstaddr': 'VARCHAR',
        'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'BIGINT', 'packets': 'BIGINT', 'bytes': 'BIGINT',
        'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', 'log_status': 'VARCHAR' })`;
}

// A connection with the shim macros defined.
export async function connect(duckdb) {
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run("SET TimeZone = 'UTC'");
    await db.run('CREATE MACRO from_unixtime(s) AS make_timestamp(CAST(round(s * 1000000) AS BIGINT))');
    await db.run(`CREATE MACRO ip4(a) AS CAST(split_part(a, '.', 1) AS BIGINT) * 16777216
        + CAST(split_part(a, '.', 2) AS BIGINT) * 65536 + CAST(split_part(a, '.', 3) AS BIGINT) * 256
        + CAST(split_part(a, '.', 4) AS BIGINT)`);
    await db.run(`CREATE MACRO cidr_contains(net, a) AS CASE WHEN a IS NULL THEN NULL WHEN a LIKE '%:%' THEN false
        ELSE (ip4(a) >> (32 - CAST(split_part(net, '/', 2) AS INTEGER)))
           = (ip4(split_part(net, '/', 1)) >> (32 - CAST(split_part(net, '/', 2) AS INTEGER))) END`);
    return db;
}

// The Athena SQL flowlens-cli prints for `query`, in DuckDB's dialect.
export function duckdbSql(cli, query) {
    const translated = spawnSync(cli, ['query', '--translate', 'athena', query], { encoding: 'utf8' });
    if (translated.status !== 0) {
        throw new Error(`flowlens-cli --translate athena: ${translated.stderr}`);
    }
    return translated.stdout.trim()
        .replace(/contains\('([0-9.]+\/\d+)', try_cast\(([a-z_]+) AS ipaddress\)\)/g, "cidr_contains('$1', $2)")
        .replace(/try_cast\(([a-z_]+) AS ipaddress\)/g, '$1')
        .replace(/IPADDRESS '([^']*)'/g, "'$1'")
        .replace(/;\s*$/, '');
}
