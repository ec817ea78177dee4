-- Seeds the one subscription `snapsight-server init` made with :assets assets and :findings_per_asset
-- current findings each (bench/console). Everything is INSERT … SELECT over generate_series, so
-- PostgreSQL writes the rows itself: no row crosses the wire. Ids are derived from the row numbers
-- (md5 as a uuid) so the tables can refer to each other without a lookup.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

CREATE TEMP TABLE bench AS
SELECT "Id" AS subscription, now() AS now FROM "Subscriptions" LIMIT 1;

-- The planner must leave the seeded fleet alone: no scan falls due while the bench runs.
UPDATE "Subscriptions" SET "LicensedIpAddresses" = 1000000, "ScanIntervalHours" = 24 * 365;

INSERT INTO "Assets" ("Id", "SubscriptionId", "CloudAccountId", "Region", "InstanceId", "Name", "PrivateIpAddress",
    "LicensedIpAddress", "State", "FirstSeenAt", "LastSeenAt", "Activation", "ActivationReason", "ActivatedAt", "LastScanCompletedAt")
SELECT md5('asset' || i)::uuid, b.subscription,
    (100000000000 + i % 10)::text,
    (ARRAY['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'])[1 + i / 10 % 4],
    'i-' || lpad(to_hex(i), 17, '0'),
    (ARRAY['web', 'db', 'app', 'ops', 'batch'])[1 + i % 5] || '-' || i,
    '10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256),
    CASE WHEN i % 20 <> 0 THEN '10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256) END,
    CASE WHEN i % 50 = 0 THEN 'Terminated' WHEN i % 12 = 0 THEN 'Stopped' ELSE 'Running' END,
    b.now - interval '60 days', b.now,
    CASE WHEN i % 20 <> 0 THEN 'Activated' ELSE 'NotActivated' END,
    CASE WHEN i % 20 = 0 THEN 'licence_exhausted' END,
    CASE WHEN i % 20 <> 0 THEN b.now - interval '59 days' END,
    b.now - (i % 720) * interval '1 minute'
FROM generate_series(1, :assets) AS i, bench b;

INSERT INTO "AssetTags" ("AssetId", "Key", "Value")
SELECT md5('asset' || i)::uuid, t.key, CASE t.key WHEN 'env' THEN (ARRAY['prod', 'staging', 'dev'])[1 + i % 3] ELSE 'team-' || i % 20 END
FROM generate_series(1, :assets) AS i, (VALUES ('env'), ('team')) AS t(key);

-- Two runs an asset: an older one some day of the last month (its counts only: the findings of
-- history are not what the lists read), and the current one of the last 12 hours with the findings.
-- Each current run's findings: 5 critical, 20 high, 35 medium, 30 low, 10 unknown in every 100.
INSERT INTO "StoredRuns" ("Id", "SubscriptionId", "AssetId", "CompletedAt", "StoredAt", "IsCurrent", "SupersededAt", "OsFamily", "OsName", "OsVersion",
    "BytesRead", "ReadRequests", "PackageCount", "FindingCount", "RuleResultCount",
    "CriticalFindings", "HighFindings", "MediumFindings", "LowFindings", "UnknownFindings")
SELECT md5(r.kind || i)::uuid, b.subscription, md5('asset' || i)::uuid, r.at, r.at, r.kind = 'run',
    CASE WHEN r.kind = 'old' THEN b.now - (i % 720) * interval '1 minute' END,
    (ARRAY['debian', 'ubuntu', 'almalinux', 'amzn'])[1 + i % 4], 'Linux', '12', 300000, 80, :packages_per_asset, r.findings, 0,
    r.findings * 5 / 100, r.findings * 20 / 100, r.findings * 35 / 100, r.findings * 30 / 100, r.findings * 10 / 100
FROM generate_series(1, :assets) AS i, bench b,
    LATERAL (VALUES ('run', b.now - (i % 720) * interval '1 minute', :findings_per_asset),
                    ('old', b.now - (1 + i % 29) * interval '1 day', (i % 3 + 1) * :findings_per_asset / 2)) AS r(kind, at, findings);

INSERT INTO "StoredPackages" ("Id", "SubscriptionId", "RunId", "AssetId", "Type", "Name", "Version", "Arch", "Purl", "Source")
SELECT md5('package' || i || '.' || k)::uuid, b.subscription, md5('run' || i)::uuid, md5('asset' || i)::uuid, 'dpkg',
    'pkg-' || (i + k * 7) % 500, '1.' || k || '.0', 'amd64', 'pkg:deb/debian/pkg-' || (i + k * 7) % 500 || '@1.' || k || '.0', NULL
FROM generate_series(1, :assets) AS i, generate_series(0, :packages_per_asset - 1) AS k, bench b;

-- Finding j of asset i: one of 5,000 vulnerabilities (distinct within the asset) in one of 500 packages;
-- 2 % in KEV, 70 % with a fix, every tenth with an alias. A vulnerability's KEV, EPSS and CVSS come
-- from a scramble of its number (h), so they do not follow the list's order by id, as in real data.
INSERT INTO "StoredFindings" ("Id", "SubscriptionId", "RunId", "AssetId", "VulnerabilityId", "PackageName", "InstalledVersion",
    "FixedVersion", "Severity", "CvssScore", "Kev", "EpssScore", "Remediation", "PackageType", "PackageLocation", "MatchedName",
    "MatchedVersion", "Matches")
SELECT md5('finding' || i || '.' || j)::uuid, b.subscription, md5('run' || i)::uuid, md5('asset' || i)::uuid,
    'CVE-2024-' || lpad(v::text, 5, '0'), 'pkg-' || p, '1.' || j || '.0',
    CASE WHEN j % 10 < 7 THEN '1.' || j || '.1' END,
    CASE WHEN j % 20 = 0 THEN 'Critical' WHEN j % 20 < 5 THEN 'High' WHEN j % 20 < 12 THEN 'Medium' WHEN j % 20 < 18 THEN 'Low' ELSE 'Unknown' END,
    (h % 100) / 10.0, h < 100, h / 5000.0,
    CASE WHEN j % 10 < 7 THEN 'apt-get install --only-upgrade pkg-' || p END,
    'dpkg', 'var/lib/dpkg/status', 'src-' || p, '1.' || j || '.0',
    jsonb_build_array(jsonb_build_object('Advisory', 'debian-tracker CVE-2024-' || lpad(v::text, 5, '0'), 'Introduced', NULL,
        'Fixed', CASE WHEN j % 10 < 7 THEN '1.' || j || '.1' END, 'LastAffected', NULL))
FROM generate_series(1, :assets) AS i, generate_series(0, :findings_per_asset - 1) AS j, bench b,
    LATERAL (SELECT (i * 7 + j * 13) % 5000 AS v, (i + j * 3) % 500 AS p) AS x,
    LATERAL (SELECT x.v * 7919 % 5000 AS h) AS y;

INSERT INTO "StoredFindingAliases" ("FindingId", "Alias")
SELECT md5('finding' || i || '.' || j)::uuid, 'DSA-' || (5000 + (i * 7 + j * 13) % 5000) || '-1'
FROM generate_series(1, :assets) AS i, generate_series(0, :findings_per_asset - 1, 10) AS j;

INSERT INTO "ScanRuns" ("Id", "SubscriptionId", "AssetId", "CloudAccountId", "Region", "InstanceId", "State", "Ending", "VolumeIds",
    "HasEncryptedVolumes", "SnapshotIds", "Attempt", "NextAttemptAt", "CreatedAt", "UpdatedAt", "FinishedAt")
SELECT md5('run' || i)::uuid, b.subscription, md5('asset' || i)::uuid, (100000000000 + i % 10)::text,
    (ARRAY['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'])[1 + i / 10 % 4], 'i-' || lpad(to_hex(i), 17, '0'),
    'Done', NULL, ARRAY['vol-' || lpad(to_hex(i), 17, '0')], false, ARRAY[]::text[], 1,
    b.now, b.now - (i % 720) * interval '1 minute' - interval '3 minutes', b.now - (i % 720) * interval '1 minute',
    b.now - (i % 720) * interval '1 minute'
FROM generate_series(1, :assets) AS i, bench b;

INSERT INTO "AuditEntries" ("SubscriptionId", "At", "Actor", "Action", "Target", "Succeeded", "Detail", "Client")
SELECT b.subscription, b.now - n * interval '1 minute', 'user-' || n % 7,
    (ARRAY['sign-in', 'token.issue', 'token.revoke', 'asset.scan', 'connector.update'])[1 + n % 5], 'target-' || n, n % 13 <> 0, NULL, '10.1.0.1'
FROM generate_series(1, :audit_entries) AS n, bench b;

-- As autovacuum leaves an insert-mostly table: statistics, and the visibility map that lets index-only scans skip the table.
VACUUM ANALYZE;
