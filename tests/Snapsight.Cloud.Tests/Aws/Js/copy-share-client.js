// Drives the copy-and-share parts of our loopback fake with the AWS SDK for JavaScript
// (@aws-sdk/client-kms, @aws-sdk/client-ec2), the independent client they are checked against.
// Reads {endpoint, region, credentials (the scanning role's), roleArn, externalId, alias,
// sourceSnapshotId, tags} on stdin; assumes the target role, finds the copy key by its alias with
// KMS DescribeKey (AWS JSON 1.1), copies the source under it with EC2 CopySnapshot (tags at
// creation), describes the copy, then tries what must be refused (an alias that does not exist, a
// copy without our tags). Writes {key, copy, described, refused} as JSON.
"use strict";
const refusal = require("./refusal");
const { STSClient, AssumeRoleCommand } = require("@aws-sdk/client-sts");
const { KMSClient, DescribeKeyCommand } = require("@aws-sdk/client-kms");
const { EC2Client, CopySnapshotCommand, DescribeSnapshotsCommand } = require("@aws-sdk/client-ec2");

async function main(input) {
  const sts = new STSClient({ region: input.region, endpoint: input.endpoint, credentials: input.credentials, maxAttempts: 3 });
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: input.roleArn, RoleSessionName: "js-oracle", ExternalId: input.externalId }));
  const session = {
    accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken,
  };
  const kms = new KMSClient({ region: input.region, endpoint: input.endpoint, credentials: session, maxAttempts: 3 });
  const ec2 = new EC2Client({ region: input.region, endpoint: input.endpoint, credentials: session, maxAttempts: 3 });

  const key = (await kms.send(new DescribeKeyCommand({ KeyId: input.alias }))).KeyMetadata;
  const tags = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
  const copy = await ec2.send(new CopySnapshotCommand({
    SourceRegion: input.region,
    SourceSnapshotId: input.sourceSnapshotId,
    Encrypted: true,
    KmsKeyId: key.Arn,
    Description: "copied by the JavaScript SDK",
    TagSpecifications: [{ ResourceType: "snapshot", Tags: tags }],
  }));
  const s = (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [copy.SnapshotId] }))).Snapshots[0];

  const refused = {
    unknownAlias: await refusal(kms.send(new DescribeKeyCommand({ KeyId: "alias/not-there" }))),
    untaggedCopy: await refusal(ec2.send(new CopySnapshotCommand({
      SourceRegion: input.region, SourceSnapshotId: input.sourceSnapshotId, Encrypted: true, KmsKeyId: key.Arn,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "backup", Value: "daily" }] }],
    }))),
  };

  return {
    key: { keyId: key.KeyId, arn: key.Arn, account: key.AWSAccountId, enabled: key.Enabled, state: key.KeyState, manager: key.KeyManager, created: key.CreationDate.toISOString() },
    copy: { id: copy.SnapshotId, tags: Object.fromEntries((copy.Tags ?? []).map((t) => [t.Key, t.Value])) },
    described: {
      id: s.SnapshotId, state: s.State, volumeId: s.VolumeId, ownerId: s.OwnerId, encrypted: s.Encrypted, kmsKeyId: s.KmsKeyId ?? null,
      tags: Object.fromEntries(s.Tags.map((t) => [t.Key, t.Value])),
    },
    refused,
  };
}

require("./json-stdio")(main);
