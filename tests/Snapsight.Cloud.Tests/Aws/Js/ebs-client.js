// Reads a snapshot from an EBS direct endpoint with the AWS SDK for JavaScript (@aws-sdk/client-ebs):
// the independent client our loopback fake is checked against. Reads {endpoint, region, credentials,
// snapshotId, nextSnapshotId, deniedSnapshotId} on stdin; lists every block 100 at a time, gets each
// one, lists the blocks changed from snapshotId to nextSnapshotId, and writes {volumeSize, blockSize,
// pages, blocks: [[index, sha256 hex, x-amz-Checksum]], changed: [[index, has first token, has
// second token]], changedPages, denied: error name and reason}.
"use strict";
const crypto = require("crypto");
const { EBSClient, ListSnapshotBlocksCommand, GetSnapshotBlockCommand, ListChangedBlocksCommand } = require("@aws-sdk/client-ebs");

async function main(input) {
  const client = new EBSClient({ region: input.region, endpoint: input.endpoint, credentials: input.credentials, maxAttempts: 5 });
  const listed = [];
  let volumeSize, blockSize, token;
  let pages = 0;
  do {
    const page = await client.send(new ListSnapshotBlocksCommand({ SnapshotId: input.snapshotId, MaxResults: 100, NextToken: token }));
    pages++;
    volumeSize = page.VolumeSize;
    blockSize = page.BlockSize;
    listed.push(...page.Blocks);
    token = page.NextToken;
  } while (token);

  const blocks = [];
  for (const block of listed) {
    const got = await client.send(new GetSnapshotBlockCommand({ SnapshotId: input.snapshotId, BlockIndex: block.BlockIndex, BlockToken: block.BlockToken }));
    const data = await got.BlockData.transformToByteArray();
    if (data.length !== got.DataLength) {
      throw new Error(`block ${block.BlockIndex}: ${data.length} bytes, DataLength ${got.DataLength}`);
    }
    blocks.push([block.BlockIndex, crypto.createHash("sha256").update(data).digest("hex"), got.Checksum]);
  }

  const changed = [];
  let changedPages = 0;
  token = undefined;
  do {
    const page = await client.send(new ListChangedBlocksCommand({
      FirstSnapshotId: input.snapshotId, SecondSnapshotId: input.nextSnapshotId, MaxResults: 100, NextToken: token }));
    changedPages++;
    for (const c of page.ChangedBlocks) {
      changed.push([c.BlockIndex, c.FirstBlockToken !== undefined, c.SecondBlockToken !== undefined]);
    }
    token = page.NextToken;
  } while (token);

  let denied = null;
  try {
    await client.send(new ListSnapshotBlocksCommand({ SnapshotId: input.deniedSnapshotId }));
  } catch (e) {
    denied = `${e.name} ${e.Reason ?? ""}`.trim();
  }

  return { volumeSize, blockSize, pages, blocks, changed, changedPages, denied };
}

require("./json-stdio")(main);
