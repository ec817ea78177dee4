// Drives our loopback EC2 and STS fake with the AWS SDK for JavaScript (@aws-sdk/client-sts,
// @aws-sdk/client-ec2): the independent client that fake is checked against. Reads {endpoint,
// region, credentials (the scanning role's), roleArn, externalId, instanceId, tags, ebsEndpoint,
// readSnapshotId} on stdin; assumes the role, lists every instance and volume page by page, reads
// every written block of readSnapshotId with @aws-sdk/client-ebs as that role, snapshots the
// instance with our tags, describes and deletes the snapshots, then tries two things the role
// must refuse (a wrong external ID, snapshots without our tags). Writes {pages, instances,
// volumes, blocks, created, described, left, refused} as JSON.
"use strict";
const crypto = require("crypto");
const { EBSClient, ListSnapshotBlocksCommand, GetSnapshotBlockCommand } = require("@aws-sdk/client-ebs");
const { STSClient, AssumeRoleCommand } = require("@aws-sdk/client-sts");
const {
  EC2Client, DescribeInstancesCommand, DescribeVolumesCommand, CreateSnapshotsCommand, DescribeSnapshotsCommand, DeleteSnapshotCommand,
} = require("@aws-sdk/client-ec2");

async function assume(input, externalId) {
  const sts = new STSClient({ region: input.region, endpoint: input.endpoint, credentials: input.credentials, maxAttempts: 3 });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: input.roleArn, RoleSessionName: "js-oracle", ExternalId: externalId, DurationSeconds: 3600 }));
  return { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken };
}

const refusal = require("./refusal");

async function main(input) {
  const session = await assume(input, input.externalId);
  const ec2 = new EC2Client({ region: input.region, endpoint: input.endpoint, credentials: session, maxAttempts: 3 });
  const pages = { instances: 0, volumes: 0 };
  const instances = [];
  let token;
  do {
    const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
    pages.instances++;
    for (const i of page.Reservations.flatMap((r) => r.Instances)) {
      instances.push({
        id: i.InstanceId, state: i.State.Name, imageId: i.ImageId, launchTime: i.LaunchTime.toISOString(),
        privateIp: i.PrivateIpAddress ?? null, publicIp: i.PublicIpAddress ?? null, rootDevice: i.RootDeviceName,
        tags: Object.fromEntries((i.Tags ?? []).map((t) => [t.Key, t.Value])),
        devices: i.BlockDeviceMappings.map((m) => [m.DeviceName, m.Ebs.VolumeId]),
      });
    }
    token = page.NextToken;
  } while (token);

  const volumes = [];
  do {
    const page = await ec2.send(new DescribeVolumesCommand({ MaxResults: 5, NextToken: token }));
    pages.volumes++;
    for (const v of page.Volumes) {
      volumes.push({ id: v.VolumeId, size: v.Size, encrypted: v.Encrypted, kmsKeyId: v.KmsKeyId ?? null, instanceId: v.Attachments[0].InstanceId });
    }
    token = page.NextToken;
  } while (token);

  const ebs = new EBSClient({ region: input.region, endpoint: input.ebsEndpoint, credentials: session, maxAttempts: 3 });
  const blocks = [];
  do {
    const page = await ebs.send(new ListSnapshotBlocksCommand({ SnapshotId: input.readSnapshotId, MaxResults: 100, NextToken: token }));
    for (const block of page.Blocks) {
      const got = await ebs.send(new GetSnapshotBlockCommand({ SnapshotId: input.readSnapshotId, BlockIndex: block.BlockIndex, BlockToken: block.BlockToken }));
      blocks.push([block.BlockIndex, crypto.createHash("sha256").update(await got.BlockData.transformToByteArray()).digest("hex")]);
    }
    token = page.NextToken;
  } while (token);

  const tags = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
  const created = await ec2.send(new CreateSnapshotsCommand({
    InstanceSpecification: { InstanceId: input.instanceId },
    TagSpecifications: [{ ResourceType: "snapshot", Tags: tags }],
  }));
  const ids = created.Snapshots.map((s) => s.SnapshotId);
  const described = (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: ids }))).Snapshots.map((s) => ({
    id: s.SnapshotId, volumeId: s.VolumeId, state: s.State, ownerId: s.OwnerId, volumeSize: s.VolumeSize,
    encrypted: s.Encrypted, kmsKeyId: s.KmsKeyId ?? null, tags: Object.fromEntries(s.Tags.map((t) => [t.Key, t.Value])),
  }));
  for (const id of ids) {
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }));
  }
  const left = (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))).Snapshots.map((s) => s.SnapshotId);

  const refused = {
    wrongExternalId: await refusal(assume(input, input.externalId + "-wrong")),
    untaggedCreate: await refusal(ec2.send(new CreateSnapshotsCommand({
      InstanceSpecification: { InstanceId: input.instanceId },
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "backup", Value: "daily" }] }],
    }))),
  };

  return { pages, instances, volumes, blocks, created: created.Snapshots.map((s) => [s.SnapshotId, s.VolumeId, s.State]), described, left, refused };
}

require("./json-stdio")(main);
